//! MUL-X04: addresses without a prefix length for a NAD with static IPAM.

use crate::rules::checker::Checker;
use crate::rules::multus::common::site_diag;
use crate::Diagnostic;

use super::Target;

crate::declare_rule! {
    /// ## What it does
    /// Finds `ips` entries without a prefix length on a NAD with static IPAM.
    ///
    /// ## Why is this bad?
    /// The static IPAM plugin requires CIDR notation: `the 'ip' field is expected to be in
    /// CIDR notation, got: '10.1.1.10'` (CNI_ARGS) or `an entry in the 'ips' field is NOT in
    /// CIDR notation, got: '10.1.1.10'` (runtimeConfig).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: static-net
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "capabilities": {"ips": true}, "master": "eth1", "ipam": {"type": "static"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "static-net", "ips": ["10.1.1.10"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: static-net
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "capabilities": {"ips": true}, "master": "eth1", "ipam": {"type": "static"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "static-net", "ips": ["10.1.1.10/24"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the prefix length cannot be known.
    pub static MUL_X04 = ("MUL-X04", "multus-static-ipam-needs-cidr", Error, None);
}

pub fn check(cx: &Checker, t: &Target, out: &mut Vec<Diagnostic>) {
    let (site, e, label, ns, name) = (t.site, t.e, &t.label, &t.ns, t.name);
    let Some(cfg) = t.nad.and_then(|n| n.parsed()) else {
        return;
    };
    let ipam_type = cfg.ipam().and_then(|i| i.type_.clone()).unwrap_or_default();
    if let Some(ips) = &e.ips {
        if ipam_type == "static" {
            for ip in &ips.value {
                if !ip.value.contains('/') && crate::model::multus::ip_error(&ip.value).is_none() {
                    out.push(site_diag(cx, &MUL_X04, site, ip.span, format!("{label}: {ns}/{name} uses static IPAM, which requires CIDR notation; the attachment fails with: the 'ip' field is expected to be in CIDR notation, got: '{}'", ip.value)));
                }
            }
        }
    }
}
