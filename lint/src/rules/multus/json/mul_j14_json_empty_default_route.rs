//! MUL-J14: `"default-route": []`.

use crate::model::multus::Element;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Reports `"default-route": []`.
    ///
    /// ## Why is this bad?
    /// An empty list is non-nil: `CheckGatewayConfig` runs and removes the IPv4 and IPv6
    /// default routes of every interface, including `eth0`; the Pod ends up without a
    /// default route.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "default-route": []}]'
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
    /// No fix: removing the key or listing a gateway are different intents.
    pub static MUL_J14 = ("MUL-J14", "multus-json-empty-default-route", Warning, None);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    if let Some(dr) = &e.default_route {
        if dr.value.is_empty() && !site.is_default {
            out.push(site_diag(cx, &MUL_J14, site, dr.span, format!("{label}: \"default-route\": [] removes the IPv4 and IPv6 default routes of every interface (eth0 included): the Pod has no default route; remove the key or list the gateway")));
        }
    }
}
