//! The real `podnet` binary on the command line: contract exit codes, formats, bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_podnet");

const SAMPLE: &str = "apiVersion: v1
kind: Pod
metadata:
  name: samplepod
  annotations:
    cni.projectcalico.org/ipv4pools: \"default-ipv4-ippool\"   # must be a JSON array
    k8s.v1.cni.cncf.io/networks: default/flannel-conf
spec:
  containers:
  - name: app
    image: nginx
";

/// Runs podnet with `stdin` under a 2 GiB address-space limit, killing it after 120 s (a
/// hang guard, not a timing assertion).
fn run(args: &[&str], stdin: &[u8]) -> (Output, Duration) {
    let start = Instant::now();
    // Address space capped at 2 GiB: a run that needs more memory fails the test.
    let mut child = Command::new("bash")
        .arg("-c")
        .arg("ulimit -v 2097152 && exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn podnet");
    let mut sin = child.stdin.take().expect("stdin is piped");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = sin.write_all(&data);
    });
    // Collect output on another thread so a large output cannot fill the pipe and stall.
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(out) => out.expect("podnet's output"),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("podnet {args:?} did not finish within 120 s");
        }
    };
    writer.join().expect("the stdin writer finishes");
    (out, start.elapsed())
}

fn json_of(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad json: {e}\n{}", String::from_utf8_lossy(&out.stdout)))
}

fn rules_in(v: &serde_json::Value) -> Vec<String> {
    v["files"][0]["diagnostics"]
        .as_array()
        .expect("the JSON report has this array")
        .iter()
        .map(|d| {
            d["rule"]
                .as_str()
                .expect("the JSON report has this string")
                .to_string()
        })
        .collect()
}

#[test]
fn check_json_reports_cal_a001_at_the_exact_range() {
    let (out, _) = run(&["check", "--format", "json", "-"], SAMPLE.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    assert_eq!(v["version"], 1);
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let errors: Vec<_> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{v:#}");
    let d = errors[0];
    assert_eq!(d["rule"], "CAL-A001");
    assert_eq!(d["severity"], "error");
    assert_eq!(
        d["object"],
        serde_json::json!({"kind": "Pod", "namespace": "default", "name": "samplepod"})
    );
    let off = SAMPLE.find("\"default-ipv4-ippool\"").unwrap();
    assert_eq!(
        d["range"]["start"],
        serde_json::json!({"line": 6, "column": 38, "offset": off})
    );
    assert_eq!(
        d["range"]["end"],
        serde_json::json!({"line": 6, "column": 59, "offset": off + 21})
    );
    assert_eq!(d["fix"]["applicability"], "safe");
    assert_eq!(
        d["fix"]["edits"][0]["content"],
        "'[\"default-ipv4-ippool\"]'"
    );
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["warnings"], 0);
}

#[test]
fn fix_prints_corrected_yaml_and_check_passes_on_it() {
    let (out, _) = run(&["fix"], SAMPLE.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let fixed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        fixed,
        SAMPLE.replace(
            "\"default-ipv4-ippool\"   #",
            "'[\"default-ipv4-ippool\"]'   #"
        )
    );
    let (again, _) = run(&["check", "-"], fixed.as_bytes());
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    // Fixing twice is fixing once.
    let (twice, _) = run(&["fix", "-"], fixed.as_bytes());
    assert_eq!(String::from_utf8(twice.stdout).unwrap(), fixed);
}

#[test]
fn fix_write_and_diff() {
    let dir = tempdir();
    let path = dir.join("pod.yaml");
    std::fs::write(&path, SAMPLE).unwrap();
    let p = path.to_str().unwrap();
    let (diff, _) = run(&["fix", "--diff", p], b"");
    let diff = String::from_utf8(diff.stdout).unwrap();
    assert!(diff.contains("-    cni.projectcalico.org/ipv4pools: \"default-ipv4-ippool\"   # must be a JSON array"), "{diff}");
    assert!(diff.contains("+    cni.projectcalico.org/ipv4pools: '[\"default-ipv4-ippool\"]'   # must be a JSON array"), "{diff}");
    let (w, _) = run(&["fix", "--write", p], b"");
    assert_eq!(w.status.code(), Some(0));
    let (c, _) = run(&["check", p], b"");
    assert_eq!(c.status.code(), Some(0));
}

#[test]
fn text_format_shows_source_line_caret_and_fix() {
    let (out, _) = run(&["check"], SAMPLE.as_bytes());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("<stdin>:6:38: error[CAL-A001]"), "{text}");
    assert!(text.contains("6 |     cni.projectcalico.org/ipv4pools: \"default-ipv4-ippool\"   # must be a JSON array"), "{text}");
    assert!(
        text.contains(&format!("  | {}{}", " ".repeat(37), "^".repeat(21))),
        "{text}"
    );
    assert!(text.contains("= fix: Wrap in a JSON array"), "{text}");
}

