use super::common::{calico_plugin, ipam_type, member, reads_annotations, PodNets};
use crate::fix::diagnostic::Severity;
use crate::model::multus::nad::Nad;
use crate::rules::calico::common::{
    ann_diag, key_range, IPV4POOLS, IPV6POOLS, IP_ADDRS, IP_ADDRS_NO_IPAM,
};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports pod pool annotations that override the `ipam.ipv4_pools` / `ipv6_pools` of an
    /// attached Calico NetworkAttachmentDefinition, and `ipAddrs` on a pod with several Calico
    /// interfaces (error).
    ///
    /// ## Why is this bad?
    /// Calico annotations are pod-wide: the pod's `ipv4pools` replaces the NAD's pool list for
    /// that attachment, so the secondary interface gets an address from the wrong pool. With
    /// `ipAddrs`, every Calico interface requests the same address and the second fails with
    /// `Address already assigned in block`.
    ///
    /// ## Example
    /// ```yaml {"calico":{"edition":"enterprise"}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: secondary-calico
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "policy": {"type": "k8s"}, "ipam": {"type": "calico-ipam", "ipv4_pools": ["secondary-pool"]}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: secondary-calico
    ///     cni.projectcalico.org/ipv4pools: '["default-ipv4-ippool"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"calico":{"edition":"enterprise"}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: secondary-calico
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "policy": {"type": "k8s"}, "ipam": {"type": "calico-ipam", "ipv4_pools": ["secondary-pool"]}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: secondary-calico
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: select pools per network in each NAD instead of on the pod.
    pub static CAL_M007 = ("CAL-M007", "calico-pod-pools-override-nad", Warning, None);
}

/// The pod's pool annotations against each calico-ipam Calico network's own pools, then
/// its address annotations when it has several Calico interfaces.
pub fn check(cx: &mut Checker, pod: &PodNets) {
    for (_, nad) in &pod.calico {
        let Some(p) = calico_plugin(nad) else {
            continue;
        };
        if !reads_annotations(p) || ipam_type(p).unwrap_or_default() != "calico-ipam" {
            continue;
        }
        for (short, nad_key) in [(IPV4POOLS, "ipv4_pools"), (IPV6POOLS, "ipv6_pools")] {
            let Some(a) = pod.get(short) else { continue };
            let Some((_, pools)) = member(p, "ipam").and_then(|(_, i)| member(i, nad_key)) else {
                continue;
            };
            let nad_pools = &s_text(nad)[pools.start..pools.end];
            let d = ann_diag(cx, &CAL_M007, a, key_range(cx, a), format!(
                "{} applies to every Calico interface of the pod and replaces ipam.{nad_key} ({nad_pools}) of the Calico network {}/{}: that interface gets its address from {}, not from the NAD's pools",
                a.key, nad.namespace, nad.name, a.text.as_deref().unwrap_or("")
            ));
            cx.push(d);
        }
    }
    let calico_ifaces = pod.calico.len() + usize::from(cx.profile.calico.primary);
    if calico_ifaces > 1 {
        for short in [IP_ADDRS, IP_ADDRS_NO_IPAM] {
            let Some(a) = pod.get(short) else { continue };
            let mut d = ann_diag(cx, &CAL_M007, a, key_range(cx, a), format!(
                "{} applies to every Calico interface of the pod ({calico_ifaces} here): each requests the same address and the second fails with: Address already assigned in block (projectcalico/calico#10554)",
                a.key
            ));
            d.severity = Severity::Error;
            cx.push(d);
        }
    }
}

fn s_text(nad: &Nad) -> &str {
    nad.config_text.as_deref().unwrap_or("")
}
