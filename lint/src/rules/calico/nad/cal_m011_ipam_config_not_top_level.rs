use super::common::{foreign_calico_ipam, member, nad_diag, string_of, NadSite};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports `calico-ipam` under a non-Calico plugin whose config lacks a top-level
    /// `kubernetes.kubeconfig` (and `datastore_type`).
    ///
    /// ## Why is this bad?
    /// calico-ipam reads the whole plugin config as Calico's `NetConf`: settings nested inside
    /// `ipam` are not seen, so it cannot reach the datastore and every ADD fails.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "calico-ipam", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}}}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam", "ipv4_pools": ["macvlan-pool"]}}'
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_M011 = ("CAL-M011", "calico-ipam-config-not-top-level", Warning, None);
}

pub fn check(cx: &mut Checker, s: &NadSite) {
    let nad = s.nad;
    if let Some(p) = foreign_calico_ipam(nad) {
        let kubeconfig = member(p, "kubernetes")
            .and_then(|(_, k)| member(k, "kubeconfig"))
            .is_some();
        if !kubeconfig {
            let ds = member(p, "datastore_type").is_some();
            let nested = member(p, "ipam").is_some_and(|(_, i)| {
                member(i, "kubernetes").is_some() || member(i, "datastore_type").is_some()
            });
            let d = nad_diag(cx, &CAL_M011, s, (p.start, p.start + 1), format!(
                "NetworkAttachmentDefinition {}: calico-ipam under the {} plugin reads the plugin's whole config as Calico's NetConf, but it has no top-level kubernetes.kubeconfig{}{}; calico-ipam cannot reach the datastore",
                nad.name,
                member(p, "type").and_then(|(_, t)| string_of(t)).unwrap_or("?"),
                if ds { "" } else { " or datastore_type" },
                if nested { " (settings nested inside ipam are not seen)" } else { "" }
            ));
            cx.push(d);
        }
    }
}
