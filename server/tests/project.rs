//! Project mode through the real binary: the fixture repository `tests/project`, the
//! config file (discovery, precedence, bad keys), outputs naming real paths, fix --write.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_podnet");

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/project")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the test directory");
    for e in std::fs::read_dir(from).expect("read the fixture directory") {
        let e = e.expect("a directory entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("the entry's file type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy a fixture file");
        }
    }
}

/// A fresh directory outside the repository (no podnet.toml or .gitignore above it).
fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("project-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create the test directory");
    d
}

fn podnet(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("podnet starts");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("write to stdin");
    child.wait_with_output().expect("podnet finishes")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// (path, rule) of every finding of a JSON report.
fn findings(o: &Output) -> Vec<(String, String)> {
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("bad json {e}: {}", text(o)));
    let mut out = vec![];
    for f in v["files"]
        .as_array()
        .expect("the JSON report has this array")
    {
        for d in f["diagnostics"]
            .as_array()
            .expect("the JSON report has this array")
        {
            out.push((
                f["path"]
                    .as_str()
                    .expect("the JSON report has this string")
                    .to_string(),
                d["rule"]
                    .as_str()
                    .expect("the JSON report has this string")
                    .to_string(),
            ));
        }
    }
    out
}

const NAD: &str = "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: macvlan-conf\nspec:\n  config: '{\"cniVersion\":\"0.3.1\",\"type\":\"macvlan\",\"master\":\"eth0\",\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.1.0.0/24\"}}'\n";
const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    k8s.v1.cni.cncf.io/networks: macvlan-conf\nspec:\n  containers: []\n";

