//! MUL-J06: a NAD name or namespace that is not a valid Kubernetes name.

use crate::model::multus::{self as m, Element};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Checks that a JSON `name` is a DNS-1123 subdomain and `namespace` a DNS-1123 label,
    /// without surrounding whitespace (JSON values are not trimmed).
    ///
    /// ## Why is this bad?
    /// No NAD or namespace can have such a name, so the lookup fails: `cannot find a
    /// network-attachment-definition ( macvlan-conf) in namespace (default)`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "Macvlan_Conf"}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended name cannot be known.
    pub static MUL_J06 = ("MUL-J06", "multus-json-invalid-name", Error, None);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    let n = &site.networks;
    if let Some(p) = e.name.as_ref().filter(|p| {
        !p.value.is_empty() && !p.value.contains(['/', '@']) && !m::is_dns_subdomain(&p.value)
    }) {
        out.push(site_diag(cx, &MUL_J06, site, p.span, format!("{label}: name \"{}\" is not a valid NAD name (DNS-1123 subdomain){}; the lookup fails: cannot find a network-attachment-definition ({}) in namespace ({})", p.value, if p.value.trim() != p.value { ", it has surrounding whitespace and JSON values are not trimmed" } else { "" }, p.value, e.resolved_namespace(&n.default_namespace))));
    }
    if let Some(ns) = e
        .namespace
        .as_ref()
        .filter(|p| !p.value.is_empty() && !m::is_dns_label(&p.value))
    {
        out.push(site_diag(
            cx,
            &MUL_J06,
            site,
            ns.span,
            format!(
                "{label}: namespace \"{}\" is not a valid namespace name (DNS-1123 label){}",
                ns.value,
                if ns.value.trim() != ns.value {
                    "; JSON values are not trimmed"
                } else {
                    ""
                }
            ),
        ));
    }
}