#[test]
fn github_format_is_workflow_commands() {
    let (out, _) = run(&["check", "--format", "github"], SAMPLE.as_bytes());
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().next().unwrap();
    assert!(
        line.starts_with("::error file=<stdin>,line=6,col=38,endLine=6,endColumn=59,title=CAL-A001 calico-pools-not-json-array::"),
        "{line}"
    );
    // Property values escape ':' and ','; the message escapes newlines and '%'.
    let re_ok = text.lines().all(|l| {
        l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice ")
    });
    assert!(re_ok, "{text}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    let (out, _) = run(&["check", "/nonexistent/file.yaml"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/file.yaml"));
    let (out, _) = run(&["check", "--format", "xml"], b"");
    assert_eq!(out.status.code(), Some(2));
    let (out, _) = run(&["check", "--select", "NOPE-1"], b"");
    assert_eq!(out.status.code(), Some(2));
    let (out, _) = run(&["check", "/"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn fail_on_warning_and_select_with_alias() {
    let (out, _) = run(
        &["check", "--select", "MUL-C01", "--format", "json"],
        SAMPLE.as_bytes(),
    );
    assert_eq!(rules_in(&json_of(&out)), vec!["CAL-A001"]);
    let (out, _) = run(&["check", "--ignore", "CAL-A001"], SAMPLE.as_bytes());
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn rules_command_lists_and_documents() {
    let (out, _) = run(&["rules"], b"");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("CAL-A001") && text.contains("YAML-001"),
        "{text}"
    );
    let (out, _) = run(&["rules", "mul-c01"], b"");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("# CAL-A001 calico-pools-not-json-array"),
        "{text}"
    );
    assert!(text.contains("## Why is this bad?"));
    let (out, _) = run(&["rules", "XYZ-9"], b"");
    assert_eq!(out.status.code(), Some(2));
}

// ---- bad input ------------------------------------------------------------------------

fn check_json(input: &[u8]) -> (Output, serde_json::Value) {
    let (out, _) = run(&["check", "--format", "json"], input);
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out);
    (out, v)
}

#[test]
fn empty_and_comment_only_inputs_are_clean() {
    for input in [
        "",
        "\n\n",
        "# only a comment\n# and another\n",
        "---\n...\n",
        "---\n---\n",
    ] {
        let (out, v) = check_json(input.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{input:?}: {v}");
        assert!(rules_in(&v).is_empty(), "{input:?}: {v}");
    }
}

#[test]
fn invalid_utf8_is_reported_at_the_first_bad_byte() {
    let mut input = b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf".to_vec();
    input.push(0xE9); // Latin-1 é
    input.extend_from_slice(b"\n");
    let (out, v) = check_json(&input);
    assert_eq!(out.status.code(), Some(1));
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["rule"], "YAML-001");
    assert_eq!(d["range"]["start"]["offset"], 46);
    assert_eq!(d["range"]["start"]["line"], 4);
    assert_eq!(d["range"]["start"]["column"], 12);
    assert!(d["message"].as_str().unwrap().contains("not valid UTF-8"));
    // fix refuses with a clear message and exit 2.
    let (fx, _) = run(&["fix"], &input);
    assert_eq!(fx.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&fx.stderr).contains("not valid UTF-8"));
}

#[test]
fn nul_and_binary_data_are_findings() {
    let (out, v) = check_json(b"apiVersion: v1\nkind: Pod\x00\nmetadata: {}\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(rules_in(&v), vec!["YAML-001"]);
    assert_eq!(v["files"][0]["diagnostics"][0]["range"]["start"]["line"], 2);
    let binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761u32) >> 24) as u8)
        .collect();
    let (out, v) = check_json(&binary);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(rules_in(&v)[0], "YAML-001");
}

#[test]
fn deep_nesting_is_a_finding_not_a_crash() {
    let flow = "[".repeat(10_000) + &"]".repeat(10_000);
    let (_, v) = check_json(flow.as_bytes());
    assert_eq!(rules_in(&v), vec!["YAML-001"]);
    let mut block = String::new();
    for i in 0..10_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("k:\n");
    }
    let (_, v) = check_json(block.as_bytes());
    assert_eq!(rules_in(&v), vec!["YAML-001"]);
    assert!(v["files"][0]["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("nesting deeper"));
}

#[test]
fn alias_bomb_is_a_finding_in_bounded_time() {
    let mut s = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        s.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let (_, v) = check_json(s.as_bytes());
    assert_eq!(rules_in(&v), vec!["YAML-003"]);
}

fn big_stream(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 1024);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\n  annotations:\n    cni.projectcalico.org/ipv4pools: '[\"pool-{i}\"]'\n    k8s.v1.cni.cncf.io/networks: macvlan-{i}@eth1\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n"
        ));
        i += 1;
    }
    s
}

