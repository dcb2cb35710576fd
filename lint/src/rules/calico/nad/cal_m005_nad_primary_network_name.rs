use super::common::{calico_plugin, config_edit, member, nad_diag, string_of, NadSite};
use crate::fix::diagnostic::Applicability;
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports a Calico NetworkAttachmentDefinition whose config `name` is
    /// `k8s-pod-network`, the name of Calico's primary network.
    ///
    /// ## Why is this bad?
    /// Calico's IPAM handle is `<network name>.<containerID>`: the attachment shares the handle
    /// of the pod's primary interface, so releasing one releases the other's addresses (only
    /// reachable where several Calico attachments per pod work, i.e. Calico Enterprise).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}, "name": "k8s-pod-network"}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}, "name": "calico-conf"}'
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the name becomes the NAD's own name (what Multus injects when `name` is
    /// absent), but the network name is also the IPAM handle prefix and the name in the
    /// pods' network status, so the rename changes both for every pod attaching the NAD
    /// (and what tools matching on the name see), not only the shared handle.
    pub static CAL_M005 = ("CAL-M005", "calico-nad-primary-network-name", Warning, Always);
}

pub fn check(cx: &mut Checker, s: &NadSite) {
    let nad = s.nad;
    let Some(p) = calico_plugin(nad) else { return };
    if let Some((_, v)) = member(p, "name").or_else(|| member(&nad.parsed()?.tree, "name")) {
        if string_of(v) == Some("k8s-pod-network") {
            let mut d = nad_diag(cx, &CAL_M005, s, (v.start, v.end), format!(
                "NetworkAttachmentDefinition {}: the network name k8s-pod-network is the name of Calico's primary network; the IPAM handle <name>.<containerID> is then shared with the pod's eth0",
                nad.name
            ));
            let new = serde_json::to_string(&nad.name).unwrap_or_default();
            if !nad.name.is_empty() {
                let e = config_edit(cx, s.node, s.text, v.start, v.end, &new);
                d.fix = Some(cx.fix(
                    format!("Name the network {}", nad.name),
                    Applicability::Unsafe,
                    vec![e],
                ));
            }
            cx.push(d);
        }
    }
}
