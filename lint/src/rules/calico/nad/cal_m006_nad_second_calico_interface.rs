use super::common::{calico_plugin, member, string_of, PodNets};
use crate::model::profile::CalicoEdition;
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Under Calico OSS, reports a pod attaching a Calico NetworkAttachmentDefinition while
    /// Calico is the primary CNI, or attaching two Calico networks.
    ///
    /// ## Why is this bad?
    /// OSS names the host-side veth after the pod only, so the second Calico ADD deletes the
    /// first interface's veth; users see the pod lose eth0 or `failed to add IPv4 route for
    /// 0.0.0.0/0 via 169.254.1.1: file exists`. Calico Enterprise supports it with
    /// `multiInterfaceMode: Multus`. A Calico NAD config's `"network"` field (Calico
    /// Enterprise multi-VRF: the `Network` the attachment joins) is Enterprise-only: under
    /// OSS the message says so, since OSS ignores it.
    ///
    /// ## Example
    /// ```yaml
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
    ///     k8s.v1.cni.cncf.io/networks: calico-conf
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
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: calico-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: use a non-Calico secondary network, or Calico Enterprise.
    pub static CAL_M006 = ("CAL-M006", "calico-nad-second-calico-interface", Error, None);
}

/// Under Calico OSS: a Calico network besides the primary one, or a second one.
pub fn check(cx: &mut Checker, pod: &PodNets) {
    let oss = cx.profile.calico.edition == CalicoEdition::Oss;
    let primary = cx.profile.calico.primary;
    let calico = &pod.calico;
    if !(oss && !calico.is_empty() && (primary || calico.len() > 1)) {
        return;
    }
    let (e, nad) = calico[if primary { 0 } else { 1 }];
    // Calico Enterprise multi-VRF names the Network in the NAD config; OSS ignores it.
    let vrf = calico_plugin(nad)
        .and_then(|p| member(p, "network"))
        .and_then(|(_, v)| string_of(v))
        .map(|n| format!("; its config sets \"network\": {n:?}, a Calico Enterprise (multi-VRF) field that Calico OSS ignores"))
        .unwrap_or_default();
    let d = pod.diag(cx, &CAL_M006, e.span.0, e.span.1, format!(
        "the pod attaches the Calico network {}/{}{}; Calico OSS supports one Calico interface per pod (the second ADD deletes the first interface's host veth; typical symptom: failed to add IPv4 route for 0.0.0.0/0 via 169.254.1.1: file exists); use a non-Calico secondary network, or Calico Enterprise with multiInterfaceMode: Multus{vrf}",
        nad.namespace, nad.name,
        if primary { " while Calico is the primary CNI" } else { " as a second Calico network" }
    ));
    cx.push(d);
}