#[test]
fn fixture_repository_gives_exactly_the_seeded_finding() {
    // A copy outside git: .gitignore still counts (require_git(false), as ruff does).
    let dir = temp("fixture");
    copy_dir(&fixture(), &dir);
    let out = podnet(&dir, &["check", "--format", "json", "."], "");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(
        findings(&out),
        vec![("apps/api/pod.yaml".to_string(), "CAL-A001".to_string())],
        "{}",
        text(&out)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "apps/api/pod.yaml",
            "apps/web/deployment.yaml",
            "networks/calico/pools.yaml",
            "networks/nads.yaml"
        ]
    );
    // Text: no "not in the input", the skipped files listed, the summary line.
    let out = podnet(&dir, &["check", "--show-skipped", "."], "");
    let t = text(&out);
    assert!(!t.contains("not in the input"), "{t}");
    for s in [
        "charts/web/values.yaml: skipped: no Kubernetes object",
        "charts/web/templates/pod.yaml: skipped: Helm template",
        "helm template <release> <chart> | podnet check",
        "kustomization.yaml: skipped: Kustomize configuration",
    ] {
        assert!(t.contains(s), "{s} missing in {t}");
    }
    assert!(!t.contains("rendered/"), "{t}");
    assert!(
        t.ends_with("Checked 4 files, skipped 4: 1 error, 0 warnings, 0 infos.\n"),
        "{t}"
    );
    // Without --show-skipped only the Helm note is printed.
    let out = podnet(&dir, &["check", "."], "");
    let t = text(&out);
    assert!(
        t.contains("Helm template") && !t.contains("values.yaml"),
        "{t}"
    );
    // --quiet: only the summary.
    let out = podnet(&dir, &["check", "--quiet", "."], "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Checked 4 files, skipped 4: 1 error, 0 warnings, 0 infos.\n"
    );
    assert_eq!(out.status.code(), Some(1));
    // The workflow in the hidden .github is not walked; named explicitly it is skipped.
    let out = podnet(
        &dir,
        &["check", "--show-skipped", ".github/workflows/ci.yml"],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("ci.yml: skipped"), "{}", text(&out));
    // The ignored file named explicitly is checked.
    let out = podnet(
        &dir,
        &["check", "--format", "json", "rendered/web.yaml"],
        "",
    );
    assert!(
        findings(&out).iter().any(|(_, r)| r == "CAL-A001"),
        "{}",
        text(&out)
    );
    // Globs; each file alone loses the other files' objects.
    let out = podnet(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "apps/**/*.yaml",
            "networks/*.yaml",
        ],
        "",
    );
    let f = findings(&out);
    assert!(!f.iter().any(|(_, r)| r == "MUL-X01"), "{f:?}");
    let out = podnet(
        &dir,
        &["check", "--format", "json", "apps/api/pod.yaml"],
        "",
    );
    assert!(
        findings(&out).iter().any(|(_, r)| r == "MUL-X01"),
        "{}",
        text(&out)
    );
    // --exclude.
    let out = podnet(
        &dir,
        &["check", "--quiet", "--exclude", "apps/api", "."],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).starts_with("Checked 3 files"), "{}", text(&out));
    // SARIF: URIs relative to the project root, also when run from a sub-folder.
    let out = podnet(&dir.join("apps"), &["check", "--format", "sarif", "."], "");
    std::fs::write(dir.join("podnet.toml"), "").unwrap();
    let out2 = podnet(&dir.join("apps"), &["check", "--format", "sarif", "."], "");
    let s: serde_json::Value = serde_json::from_slice(&out2.stdout).unwrap();
    let uri =
        &s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "apps/api/pod.yaml", "{}", text(&out2));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri =
        &s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "api/pod.yaml");
    // GitHub: real paths.
    let out = podnet(&dir, &["check", "--format", "github", "."], "");
    assert!(
        text(&out).contains("file=apps/api/pod.yaml"),
        "{}",
        text(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stdin_filename_and_inventory_flag() {
    let dir = temp("stdin");
    std::fs::write(dir.join("nads.yaml"), NAD).unwrap();
    let out = podnet(
        &dir,
        &[
            "check",
            "--stdin-filename",
            "apps/pod.yaml",
            "--format",
            "json",
            "-",
        ],
        POD,
    );
    assert_eq!(
        findings(&out)
            .iter()
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>(),
        ["apps/pod.yaml"]
    );
    let out = podnet(
        &dir,
        &["check", "--inventory", "nads.yaml", "--format", "json", "-"],
        POD,
    );
    assert_eq!(findings(&out), vec![], "{}", text(&out));
    // The NAD in the checked file and in --inventory: no finding about itself.
    let out = podnet(
        &dir,
        &[
            "check",
            "--inventory",
            "nads.yaml",
            "--format",
            "json",
            "nads.yaml",
        ],
        "",
    );
    assert_eq!(findings(&out), vec![], "{}", text(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn config_is_discovered_upward_and_flags_override_it() {
    let dir = temp("config");
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::write(dir.join("a/b/pod.yaml"), POD).unwrap();
    // Without config: the unresolved NAD is an info, exit 0.
    let out = podnet(&dir.join("a/b"), &["check", "--format", "json", "."], "");
    assert_eq!(
        findings(&out),
        vec![("pod.yaml".into(), "MUL-X01".into())],
        "{}",
        text(&out)
    );
    assert_eq!(out.status.code(), Some(0));
    // A config two levels up: its profile and fail-on apply; its inventory resolves.
    std::fs::write(
        dir.join("podnet.toml"),
        "fail-on = \"info\"\nignore = []\n[profile.multus]\ninventoryComplete = true\n",
    )
    .unwrap();
    let out = podnet(&dir.join("a/b"), &["check", "--format", "json", "."], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["files"][0]["diagnostics"][0]["severity"],
        "error",
        "{}",
        text(&out)
    );
    assert_eq!(out.status.code(), Some(1));
    // Flag over file: --ignore beats the file's ignore; --fail-on beats the file's fail-on.
    let out = podnet(
        &dir.join("a/b"),
        &["check", "--ignore", "MUL-X01", "-q", "."],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    std::fs::write(dir.join("podnet.toml"), "fail-on = \"info\"\n").unwrap();
    let out = podnet(&dir.join("a/b"), &["check", "-q", "."], "");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let out = podnet(
        &dir.join("a/b"),
        &["check", "--fail-on", "error", "-q", "."],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // inventory and per-path ignores from the file (paths relative to it).
    std::fs::write(dir.join("nads.yaml"), NAD).unwrap();
    std::fs::write(dir.join("podnet.toml"), "inventory = [\"nads.yaml\"]\n").unwrap();
    let out = podnet(
        &dir.join("a/b"),
        &["check", "--format", "json", "pod.yaml"],
        "",
    );
    assert_eq!(findings(&out), vec![], "{}", text(&out));
    std::fs::write(
        dir.join("podnet.toml"),
        "[per-path-ignores]\n\"a/**\" = [\"MUL-X01\"]\n",
    )
    .unwrap();
    let out = podnet(
        &dir.join("a/b"),
        &["check", "--format", "json", "pod.yaml"],
        "",
    );
    assert_eq!(findings(&out), vec![], "{}", text(&out));
    // --show-settings names the source of each setting.
    std::fs::write(dir.join("podnet.toml"), "select = [\"MUL-X01\"]\n[profile]\nnamespace = \"apps\"\n[profile.multus]\nmultusNamespace = \"multus\"\n").unwrap();
    let out = podnet(
        &dir.join("a/b"),
        &[
            "check",
            "--show-settings",
            "--multus-namespace",
            "kube-multus",
        ],
        "",
    );
    let t = text(&out);
    assert!(
        t.contains("profile.namespace = \"apps\"  # ") && t.contains("podnet.toml:3"),
        "{t}"
    );
    assert!(
        t.contains("profile.multus.multusNamespace = \"kube-multus\"  # flag --multus-namespace"),
        "{t}"
    );
    assert!(
        t.contains("profile.calico.version = \"3.32\"  # default"),
        "{t}"
    );
    assert!(t.contains("select = [\"MUL-X01\"]  # "), "{t}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_config_keys_are_errors_with_their_position() {
    let dir = temp("badconfig");
    std::fs::write(dir.join("pod.yaml"), POD).unwrap();
    std::fs::write(
        dir.join("podnet.toml"),
        "select = []\nignor = [\"MUL-X01\"]\n",
    )
    .unwrap();
    let out = podnet(&dir, &["check", "."], "");
    assert_eq!(out.status.code(), Some(2));
    let t = text(&out);
    assert!(
        t.contains("podnet.toml:2:1") && t.contains("unknown field `ignor`"),
        "{t}"
    );
    std::fs::write(
        dir.join("podnet.toml"),
        "[profile.multus]\nnamespaceIsolaton = true\n",
    )
    .unwrap();
    let out = podnet(&dir, &["check", "."], "");
    assert_eq!(out.status.code(), Some(2));
    let t = text(&out);
    assert!(
        t.contains("podnet.toml:2:1") && t.contains("namespaceIsolaton"),
        "{t}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fix_write_over_a_directory() {
    let dir = temp("fix");
    copy_dir(&fixture(), &dir);
    let out = podnet(&dir, &["fix", "--write", "."], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let pod = std::fs::read_to_string(dir.join("apps/api/pod.yaml")).unwrap();
    assert!(pod.contains("'[\"apps-pool\"]'"), "{pod}");
    // The ignored file and the Helm template stay as they were.
    for f in ["rendered/web.yaml", "charts/web/templates/pod.yaml"] {
        assert_eq!(
            std::fs::read(dir.join(f)).unwrap(),
            std::fs::read(fixture().join(f)).unwrap()
        );
    }
    let out = podnet(&dir, &["check", "-q", "."], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn readme_config_example_is_valid() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let section = &readme[readme.find("### podnet.toml").unwrap()..];
    let start = section.find("```toml\n").unwrap() + 8;
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let dir = temp("readme");
    std::fs::create_dir_all(dir.join("cluster")).unwrap();
    std::fs::write(dir.join("cluster/nads.yaml"), NAD).unwrap();
    std::fs::write(dir.join("podnet.toml"), example).unwrap();
    std::fs::write(dir.join("pod.yaml"), POD).unwrap();
    let out = podnet(&dir, &["check", "--show-settings"], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("profile.calico.version = \"3.30\"  # "),
        "{}",
        text(&out)
    );
    let out = podnet(&dir, &["check", "-q", "."], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let _ = std::fs::remove_dir_all(&dir);
}
