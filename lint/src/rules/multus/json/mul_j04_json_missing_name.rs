//! MUL-J04: an element without a name.

use crate::model::multus::Element;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Finds JSON elements without `name` or with an empty name.
    ///
    /// ## Why is this bad?
    /// The lookup fails: `getKubernetesDelegate: cannot find a network-attachment-definition
    /// () in namespace (default): resource name may not be empty`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"namespace": "default", "interface": "net1"}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "namespace": "default", "interface": "net1"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the network cannot be guessed.
    pub static MUL_J04 = ("MUL-J04", "multus-json-missing-name", Error, None);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    let n = &site.networks;
    match &e.name {
        None => out.push(site_diag(cx, &MUL_J04, site, e.span, format!("{label} has no \"name\"; Multus fails with: getKubernetesDelegate: cannot find a network-attachment-definition () in namespace ({}): resource name may not be empty", e.resolved_namespace(&n.default_namespace)))),
        Some(p) if p.value.is_empty() => out.push(site_diag(cx, &MUL_J04, site, p.span, format!("{label} has an empty \"name\"; Multus fails with: getKubernetesDelegate: cannot find a network-attachment-definition () in namespace ({}): resource name may not be empty", e.resolved_namespace(&n.default_namespace)))),
        _ => {}
    }
}
