//! Rules about the YAML text itself.

use crate::rules::checker::Checker;
use crate::syntax::yaml::YamlIssue;

pub mod template;
pub use template::YAML_004;

crate::declare_rule! {
    /// ## What it does
    /// Reports YAML that cannot be parsed, at the position where parsing stopped, with a
    /// plain-language cause: tab indentation, an unclosed quote, bad indentation, a
    /// control character, or nesting deeper than podnet reads.
    ///
    /// ## Why is this bad?
    /// `kubectl apply` rejects the whole file (`error converting YAML to JSON: yaml: line 6:
    /// found character that cannot start any token`), so nothing in it reaches the cluster.
    /// Everything after the error is not checked either.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: "macvlan-conf
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: "macvlan-conf"
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended structure cannot be known.
    pub static YAML_001 = ("YAML-001", "yaml-syntax-error", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a mapping key that appears twice in the same mapping.
    ///
    /// ## Why is this bad?
    /// Strict decoders reject the object (`mapping key "annotations" already defined`);
    /// lenient ones keep only the last value, so the first block, often the one with the
    /// network annotations, silently disappears.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["default-ipv4-ippool"]'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    ///     cni.projectcalico.org/ipv4pools: '["default-ipv4-ippool"]'
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which value was meant is a decision for the author.
    pub static YAML_002 = ("YAML-002", "yaml-duplicate-key", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports aliases whose expansion would produce more than a million nodes (an
    /// "alias bomb" or "billion laughs"). podnet does not expand them.
    ///
    /// ## Why is this bad?
    /// The API server refuses such documents (`yaml: document contains excessive
    /// aliasing`), and tools that expand them run out of memory.
    ///
    /// ## Example
    /// ```yaml
    /// a: &a [x, x, x, x, x, x, x, x, x, x]
    /// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    /// c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    /// d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
    /// e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
    /// f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
    /// g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// a: &a [x, x]
    /// b: [*a, *a]
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static YAML_003 = ("YAML-003", "yaml-alias-expansion-too-large", Error, None);
}

pub static RULES: &[&crate::rules::Rule] = &[&YAML_001, &YAML_002, &YAML_003, &YAML_004];

pub fn check(cx: &mut Checker) {
    template::check(cx);
    let issues = cx.yaml.issues.clone();
    for issue in issues {
        if cx.model.in_template(issue_offset(cx, &issue)) {
            continue;
        }
        match issue {
            YamlIssue::Syntax { offset, message } => {
                let end = next_char_end(cx.yaml.text(), offset);
                let d = cx.diagnostic(&YAML_001, offset, end, message);
                cx.push(d);
            }
            YamlIssue::TooDeep { offset } => {
                let end = next_char_end(cx.yaml.text(), offset);
                let msg = format!(
                    "nesting deeper than {} levels; podnet stops reading this document here",
                    crate::syntax::yaml::MAX_DEPTH
                );
                let d = cx.diagnostic(&YAML_001, offset, end, msg);
                cx.push(d);
            }
            YamlIssue::DuplicateKey { key, first } => {
                let n = cx.yaml.node(key);
                let (s, e) = (n.start, n.end);
                let name = cx.yaml.scalar(key).unwrap_or("").to_string();
                let first_line = cx.yaml.index.position(cx.yaml.node(first).start).line;
                let msg = format!(
                    "duplicate key `{name}` (first defined on line {first_line}); strict decoders reject this, others keep only the last value"
                );
                let d = cx.diagnostic(&YAML_002, s, e, msg);
                let d = cx.attach_object_at(d, s);
                cx.push(d);
            }
            YamlIssue::AliasBomb { alias, expanded } => {
                let n = cx.yaml.node(alias);
                let (s, e) = (n.start, n.end);
                let msg = format!(
                    "aliases in this document would expand to {expanded} nodes (limit {}); the API server rejects it with `yaml: document contains excessive aliasing`. podnet does not expand these aliases",
                    crate::syntax::yaml::MAX_EXPANSION
                );
                let d = cx.diagnostic(&YAML_003, s, e, msg);
                cx.push(d);
            }
        }
    }
}

/// Where an issue is, to leave out those inside template documents.
fn issue_offset(cx: &Checker, issue: &YamlIssue) -> usize {
    match issue {
        YamlIssue::Syntax { offset, .. } | YamlIssue::TooDeep { offset } => *offset,
        YamlIssue::DuplicateKey { key, .. } => cx.yaml.node(*key).start,
        YamlIssue::AliasBomb { alias, .. } => cx.yaml.node(*alias).start,
    }
}

fn next_char_end(text: &str, offset: usize) -> usize {
    let o = crate::syntax::source::floor_char_boundary(text, offset);
    match text[o..].chars().next() {
        Some('\n') | None => o,
        Some(c) => o + c.len_utf8(),
    }
}
