//! MUL-N04: spec.config that is not valid JSON.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::model::k8s::Object;
use crate::model::multus::nad::{Config, Nad};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{value_edits, value_range};
use crate::rules::multus::json_repair::repair_json;
use crate::syntax::yaml::NodeId;

use super::CFG_ERR;

crate::declare_rule! {
    /// ## What it does
    /// Checks that `spec.config` is valid JSON, and points at the character where Go's
    /// decoder stops.
    ///
    /// ## Why is this bad?
    /// Every Pod that selects the network fails: `GetCNIConfig: err in getCNIConfigFromSpec:
    /// failed to unmarshal Spec.Config: invalid character '#' looking for beginning of object
    /// key string` (issues #731, #847).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1",}'
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
    /// Safe for unambiguous defects (missing or trailing commas, missing closers, `#` and
    /// `//` comments); offered only when the repaired text is valid JSON.
    pub static MUL_N04 = ("MUL-N04", "nad-config-invalid-json", Error, Sometimes, ["CAL-M001"]);
}

pub fn check(
    cx: &Checker,
    o: &Object,
    nad: &Nad,
    config_node: Option<NodeId>,
    out: &mut Vec<Diagnostic>,
) {
    let Config::Invalid(err) = &nad.config else {
        return;
    };
    let Some(cn) = config_node else {
        return;
    };
    let text = nad.config_text.as_deref().unwrap_or("");
    let range = value_range(cx, cn, text, (err.offset, err.offset + err.len));
    let mut d = cx.object_diagnostic(
        &MUL_N04,
        o,
        "spec.config".into(),
        range,
        format!(
            "spec.config is not valid JSON; Pods using it fail with: {CFG_ERR}{}",
            err.msg
        ),
    );
    if let Some(edits) = repair_json(text) {
        let e = value_edits(cx, cn, text, &edits);
        if !e.is_empty() {
            d.fix = Some(cx.fix("Repair the JSON", Applicability::Safe, e));
        }
    }
    out.push(d);
}
