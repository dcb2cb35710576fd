//! MUL-N03: spec.config written as YAML instead of a JSON string.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::fix::edit;
use crate::model::k8s::Object;
use crate::model::multus::nad::{Config, Nad};
use crate::rules::checker::Checker;
use crate::syntax::yaml::{Kind, NodeId};

crate::declare_rule! {
    /// ## What it does
    /// Checks that `spec.config` is a string (JSON text), not a YAML mapping or sequence.
    ///
    /// ## Why is this bad?
    /// The CRD schema declares a string: `spec.config: Invalid value: "object": spec.config
    /// in body must be of type string: "object"` (issue #765).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config:
    ///     cniVersion: 0.3.1
    ///     type: macvlan
    ///     master: eth1
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion":"0.3.1","master":"eth1","type":"macvlan"}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe: a mapping or sequence is serialised to JSON (as Kubernetes reads its scalars)
    /// and written as a quoted string.
    pub static MUL_N03 = ("MUL-N03", "nad-config-not-string", Error, Sometimes);
}

pub fn check(
    cx: &Checker,
    o: &Object,
    nad: &Nad,
    config_node: Option<NodeId>,
    out: &mut Vec<Diagnostic>,
) {
    let y = cx.yaml;
    let Config::NotString(tw) = &nad.config else {
        return;
    };
    let Some(cn) = config_node else {
        return;
    };
    let range = edit::node_text_range(y, cn);
    let mut d = cx.object_diagnostic(&MUL_N03, o, "spec.config".into(), range, format!("spec.config is a YAML {tw}; the CRD requires a JSON string: spec.config: Invalid value: \"object\": spec.config in body must be of type string: \"object\""));
    if matches!(y.node(cn).kind, Kind::Map { .. } | Kind::Seq { .. }) {
        let json = serde_json::to_string(&y.to_json(cn)).unwrap_or_default();
        d.fix = Some(cx.fix(
            "Serialise the config as a JSON string",
            Applicability::Safe,
            vec![(range.0, range.1, edit::quoted(&json))],
        ));
    }
    out.push(d);
}
