//! MUL-J08: the deprecated `interfaceRequest`.

use crate::fix::diagnostic::Applicability;
use crate::model::multus::Element;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, value_edits, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Reports the deprecated `interfaceRequest` key.
    ///
    /// ## Why is this bad?
    /// Multus still copies it to `interface` ("compatibility pre v3.2, will be removed"),
    /// but network-attachment-definition-client consumers ignore it, and v3.2–3.3 ignored it
    /// (issue #360).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "interfaceRequest": "eth1"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "interface": "eth1"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the key is renamed to `interface` (same behaviour in Multus). No fix when
    /// `interface` is also present.
    pub static MUL_J08 = ("MUL-J08", "multus-json-interface-request", Warning, Sometimes);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    let v = &site.value;
    if let Some(ir) = &e.interface_request {
        let kspan = ir.key.unwrap_or(ir.span);
        let mut d = site_diag(cx, &MUL_J08, site, kspan, format!("{label}: \"interfaceRequest\" is deprecated (\"compatibility pre v3.2, will be removed\") and ignored by network-attachment-definition-client consumers; use \"interface\""));
        if e.interface.is_none() {
            let edits = value_edits(cx, site.value_node, v, &[(kspan, "\"interface\"".into())]);
            d.fix = Some(cx.fix("Rename to \"interface\"", Applicability::Safe, edits));
        }
        out.push(d);
    }
}
