//! MUL-J22: the effects of `default-route` on the other interfaces.

use crate::model::multus::Element;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Notes a `default-route` request and what it does to the Pod's other routes.
    ///
    /// ## Why is this bad?
    /// Multus deletes the default routes of every other interface, including `eth0`; an
    /// IPv4-only request also removes the IPv6 default routes. Cluster traffic that relies on
    /// `eth0`'s default route may break.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "default-route": ["192.168.2.1"]}]'
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
    /// No fix: informational.
    pub static MUL_J22 = ("MUL-J22", "multus-default-route-effects", Info, None);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    if let Some(dr) = &e.default_route {
        if !dr.value.is_empty() && !site.is_default {
            out.push(site_diag(cx, &MUL_J22, site, dr.key.unwrap_or(dr.span), format!("{label}: default-route makes Multus delete the default routes of every other interface, eth0 included (an IPv4-only request also removes the IPv6 default routes)")));
        }
    }
}
