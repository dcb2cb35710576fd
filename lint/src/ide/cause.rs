//! The plain cause of a finding, after the rules ran: the rules quote the runtime error
//! (Go's `invalid character ']' looking for beginning of value`, which users search for);
//! this pass adds the `help` that says what is wrong in plain words and where
//! ([`crate::syntax::jsoncause`]), to every finding that quotes a JSON syntax error of a
//! YAML scalar (annotation values, NAD configs), and to findings on an annotation whose value
//! is a YAML list or map instead of a string. The rules are not touched: the pass reads the
//! same parsed text and matches a finding to its scalar by position.

use crate::fix::diagnostic::Diagnostic;
use crate::rules::checker::Checker;
use crate::syntax::gojson;
use crate::syntax::jsoncause;
use crate::syntax::yaml::Kind;

/// Sets `help` on the findings of `diagnostics` it can explain (see the module docs).
/// Findings are matched to annotations and scalars through indexes sorted by position, so
/// the pass is O(n log n) in findings and nodes (a 10 MiB stream has ~10⁵ of each).
pub fn attach(cx: &Checker, diagnostics: &mut [Diagnostic]) {
    let ix = Index::new(cx);
    for d in diagnostics.iter_mut().filter(|d| d.help.is_none()) {
        d.help = yaml_not_string(cx, &ix, d)
            .or_else(|| json_syntax(cx, &ix, d))
            .or_else(|| yaml_in_string(cx, &ix, d));
    }
}

/// Annotations and scalars by source position.
struct Index {
    /// (key start, value node end, key node, resolved value node), by key start.
    annotations: Vec<(usize, usize, usize, usize)>,
    /// (start, end, node) of every scalar, by start.
    scalars: Vec<(usize, usize, usize)>,
}

impl Index {
    fn new(cx: &Checker) -> Index {
        let yaml = cx.yaml;
        let mut annotations: Vec<_> = cx
            .annotations()
            .iter()
            .filter_map(|a| {
                let vid = yaml.resolve(a.value_node)?;
                Some((
                    yaml.node(a.key_node).start,
                    yaml.node(vid).end,
                    a.key_node,
                    vid,
                ))
            })
            .collect();
        annotations.sort_unstable();
        let mut scalars: Vec<_> = (0..yaml.nodes.len())
            .filter(|&id| matches!(yaml.node(id).kind, Kind::Scalar { .. }))
            .map(|id| (yaml.node(id).start, yaml.node(id).end, id))
            .collect();
        scalars.sort_unstable();
        Index {
            annotations,
            scalars,
        }
    }

    /// The annotation (key node, value node) whose key-to-value-end span holds `at`.
    fn annotation_at(&self, at: usize) -> Option<(usize, usize)> {
        let i = self.annotations.partition_point(|a| a.0 <= at);
        self.annotations[..i]
            .iter()
            .rev()
            .take(2)
            .find(|a| at <= a.1)
            .map(|a| (a.2, a.3))
    }

    /// The innermost scalar holding `at` (scalars are leaves: at most the ones touching at a
    /// boundary overlap).
    fn scalar_at(&self, at: usize) -> Option<usize> {
        let i = self.scalars.partition_point(|s| s.0 <= at);
        self.scalars[..i]
            .iter()
            .rev()
            .take(4)
            .filter(|s| at <= s.1)
            .min_by_key(|s| s.1 - s.0)
            .map(|s| s.2)
    }
}

/// A finding on an annotation whose value is a YAML sequence or mapping.
fn yaml_not_string(cx: &Checker, ix: &Index, d: &Diagnostic) -> Option<String> {
    let at = d.range.start.offset;
    let yaml = cx.yaml;
    ix.annotation_at(at).and_then(|(_, vid)| {
        let what = match &yaml.node(vid).kind {
            Kind::Seq { .. } => "list",
            Kind::Map { .. } => "map",
            _ => return None,
        };
        let pos = yaml.index.position(yaml.node(vid).start);
        Some(format!(
            "a YAML {what} where a string is required at {}:{}: annotation values are strings, \
             and the plugin reads that string as JSON; write the JSON on one line in single \
             quotes, e.g. `'[{{\"name\": \"macvlan-conf\"}}]'`",
            pos.line, pos.column
        ))
    })
}

/// A finding in an annotation whose string value is YAML (`networks: |` then
/// `- name: a`): Multus reads it as its short form and reports a bad name.
fn yaml_in_string(cx: &Checker, ix: &Index, d: &Diagnostic) -> Option<String> {
    let at = d.range.start.offset;
    let yaml = cx.yaml;
    ix.annotation_at(at).and_then(|(_, vid)| {
        let n = yaml.node(vid);
        if !(n.start <= at && at <= n.end) {
            return None;
        }
        let value = yaml.scalar(vid)?;
        let cause = jsoncause::yaml_text(value)?;
        Some(located(cx, vid, value, &cause))
    })
}

/// The cause's text with its line:column: "trailing comma: JSON allows …" ->
/// "trailing comma at 6:58: JSON allows …".
pub(crate) fn located(cx: &Checker, id: usize, value: &str, cause: &jsoncause::Cause) -> String {
    let (start, _) = cx
        .value_map(id)
        .source_range_bytes(value, cause.start, cause.end);
    let pos = cx.yaml.index.position(start);
    match cause.text.split_once(": ") {
        Some((head, rest)) => format!("{head} at {}:{}: {rest}", pos.line, pos.column),
        None => format!("{} (at {}:{})", cause.text, pos.line, pos.column),
    }
}