#[test]
fn ten_megabyte_stream_and_one_megabyte_line() {
    let s = big_stream(10 * 1024 * 1024);
    let (out, took) = run(&["check", "--format", "json"], s.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout[..out.stdout.len().min(2000)])
    );
    eprintln!("10 MiB stream checked in {took:?}");
    let line = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: \"{}\"\n",
        "é-".repeat(350_000)
    );
    let (out, v) = check_json(line.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{v}");
    let bad_line = format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {{note: \"{}\", cni.projectcalico.org/ipv4pools: \"[é]\"}}\n", "x".repeat(1_000_000));
    let (_, v) = check_json(bad_line.as_bytes());
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["rule"], "CAL-A001");
    let off = d["range"]["start"]["offset"].as_u64().unwrap() as usize;
    let end = d["range"]["end"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(
        &bad_line[off..end],
        "é",
        "points at the bad character inside the value"
    );
    assert_eq!(
        d["range"]["start"]["column"].as_u64().unwrap() as usize,
        bad_line.lines().nth(4).unwrap()[..off - bad_line.find("  annotations").unwrap()]
            .chars()
            .count()
            + 1
    );
}

#[test]
fn crlf_positions_and_fixes_keep_crlf() {
    let crlf = SAMPLE.replace('\n', "\r\n");
    let (_, v) = check_json(crlf.as_bytes());
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(
        (
            d["range"]["start"]["line"].as_u64(),
            d["range"]["start"]["column"].as_u64()
        ),
        (Some(6), Some(38))
    );
    let off = d["range"]["start"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&crlf[off..off + 21], "\"default-ipv4-ippool\"");
    let (out, _) = run(&["fix"], crlf.as_bytes());
    let fixed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        fixed,
        crlf.replace(
            "\"default-ipv4-ippool\"   #",
            "'[\"default-ipv4-ippool\"]'   #"
        )
    );
    assert_eq!(fixed.matches("\r\n").count(), fixed.matches('\n').count());
}

fn tempdir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!(
        "podnet-cli-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&d).expect("create the test directory");
    d
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_nanos()
}

/// SARIF output passes the official SARIF 2.1.0 validator (`sarif-multitool validate`, npm
/// `@microsoft/sarif-multitool`, installed by `scripts/setup.sh`): no schema or rule errors.
#[test]
fn sarif_output_passes_the_sarif_validator() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();
    let tool = root.join("node_modules/.bin/sarif-multitool");
    assert!(
        tool.exists(),
        "{} is missing: run scripts/setup.sh (npm ci)",
        tool.display()
    );
    let input = format!("{SAMPLE}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n  annotations:\n    cni.projectcalico.org/ipAddrs: \"['10.0.0.1']\"\n    x: [1\n");
    let (out, _) = run(&["check", "--format", "sarif", "-"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() >= 2, "{v:#}");
    assert!(results.iter().all(
        |r| r["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .is_some()
    ));
    let dir = tempdir();
    let file = dir.join("podnet.sarif");
    std::fs::write(&file, &out.stdout).unwrap();
    let val = Command::new(&tool)
        .arg("validate")
        .arg(&file)
        .current_dir(root)
        .output()
        .expect("run sarif-multitool");
    let report =
        String::from_utf8_lossy(&val.stdout).to_string() + &String::from_utf8_lossy(&val.stderr);
    assert!(
        report.contains("Analysis completed successfully"),
        "{report}"
    );
    let errors: Vec<&str> = report.lines().filter(|l| l.contains(": error ")).collect();
    assert!(
        errors.is_empty(),
        "SARIF validation errors:\n{}",
        errors.join("\n")
    );
}

/// `tests/nonobjects`: Helm values, a Chart.yaml, Kustomizations, a workflow, a CNI config
/// fragment, a Helm template and an OpenShift Template (issue #15, class 1 and 2).
fn nonobject_files() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/nonobjects");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/nonobjects is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    files
}

#[test]
fn nonobject_yaml_folder_exits_0_without_errors() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/nonobjects");
    let (out, _) = run(&["check", dir.to_str().unwrap()], b"");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("0 errors, 0 warnings"), "{text}");
}

#[test]
fn nonobject_yaml_through_stdin_gets_no_error_or_warning() {
    for file in nonobject_files() {
        let input = std::fs::read(&file).unwrap();
        let (out, v) = check_json(&input);
        let findings: Vec<_> = v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] != "info")
            .map(|d| format!("{} {}", d["rule"], d["message"]))
            .collect();
        assert!(findings.is_empty(), "{}: {findings:#?}", file.display());
        assert_eq!(out.status.code(), Some(0), "{}", file.display());
        let name = file.file_name().unwrap().to_str().unwrap();
        let infos = rules_in(&v);
        if name.starts_with("helm-") || name.starts_with("openshift-") {
            assert_eq!(infos, ["YAML-004"], "{name}");
        }
    }
}
