//! `podnet explain` through the real binary (text, JSON, stdin, `--manifest`) and
//! `POST /api/v1/explain`, `/explain`, `/rules?q=` against the real server.

mod common;

use common::{request, temp_dir, Server};
use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_podnet");

/// The seed manifest of the editor (app/src/lib.rs SAMPLE).
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

/// The seed event of issue #17.
const EVENT: &str = "Warning  FailedCreatePodSandBox  4s  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"cc39aedf1e61\": plugin type=\"multus\" name=\"multus-cni-network\" failed (add): [default/samplepod/1c2b3a:k8s-pod-network]: error adding container to network \"k8s-pod-network\": plugin type=\"calico\" failed (add): invalid character 'd' looking for beginning of value";

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn podnet");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("podnet runs")
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn cli_text_names_rule_cause_and_fix() {
    let out = run(&["explain", EVENT], "");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().find(|l| l.starts_with("1. ")).unwrap();
    assert!(first.contains("CAL-A001"), "{text}");
    assert!(text.contains("look at:") && text.contains("why:") && text.contains("fix:"));
    assert!(
        text.contains("pod=\"samplepod\"") && text.contains("character=\"d\""),
        "{text}"
    );
}

#[test]
fn cli_json_contract_from_stdin() {
    let v = json(&run(&["explain", "-", "--format", "json"], EVENT));
    assert_eq!(v["version"], 1);
    let m = &v["matches"][0];
    assert_eq!(m["rule"], "CAL-A001");
    assert_eq!(m["name"], "calico-pools-not-json-array");
    assert!(m["score"].as_f64().unwrap() > 0.9);
    assert_eq!(m["captures"]["network"], "k8s-pod-network");
    assert_eq!(m["captures"]["character"], "d");
    assert!(m["why"].as_str().unwrap().contains("ContainerCreating"));
    let scores: Vec<f64> = v["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
}

#[test]
fn cli_outside_the_manifest() {
    let v = json(&run(
        &[
            "explain",
            "--format",
            "json",
            "failed to find plugin \"macvlan\" in path [/opt/cni/bin]",
        ],
        "",
    ));
    assert_eq!(v["matches"][0]["rule"], "ENV-001");
    assert_eq!(v["matches"][0]["outside"], true);
}

#[test]
fn cli_manifest_puts_the_explaining_finding_first() {
    let dir = temp_dir("explain-cli");
    let path = dir.join("pod.yaml");
    std::fs::write(&path, SAMPLE).unwrap();
    let v = json(&run(
        &[
            "explain",
            "-",
            "--format",
            "json",
            "--manifest",
            path.to_str().unwrap(),
        ],
        EVENT,
    ));
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.len() >= 2, "{v}");
    assert_eq!(findings[0]["rule"], "CAL-A001");
    assert_eq!(findings[0]["explains"], "CAL-A001");
    assert_eq!(findings[0]["object"]["name"], "samplepod");
    assert!(findings[1]["explains"].is_null());
    // Text output marks it.
    let out = run(
        &["explain", "-", "--manifest", path.to_str().unwrap()],
        EVENT,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("* ") && text.contains("[CAL-A001]"), "{text}");
}

#[test]
fn cli_no_error_and_bad_manifest() {
    let out = run(
        &["explain", "-"],
        "Normal Scheduled 5s default-scheduler Successfully assigned",
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("No runtime error found"));
    let out = run(&["explain", "x", "--manifest", "/nonexistent/pod.yaml"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn api_explain_page_and_rule_search() {
    let dir = temp_dir("explain-api");
    let server = Server::start(&dir, &[]);
    let a = &server.addr;
    let body = serde_json::json!({"text": EVENT, "source": SAMPLE});
    let r = request(
        a,
        "POST",
        "/api/v1/explain",
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["version"], 1);
    assert_eq!(v["matches"][0]["rule"], "CAL-A001");
    assert_eq!(v["findings"][0]["explains"], "CAL-A001");
    // The same JSON as the CLI.
    let cli = json(&run(&["explain", "-", "--format", "json"], EVENT));
    let r = request(
        a,
        "POST",
        "/api/v1/explain",
        &[("Content-Type", "text/plain")],
        EVENT.as_bytes(),
    );
    assert_eq!(r.json(), cli);
    // Errors: malformed JSON, wrong shape, wrong type.
    let r = request(
        a,
        "POST",
        "/api/v1/explain",
        &[("Content-Type", "application/json")],
        b"{",
    );
    assert_eq!(r.status, 400);
    assert!(r.json()["error"]["message"].is_string());
    let r = request(
        a,
        "POST",
        "/api/v1/explain",
        &[("Content-Type", "application/json")],
        b"{\"txt\": 1}",
    );
    assert_eq!(r.status, 422);
    let r = request(
        a,
        "POST",
        "/api/v1/explain",
        &[("Content-Type", "image/png")],
        b"x",
    );
    assert_eq!(r.status, 415);
    // The OpenAPI document lists it.
    let doc = request(a, "GET", "/api/openapi.json", &[], b"").json();
    assert!(doc["paths"]["/api/v1/explain"]["post"].is_object());
    // /explain without JavaScript: the answer rendered, the pasted text escaped.
    let hostile = format!("</textarea><script>alert(1)</script>\n{EVENT}");
    let r = request(
        a,
        "POST",
        "/explain",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &common::form(&[("text", &hostile)]),
    );
    assert_eq!(r.status, 200);
    assert!(r.body.contains("href=\"/rules/CAL-A001\""), "{}", r.body);
    assert!(!r.body.contains("<script>alert(1)"));
    // /rules?q= finds rules by their runtime error text.
    for q in [
        "looking+for+beginning+of+value",
        "ContainerCreating",
        "cannot+find+a+network-attachment-definition",
    ] {
        let r = request(a, "GET", &format!("/rules?q={q}"), &[], b"");
        assert!(r.body.contains("href=\"/rules/"), "{q}");
        assert!(!r.body.contains("0 shown"), "{q}");
    }
    let r = request(
        a,
        "GET",
        "/rules?q=looking+for+beginning+of+value",
        &[],
        b"",
    );
    assert!(r.body.contains("href=\"/rules/CAL-A001\""));
}