/// The plain cause (with its line:column) of why the networks value `value` of the scalar
/// `id` cannot be read: Multus' error `err` (a JSON syntax error, or a short form that is
/// YAML).
pub(crate) fn networks_cause(
    cx: &Checker,
    id: usize,
    value: &str,
    err: &crate::multus::MultusError,
) -> Option<String> {
    let cause = match err.kind {
        crate::multus::ErrorKind::JsonSyntax => {
            let go = err.message.rsplit(": ").next().unwrap_or(&err.message);
            jsoncause::explain(value, err.span.0, go)?
        }
        _ => jsoncause::yaml_text(value)?,
    };
    Some(located(cx, id, value, &cause))
}

/// A finding that quotes the JSON syntax error of the scalar it points into.
fn json_syntax(cx: &Checker, ix: &Index, d: &Diagnostic) -> Option<String> {
    if !(d.message.contains("invalid character")
        || d.message.contains("unexpected end of JSON input"))
    {
        return None;
    }
    let yaml = cx.yaml;
    let at = d.range.start.offset;
    // The innermost scalar holding the finding.
    let id = ix.scalar_at(at)?;
    let value = yaml.scalar(id)?;
    let err = gojson::parse(value).err()?;
    if !d.message.contains(&err.msg) {
        return None;
    }
    let cause = jsoncause::explain(value, err.offset, &err.msg)?;
    Some(located(cx, id, value, &cause))
}

#[cfg(test)]
mod tests {
    use crate::Profile;

    fn helps(src: &str) -> Vec<(String, Option<String>)> {
        crate::check(src, &Profile::default())
            .diagnostics
            .into_iter()
            .map(|d| (d.rule, d.help))
            .collect()
    }

    fn pod(annotations: &str) -> String {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n{annotations}spec:\n  containers: [{{name: c, image: nginx}}]\n"
        )
    }

    fn help_of(src: &str, rule: &str) -> String {
        helps(src)
            .into_iter()
            .find(|(r, _)| r == rule)
            .and_then(|(_, h)| h)
            .unwrap_or_else(|| panic!("no help on {rule}: {:?}", helps(src)))
    }

    #[test]
    fn trailing_comma_in_networks() {
        let src = pod("    k8s.v1.cni.cncf.io/networks: '[{\"name\": \"macvlan-conf\"},]'\n");
        let h = help_of(&src, "MUL-J01");
        // Line 6: `    k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf"},]'`; the
        // comma is the 60th character.
        assert!(h.starts_with("trailing comma at 6:60: "), "{h}");
        let d = crate::check(&src, &Profile::default()).diagnostics;
        let j01 = d.iter().find(|d| d.rule == "MUL-J01").unwrap();
        assert!(
            j01.message
                .contains("invalid character ']' looking for beginning of value"),
            "Go's text stays: {}",
            j01.message
        );
    }

    #[test]
    fn each_class_reaches_the_findings() {
        let cases = [
            ("    cni.projectcalico.org/ipv4pools: '[\u{201C}pool-a\u{201D}]'\n", "CAL-A001", "typographic"),
            ("    k8s.v1.cni.cncf.io/networks: \"[{'name': 'macvlan-conf'}]\"\n", "MUL-J01", "single quotes at 6:37"),
            ("    k8s.v1.cni.cncf.io/networks: '[{name: \"macvlan-conf\"}]'\n", "MUL-J01", "unquoted key at 6:37"),
            ("    cni.projectcalico.org/ipv4pools: default-ipv4-ippool\n", "CAL-A001", "missing quotes at 6:38"),
            ("    cni.projectcalico.org/ipAddrs: '[\"10.0.0.1\"'\n", "CAL-A001", "unclosed bracket at 6:37"),
            ("    k8s.v1.cni.cncf.io/networks: '[{\"name\": \"a\", \"ips\": [\"10.0.0.1/24]}]'\n", "MUL-J01", "missing quote at 6:"),
            ("    k8s.v1.cni.cncf.io/networks: |\n      - name: macvlan-conf\n", "MUL-S02", "this is YAML, not JSON at 7:7"),
            ("    cni.projectcalico.org/ipv4pools: |\n      - pool-a\n", "CAL-A001", "this is YAML, not JSON at 7:7"),
            ("    k8s.v1.cni.cncf.io/networks:\n      - name: macvlan-conf\n", "MUL-P04", "a YAML list where a string is required at 7:7"),
            ("    cni.projectcalico.org/ipv4pools: [\"pool-a\"]\n", "CAL-A002", "a YAML list where a string is required"),
        ];
        for (ann, rule, want) in cases {
            let h = help_of(&pod(ann), rule);
            assert!(h.contains(want), "{ann}: {h}");
        }
    }

    #[test]
    fn nad_config_and_other_findings() {
        let src = "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: m\nspec:\n  config: '{\"cniVersion\": \"0.3.1\", \"type\": \"macvlan\",}'\n";
        let all = helps(src);
        let (_, h) = all.iter().find(|(_, h)| h.is_some()).expect("a help");
        assert!(
            h.as_ref().unwrap().starts_with("trailing comma at 6:"),
            "{all:?}"
        );
        // A valid value: no help anywhere.
        let src = pod("    k8s.v1.cni.cncf.io/networks: '[{\"name\": \"macvlan-conf\"}]'\n");
        assert!(
            helps(&src).iter().all(|(_, h)| h.is_none()),
            "{:?}",
            helps(&src)
        );
    }
}
