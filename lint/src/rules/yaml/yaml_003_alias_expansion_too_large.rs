use crate::rules::checker::Checker;
use crate::syntax::yaml::NodeId;

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

/// The alias node `alias` would expand the document to `expanded` nodes.
pub fn check(cx: &mut Checker, alias: NodeId, expanded: u64) {
    let n = cx.yaml.node(alias);
    let (s, e) = (n.start, n.end);
    let msg = format!(
        "aliases in this document would expand to {expanded} nodes (limit {}); the API server rejects it with `yaml: document contains excessive aliasing`. podnet does not expand these aliases",
        crate::syntax::yaml::MAX_EXPANSION
    );
    let d = cx.diagnostic(&YAML_003, s, e, msg);
    cx.push(d);
}
