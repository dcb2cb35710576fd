//! MUL-J12: default-route entries that are not gateway addresses.

use crate::fix::diagnostic::Applicability;
use crate::model::multus::{Element, JSON_ERROR_PREFIX};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, value_edits, Site};
use crate::syntax::gonet;
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every `default-route` entry is a gateway IP address (decoded with
    /// `net.IP.UnmarshalText`), not a CIDR.
    ///
    /// ## Why is this bad?
    /// The whole annotation fails to decode: `... JSON format: invalid IP address:
    /// 192.168.2.1/24`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "default-route": ["192.168.2.1/24"]}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "default-route": ["192.168.2.1"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the prefix length of a CIDR is removed (the gateway address is kept).
    pub static MUL_J12 = ("MUL-J12", "multus-json-default-route-not-ip", Error, Sometimes);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    let v = &site.value;
    let Some(dr) = &e.default_route else { return };
    for gw in &dr.value {
        if let Err(err) = gonet::unmarshal_ip_text(&gw.value) {
            let mut d = site_diag(cx, &MUL_J12, site, gw.span, format!("{label}: default-route entries are gateway addresses, not CIDRs; Multus fails with: {JSON_ERROR_PREFIX}{err}"));
            if let Some((ip, _)) = gw.value.split_once('/') {
                if gonet::parse_ip(ip).is_some() {
                    let edits =
                        value_edits(cx, site.value_node, v, &[(gw.span, format!("\"{ip}\""))]);
                    d.fix = Some(cx.fix("Drop the prefix length", Applicability::Safe, edits));
                }
            }
            out.push(d);
        }
    }
}
