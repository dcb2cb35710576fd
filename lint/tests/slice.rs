//! The first slice of the product: the sample manifest of the foundation issue.

#![cfg_attr(test, allow(clippy::unwrap_used))]

use podnet_lint::{check, fix, Profile, Severity};

pub const SAMPLE: &str = "apiVersion: v1
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

#[test]
fn sample_gives_cal_a001_at_the_value() {
    let r = check(SAMPLE, &Profile::default());
    let errors: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{:#?}", r.diagnostics);
    let d = errors[0];
    assert_eq!(d.rule, "CAL-A001");
    assert_eq!(d.name, "calico-pools-not-json-array");
    assert_eq!((d.range.start.line, d.range.start.column), (6, 38));
    assert_eq!((d.range.end.line, d.range.end.column), (6, 59));
    assert_eq!(
        &SAMPLE[d.range.start.offset..d.range.end.offset],
        "\"default-ipv4-ippool\""
    );
    assert!(
        d.message
            .contains("invalid character 'd' looking for beginning of value"),
        "{}",
        d.message
    );
    let o = d.object.as_ref().unwrap();
    assert_eq!(
        (o.kind.as_str(), o.namespace.as_deref(), o.name.as_deref()),
        ("Pod", Some("default"), Some("samplepod"))
    );
    assert_eq!(
        d.path.as_deref(),
        Some("metadata.annotations[\"cni.projectcalico.org/ipv4pools\"]")
    );
    let f = d.fix.as_ref().unwrap();
    assert_eq!(f.edits[0].content, "'[\"default-ipv4-ippool\"]'");
}

#[test]
fn sample_fix_keeps_every_other_byte() {
    let out = fix(SAMPLE, None, &Profile::default(), false);
    let expected = SAMPLE.replace(
        "\"default-ipv4-ippool\"   #",
        "'[\"default-ipv4-ippool\"]'   #",
    );
    assert_eq!(out.fixed, expected);
    assert!(!check(&out.fixed, &Profile::default()).has_errors());
    assert_eq!(out.applied.len(), 1);
}

#[test]
fn tab_indent_and_unclosed_quote_are_yaml_001() {
    let tab = "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n";
    let r = check(tab, &Profile::default());
    assert_eq!(r.diagnostics.len(), 1, "{:#?}", r.diagnostics);
    assert_eq!(r.diagnostics[0].rule, "YAML-001");
    assert_eq!(r.diagnostics[0].range.start.line, 4);
    assert!(r.diagnostics[0].message.contains("tab"));

    let quote = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"x\n  annotations: {}\n";
    let r = check(quote, &Profile::default());
    assert_eq!(r.diagnostics[0].rule, "YAML-001");
    assert_eq!(r.diagnostics[0].range.start.line, 4, "{:#?}", r.diagnostics);
    assert!(
        r.diagnostics[0].message.contains("not closed"),
        "{}",
        r.diagnostics[0].message
    );
}
