use super::common::PodNets;
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports `ips` or `mac` in a Multus network selection element that attaches a Calico
    /// network.
    ///
    /// ## Why is this bad?
    /// Calico does not implement the CNI `ips`/`mac` capabilities; the request is ignored
    /// (projectcalico/calico#10554). Use `cni.projectcalico.org/ipAddrs` or a dedicated pool.
    ///
    /// ## Example
    /// ```yaml {"calico":{"primary":false}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "calico-conf", "ips": ["10.1.0.5"]}]'
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
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "calico-conf"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_M009 = ("CAL-M009", "calico-nad-ips-or-mac-requested", Warning, None);
}

pub fn check(cx: &mut Checker, pod: &PodNets) {
    for (e, nad) in &pod.calico {
        for (what, part) in [
            ("ips", e.ips.as_ref().map(|p| (p.key, p.span))),
            ("mac", e.mac.as_ref().map(|p| (p.key, p.span))),
        ] {
            let Some((key, span)) = part else { continue };
            let start = key.map(|k| k.0).unwrap_or(span.0);
            let d = pod.diag(cx, &CAL_M009, start, span.1, format!(
                "{what} is requested for the Calico network {}/{}, but Calico does not implement the ips/mac capabilities and ignores the request; use cni.projectcalico.org/ipAddrs (or hwAddr) or a dedicated pool",
                nad.namespace, nad.name
            ));
            cx.push(d);
        }
    }
}
