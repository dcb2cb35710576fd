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
    /// Multus (`LoadDelegateNetConf`: a non-empty `type` makes it a single-plugin config) and
    /// libcni run only the top-level plugin and ignore `plugins` entirely: the bridge, VLAN,
    /// tuning or IPAM settings written in the list never apply (openshift/console PR #3177).
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
    /// Unsafe either way, since the NAD starts doing something else than today. When the
    /// list already holds a plugin of the top-level `type`, the fix removes the top-level
    /// single-plugin keys (`type` and every key other than `cniVersion`, `name`, `plugins`,
    /// `disableCheck`, `disableGC`), keeping the plugin list the author wrote out; otherwise
    /// it removes `plugins` (what Multus runs today).
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
        let listed = cfg.is_list
            || matches!(&p.value, Value::Array(items) if items.iter().any(|i| matches!(&i.value, Value::Object(m) if m.iter().any(|(k, v)| k.value == "type" && matches!(&v.value, Value::String(x) if x == t)))));
        if listed {
            let spans = members_delete_spans(&cfg.tree, |k| !CONFLIST_KEYS.contains(&k));
            let edits: Vec<(Span, String)> =
                spans.into_iter().map(|s| (s, String::new())).collect();
            let edits = value_edits(cx, c.node, c.text, &edits);
            if !edits.is_empty() {
                d.fix = Some(cx.fix(
                    "Remove the top-level plugin keys and keep the plugin list",
                    Applicability::Unsafe,
                    edits,
                ));
            }
        } else if let Some(span) = member_delete_span(&cfg.tree, "plugins") {
            let edits = value_edits(cx, c.node, c.text, &[(span, String::new())]);
            if !edits.is_empty() {
                d.fix = Some(cx.fix("Remove plugins", Applicability::Unsafe, edits));
            }
        }
        out.push(d);
    }
}

/// The top-level keys of a conflist (libcni `NetworkConfigList`).
const CONFLIST_KEYS: &[&str] = &[
    "cniVersion",
    "cniVersions",
    "name",
    "plugins",
    "disableCheck",
    "disableGC",
    "loadOnlyInlinedPlugins",
];

/// Spans that delete the members of object `v` whose key matches `drop`, each run of
/// adjacent members with one comma, so the rest stays valid JSON in its layout.
fn members_delete_spans(v: &Spanned<Value>, drop: impl Fn(&str) -> bool) -> Vec<Span> {
    let Value::Object(m) = &v.value else {
        return vec![];
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < m.len() {
        if !drop(&m[i].0.value) {
            i += 1;
            continue;
        }
        let a = i;
        while i + 1 < m.len() && drop(&m[i + 1].0.value) {
            i += 1;
        }
        let b = i;
        if b + 1 < m.len() {
            out.push((m[a].0.start, m[b + 1].0.start));
        } else if a > 0 {
            out.push((m[a - 1].1.end, m[b].1.end));
        } else {
            out.push((m[a].0.start, m[b].1.end));
        }
        i += 1;
    }
    out
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
