use crate::rules::checker::Checker;

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

/// A syntax error at `offset`.
pub fn syntax(cx: &mut Checker, offset: usize, message: String) {
    let end = next_char_end(cx.yaml.text(), offset);
    let d = cx.diagnostic(&YAML_001, offset, end, message);
    cx.push(d);
}

/// Nesting beyond the limit at `offset`.
pub fn too_deep(cx: &mut Checker, offset: usize) {
    let end = next_char_end(cx.yaml.text(), offset);
    let msg = format!(
        "nesting deeper than {} levels; podnet stops reading this document here",
        crate::syntax::yaml::MAX_DEPTH
    );
    let d = cx.diagnostic(&YAML_001, offset, end, msg);
    cx.push(d);
}

fn next_char_end(text: &str, offset: usize) -> usize {
    let o = crate::syntax::source::floor_char_boundary(text, offset);
    match text[o..].chars().next() {
        Some('\n') | None => o,
        Some(c) => o + c.len_utf8(),
    }
}
