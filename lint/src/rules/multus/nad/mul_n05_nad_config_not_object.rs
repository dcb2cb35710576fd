//! MUL-N05: spec.config that is JSON but not an object.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::fix::edit;
use crate::model::k8s::Object;
use crate::model::multus::nad::{Config, Nad};
use crate::rules::checker::Checker;
use crate::rules::multus::common::value_edits;
use crate::syntax::gojson::{Spanned, Value};
use crate::syntax::yaml::NodeId;

use super::{member, CFG_ERR};

crate::declare_rule! {
    /// ## What it does
    /// Checks that `spec.config` is a JSON object.
    ///
    /// ## Why is this bad?
    /// `GetCNIConfigFromSpec` decodes it into a map: `failed to unmarshal Spec.Config: json:
    /// cannot unmarshal array into Go value of type map[string]interface {}`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-tuning
    /// spec:
    ///   config: '[{"type": "macvlan", "master": "eth1"}, {"type": "tuning"}]'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-tuning
    /// spec:
    ///   config: '{ "cniVersion": "0.4.0", "plugins": [{"type": "macvlan", "master": "eth1"}, {"type": "tuning"}] }'
    /// ```
    ///
    /// ## Fix safety
    /// Safe for an array of plugin objects that all have a `type`: it is wrapped as a
    /// conflist `{ "cniVersion": "0.4.0", "plugins": [...] }` (0.4.0 is supported by the
    /// reference plugins, Calico and current SR-IOV; change it if your plugins need another).
    pub static MUL_N05 = ("MUL-N05", "nad-config-not-object", Error, Sometimes);
}

pub fn check(
    cx: &Checker,
    o: &Object,
    nad: &Nad,
    config_node: Option<NodeId>,
    out: &mut Vec<Diagnostic>,
) {
    let y = cx.yaml;
    let Config::NotObject(k) = &nad.config else {
        return;
    };
    let Some(cn) = config_node else {
        return;
    };
    let text = nad.config_text.as_deref().unwrap_or("");
    let mut d = cx.object_diagnostic(&MUL_N05, o, "spec.config".into(), edit::node_text_range(y, cn), format!("spec.config must be a JSON object (a plugin with \"type\", or a conflist with \"plugins\"); Pods using it fail with: {CFG_ERR}json: cannot unmarshal {k} into Go value of type map[string]interface {{}}"));
    if let Ok(Spanned {
        value: Value::Array(items),
        ..
    }) = crate::syntax::gojson::parse(text).as_ref()
    {
        let all_plugins = !items.is_empty() && items.iter().all(|i| matches!(member(i, "type"), Some((_, Spanned { value: Value::String(t), .. })) if !t.is_empty()));
        if all_plugins {
            let s = text.len() - text.trim_start().len();
            let e = text.trim_end().len();
            let edits = value_edits(
                cx,
                cn,
                text,
                &[
                    ((s, s), "{ \"cniVersion\": \"0.4.0\", \"plugins\": ".into()),
                    ((e, e), " }".into()),
                ],
            );
            d.fix = Some(cx.fix(
                "Wrap the plugins in a conflist (cniVersion 0.4.0)",
                Applicability::Safe,
                edits,
            ));
        }
    }
    out.push(d);
}
