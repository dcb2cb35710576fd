//! MUL-X05: several addresses for a NAD with host-local IPAM.

use crate::rules::checker::Checker;
use crate::rules::multus::common::site_diag;
use crate::Diagnostic;

use super::Target;

crate::declare_rule! {
    /// ## What it does
    /// Finds more than one `ips` entry for a NAD whose IPAM is host-local.
    ///
    /// ## Why is this bad?
    /// Multus passes the addresses joined with `,` in CNI_ARGS and host-local fails:
    /// `error parsing value of pair "IP=10.1.1.10,fd00::10": invalid IP address` (issue
    /// #647, PR #1459).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: hl-net
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "host-local", "subnet": "10.1.1.0/24"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "hl-net", "ips": ["10.1.1.10", "10.1.1.11"]}]'
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
    ///   name: hl-net
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "host-local", "subnet": "10.1.1.0/24"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: hl-net
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: use static IPAM with the `ips` capability for several addresses.
    pub static MUL_X05 = ("MUL-X05", "multus-host-local-multiple-ips", Error, None);
}

pub fn check(cx: &Checker, t: &Target, out: &mut Vec<Diagnostic>) {
    let (site, e, label, ns, name) = (t.site, t.e, &t.label, &t.ns, t.name);
    let Some(cfg) = t.nad.and_then(|n| n.parsed()) else {
        return;
    };
    let ipam_type = cfg.ipam().and_then(|i| i.type_.clone()).unwrap_or_default();
    if let Some(ips) = &e.ips {
        if ipam_type == "host-local" && ips.value.len() > 1 {
            let joined: Vec<&str> = ips.value.iter().map(|p| p.value.as_str()).collect();
            out.push(site_diag(cx, &MUL_X05, site, ips.span, format!("{label}: {ns}/{name} uses host-local IPAM, which gets the addresses joined in CNI_ARGS and fails with: error parsing value of pair \"IP={}\": invalid IP address", joined.join(","))));
        }
    }
}
