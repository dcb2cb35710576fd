//! MUL-N06: a config with neither "type" nor usable "plugins".

use crate::model::multus::Span;
use crate::rules::checker::Checker;
use crate::syntax::gojson::Value;
use crate::Diagnostic;

use super::{Parsed, LOAD_ERR};

crate::declare_rule! {
    /// ## What it does
    /// Checks the config shape Multus and libcni require: a `type` (single plugin) or a
    /// non-empty `plugins` array whose every plugin has a `type`.
    ///
    /// ## Why is this bad?
    /// `LoadDelegateNetConfList: delegate must have the 'type' or 'plugin' field`, `a plugin
    /// delegate must have the 'type' field`, `failed to parse plugin config 1: error parsing
    /// configuration: missing 'type'` (issue #1351); `"plugins": []` panics Multus (`index
    /// out of range [0] with length 0`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: placeholder-net
    /// spec:
    ///   config: '{"cniVersion": "1.0.0", "name": "placeholder-net", "plugins": []}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: placeholder-net
    /// spec:
    ///   config: '{"cniVersion": "1.0.0", "name": "placeholder-net", "plugins": [{"type": "loopback"}]}'
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the plugin type cannot be guessed.
    pub static MUL_N06 = ("MUL-N06", "nad-config-missing-type", Error, None);
}

pub fn check(cx: &Checker, p: &Parsed, out: &mut Vec<Diagnostic>) {
    let cfg = p.cfg;
    let diag = |rule, path: &str, span: Span, msg: String| p.diag(cx, rule, path, span, msg);
    let top = p.top();
    if cfg.is_list {
        match &cfg.plugins_value {
            None => out.push(diag(&MUL_N06, "", top, "spec.config has neither \"type\" nor \"plugins\"; Multus fails with: LoadDelegateNetConf: failed with: LoadDelegateNetConfList: delegate must have the 'type' or 'plugin' field".into())),
            Some(p) => match &p.value {
                Value::Array(items) if items.is_empty() => out.push(diag(&MUL_N06, ".plugins", (p.start, p.end), "`plugins` is empty: libcni rejects it (error parsing configuration list: no plugins in list) and Multus panics reading Plugins[0] (index out of range [0] with length 0)".into())),
                Value::Array(_) => {
                    for (i, pl) in cfg.plugins.iter().enumerate() {
                        if pl.type_.as_ref().is_none_or(|t| t.value.is_empty()) {
                            let msg = if i == 0 {
                                "plugins[0] has no \"type\"; Multus fails with: LoadDelegateNetConfList: a plugin delegate must have the 'type' field".to_string()
                            } else {
                                format!("plugins[{i}] has no \"type\"; the attachment fails with: conflistAdd: error converting the raw bytes into a conflist: failed to parse plugin config {i}: error parsing configuration: missing 'type'")
                            };
                            out.push(diag(&MUL_N06, &format!(".plugins[{i}]"), (pl.span.0, pl.span.0 + 1), msg));
                        }
                    }
                }
                _ => out.push(diag(&MUL_N06, ".plugins", (p.start, p.end), format!("`plugins` must be an array; Multus fails with: {LOAD_ERR}json: cannot unmarshal {} into Go struct field NetConfList.plugins of type []*types.NetConf", p.value.kind_name()))),
            },
        }
    }
}
