//! MUL-N02: the NAD's name.

use crate::fix::diagnostic::{Diagnostic, Severity};
use crate::fix::edit;
use crate::model::k8s::Object;
use crate::rules::checker::Checker;
use crate::rules::multus::common::with_severity;

crate::declare_rule! {
    /// ## What it does
    /// Checks the NAD name: it must be a DNS-1123 subdomain (error); a `.` is a warning.
    ///
    /// ## Why is this bad?
    /// The API server rejects invalid names. Dotted names are legal, but cannot be referenced
    /// in the short form, and the net-attach-def admission webhook rejects them with
    /// `net-attach-def name is invalid` (maistra/istio-operator PR #332).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: v1.1-istio-cni
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: v1-1-istio-cni
    /// ```
    ///
    /// ## Fix safety
    /// No fix: renaming a NAD breaks its references.
    pub static MUL_N02 = ("MUL-N02", "nad-invalid-name", Error, None);
}

/// MUL-N02: the NAD's name.
pub fn check(cx: &Checker, o: &Object, out: &mut Vec<Diagnostic>) {
    let y = cx.yaml;
    let md = y.get(o.node, "metadata").filter(|&m| y.is_map(m));
    if let Some(nv) = md.and_then(|m| y.get(m, "name")) {
        let name = y.str_value(nv).unwrap_or("");
        if !crate::model::multus::is_dns_subdomain(name) {
            out.push(cx.object_diagnostic(
                &MUL_N02,
                o,
                "metadata.name".into(),
                edit::node_text_range(y, nv),
                format!("NAD name `{name}` is not a DNS-1123 subdomain; the API server rejects it"),
            ));
        } else if name.contains('.') {
            out.push(with_severity(cx.object_diagnostic(&MUL_N02, o, "metadata.name".into(), edit::node_text_range(y, nv), format!("NAD name `{name}` contains '.': it cannot be referenced in the comma-delimited form, and the net-attach-def admission webhook (if installed) rejects it with: net-attach-def name is invalid")), Severity::Warning));
        }
    }
}
