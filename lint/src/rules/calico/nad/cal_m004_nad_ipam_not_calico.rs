use super::common::{calico_plugin, ipam_type, reads_annotations, PodNets};
use crate::fix::diagnostic::Severity;
use crate::rules::calico::common::{
    ann_diag, key_range, IPV4POOLS, IPV6POOLS, IP_ADDRS, IP_ADDRS_NO_IPAM, IP_FAMILIES,
};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports pod annotations that a Calico NetworkAttachmentDefinition with another IPAM
    /// (e.g. `host-local`) cannot honour: pool annotations are ignored (warning), `ipAddrs` /
    /// `ipAddrsNoIpam` fail (error).
    ///
    /// ## Why is this bad?
    /// Pool annotations are applied only with `calico-ipam`; `ipAddrs` fails the attachment:
    /// `ipAddrs is not compatible with configured IPAM: host-local`.
    ///
    /// ## Example
    /// ```yaml {"calico":{"primary":false}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "policy": {"type": "k8s"}, "ipam": {"type": "host-local", "subnet": "10.10.0.0/16"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: calico-conf
    ///     cni.projectcalico.org/ipAddrs: '["10.10.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"calico":{"primary":false}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "policy": {"type": "k8s"}, "ipam": {"type": "calico-ipam"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: calico-conf
    ///     cni.projectcalico.org/ipAddrs: '["10.10.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_M004 = ("CAL-M004", "calico-nad-ipam-not-calico", Warning, None);
}

/// The pod's pool and address annotations, for each Calico network whose config makes
/// Calico read them (CAL-M003) and whose IPAM is not calico-ipam.
pub fn check(cx: &mut Checker, pod: &PodNets) {
    for (_, nad) in &pod.calico {
        let Some(p) = calico_plugin(nad) else {
            continue;
        };
        if !reads_annotations(p) {
            continue;
        }
        let ipam = ipam_type(p).unwrap_or_default();
        if ipam == "calico-ipam" {
            continue;
        }
        for short in [
            IPV4POOLS,
            IPV6POOLS,
            IP_FAMILIES,
            IP_ADDRS,
            IP_ADDRS_NO_IPAM,
        ] {
            let Some(a) = pod.get(short) else { continue };
            let fails = short.starts_with("ipAddrs");
            let msg = if fails {
                format!("{} cannot be honoured by the Calico network {}/{}, whose IPAM is {:?}; the attachment fails with: {short} is not compatible with configured IPAM: {ipam}", a.key, nad.namespace, nad.name, ipam)
            } else {
                format!("{} is ignored for the Calico network {}/{}: pool annotations are applied only with calico-ipam, and its IPAM is {:?}", a.key, nad.namespace, nad.name, ipam)
            };
            let mut d = ann_diag(cx, &CAL_M004, a, key_range(cx, a), msg);
            if fails {
                d.severity = Severity::Error;
            }
            cx.push(d);
        }
    }
}
