use super::common::PodNets;
use crate::rules::calico::common::{ann_diag, key_range, IPV4POOLS, IPV6POOLS};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports pod pool annotations on a pod attaching a non-Calico plugin that uses
    /// `calico-ipam`.
    ///
    /// ## Why is this bad?
    /// Pod annotations are injected only by the `calico` main plugin; `calico-ipam` under
    /// macvlan or ipvlan never sees them. Set `ipam.ipv4_pools` in the NAD instead.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam", "ipv4_pools": ["macvlan-pool"]}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    ///     cni.projectcalico.org/ipv4pools: '["macvlan-pool"]'
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
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam", "ipv4_pools": ["macvlan-pool"]}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_M010 = ("CAL-M010", "calico-pools-with-foreign-plugin", Warning, None);
}

pub fn check(cx: &mut Checker, pod: &PodNets) {
    for nad in &pod.foreign {
        for short in [IPV4POOLS, IPV6POOLS] {
            let Some(a) = pod.get(short) else { continue };
            let d = ann_diag(cx, &CAL_M010, a, key_range(cx, a), format!(
                "{} is not applied to the network {}/{}: it uses calico-ipam under a non-Calico plugin, and only the calico plugin injects pod annotations; set ipam.{} in that NAD instead",
                a.key, nad.namespace, nad.name, if short == IPV4POOLS { "ipv4_pools" } else { "ipv6_pools" }
            ));
            cx.push(d);
        }
    }
}
