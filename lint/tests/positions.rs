//! A JSON defect inside an annotation value is reported at the exact source characters,
//! for every scalar style, through escapes, folding, block indentation and non-ASCII text.

#![cfg_attr(test, allow(clippy::unwrap_used))]

use podnet_lint::{check, Diagnostic, Profile};

fn pod(annotation_lines: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n{annotation_lines}spec:\n  containers:\n  - name: app\n    image: nginx\n")
}

fn cal_a001(src: &str) -> Diagnostic {
    let r = check(src, &Profile::default());
    r.diagnostics
        .into_iter()
        .find(|d| d.rule == "CAL-A001")
        .unwrap_or_else(|| panic!("no CAL-A001 in\n{src}"))
}

/// Asserts the finding's range slices the source to `want`, at `line:column`.
fn at(src: &str, want: &str, line: u32, column: u32) -> Diagnostic {
    let d = cal_a001(src);
    let (s, e) = (d.range.start.offset, d.range.end.offset);
    assert_eq!(&src[s..e], want, "{}\n{src}", d.message);
    assert_eq!(
        (d.range.start.line, d.range.start.column),
        (line, column),
        "{}",
        d.message
    );
    // Line/column agree with the offset.
    let line_start = src[..s].rfind('\n').map(|p| p + 1).unwrap_or(0);
    assert_eq!(
        src[..s].matches('\n').count() as u32 + 1,
        d.range.start.line
    );
    assert_eq!(
        src[line_start..s].chars().count() as u32 + 1,
        d.range.start.column
    );
    d
}

#[test]
fn plain_scalar() {
    let src = pod("    cni.projectcalico.org/ipv4pools: 10.0.0.0/16\n");
    let d = at(&src, ".", 6, 42);
    assert!(
        d.message
            .ends_with("invalid character '.' after top-level value"),
        "{}",
        d.message
    );
}

#[test]
fn single_quoted_with_non_ascii_before() {
    let src = pod("    cni.projectcalico.org/ipv4pools: '[\"pööl-é€\", x]'\n");
    let d = at(&src, "x", 6, 51);
    assert!(
        d.message
            .ends_with("invalid character 'x' looking for beginning of value"),
        "{}",
        d.message
    );
}

#[test]
fn single_quoted_escaped_quote() {
    let src = pod("    cni.projectcalico.org/ipAddrs: '[''10.0.0.1'']'\n");
    let d = at(&src, "''", 6, 38);
    assert!(
        d.message
            .contains("invalid character '\\'' looking for beginning of value"),
        "{}",
        d.message
    );
}

#[test]
fn double_quoted_with_escapes_and_non_ascii() {
    let src = pod("    cni.projectcalico.org/ipv4pools: \"[\\\"pool-ü\\\",]\"\n");
    // The trailing comma makes `]` the bad character.
    let d = at(&src, "]", 6, 51);
    assert!(
        d.message
            .ends_with("invalid character ']' looking for beginning of value"),
        "{}",
        d.message
    );
    let src = pod("    cni.projectcalico.org/ipv4pools: \"[\\u00e9x\\\"a\\\"]\"\n");
    at(&src, "\\u00e9", 6, 40);
}

#[test]
fn literal_block_scalar() {
    let src = pod("    cni.projectcalico.org/ipv4pools: |\n      [\n        \"pool-a\",\n        pool-b\n      ]\n");
    let d = at(&src, "p", 9, 9);
    assert!(d
        .message
        .ends_with("invalid character 'p' looking for beginning of value"));
}

#[test]
fn literal_block_with_chomping_and_indentation_indicators() {
    let src = pod("    cni.projectcalico.org/ipv6pools: |2-\n        [\"a\" \"b\"]\n");
    at(&src, "\"", 7, 14);
    let src = pod("    cni.projectcalico.org/ipv6pools: |+\n      [\"a\",\n       ]\n\n");
    at(&src, "]", 8, 8);
}

#[test]
fn folded_block_scalar() {
    let src = pod("    cni.projectcalico.org/ipv4pools: >-\n      [\"pool-a\",\n      'pool-b']\n");
    at(&src, "'", 8, 7);
}

#[test]
fn multi_line_double_quoted_folding() {
    let src = pod("    cni.projectcalico.org/ipv4pools: \"[\\\"a\\\",\n      \\\"b\\\" x]\"\n");
    at(&src, "x", 7, 13);
}

#[test]
fn unexpected_end_points_at_the_last_character() {
    let src = pod("    cni.projectcalico.org/ipv4pools: '[\"pool-a\"'\n");
    let d = at(&src, "\"", 6, 47);
    assert!(
        d.message.ends_with("unexpected end of JSON input"),
        "{}",
        d.message
    );
}

#[test]
fn whole_value_when_it_is_not_json_at_all() {
    let src = pod("    cni.projectcalico.org/ipv4pools: “pool-a”\n");
    let d = at(&src, "“pool-a”", 6, 38);
    assert!(
        d.message
            .ends_with("invalid character 'â' looking for beginning of value"),
        "{}",
        d.message
    );
}

#[test]
fn crlf_block_scalar() {
    let src = pod("    cni.projectcalico.org/ipv4pools: |\n      [\"a\",\n       b]\n")
        .replace('\n', "\r\n");
    at(&src, "b", 8, 8);
}
