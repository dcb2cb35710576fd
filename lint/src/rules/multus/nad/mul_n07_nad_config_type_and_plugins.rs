//! MUL-N07: a config with both "type" and "plugins".

use crate::fix::diagnostic::Applicability;
use crate::model::multus::Span;
use crate::rules::checker::Checker;
use crate::rules::multus::common::value_edits;
use crate::syntax::gojson::{Spanned, Value};
use crate::Diagnostic;

use super::Parsed;

crate::declare_rule! {
    /// ## What it does
    /// Finds a config with both a top-level `type` and `plugins`.
    ///
    /// ## Why is this bad?
    /// Multus treats it as a single plugin and ignores `plugins` entirely.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "plugins": [{"type": "tuning"}]}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1"}'
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: removes `plugins` (what Multus does today); the author may have meant a
    /// conflist instead.
    pub static MUL_N07 = ("MUL-N07", "nad-config-type-and-plugins", Warning, Always);
}

pub fn check(cx: &Checker, p: &Parsed, out: &mut Vec<Diagnostic>) {
    let (cfg, c) = (p.cfg, p);
    let diag = |rule, path: &str, span: Span, msg: String| p.diag(cx, rule, path, span, msg);
    let type_str = match &cfg.type_ {
        Some(Spanned {
            value: Value::String(s),
            ..
        }) => Some(s.as_str()),
        _ => None,
    };
    if let (Some(t), Some(p)) = (type_str.filter(|t| !t.is_empty()), &cfg.plugins_value) {
        let (ks, _) = cfg.keys.get("plugins").copied().unwrap_or((p.start, p.end));
        let mut d = diag(&MUL_N07, ".plugins", (ks, p.end), format!("spec.config has both \"type\" ({t}) and \"plugins\": Multus runs it as a single {t} plugin and ignores plugins"));
        if let Some(span) = member_delete_span(&cfg.tree, "plugins") {
            let edits = value_edits(cx, c.node, c.text, &[(span, String::new())]);
            if !edits.is_empty() {
                d.fix = Some(cx.fix("Remove plugins", Applicability::Unsafe, edits));
            }
        }
        out.push(d);
    }
}

/// Span to delete a member `k` of object `v` with one adjacent comma.
fn member_delete_span(v: &Spanned<Value>, k: &str) -> Option<Span> {
    let Value::Object(m) = &v.value else {
        return None;
    };
    let i = m.iter().position(|(key, _)| key.value == k)?;
    if i + 1 < m.len() {
        Some((m[i].0.start, m[i + 1].0.start))
    } else if i > 0 {
        Some((m[i - 1].1.end, m[i].1.end))
    } else {
        Some((m[i].0.start, m[i].1.end))
    }
}
