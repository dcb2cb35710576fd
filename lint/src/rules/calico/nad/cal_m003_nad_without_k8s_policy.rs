use super::common::{calico_plugin, config_edit, member, members, nad_diag, string_of, NadSite};
use crate::fix::diagnostic::Applicability;
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports a Calico NetworkAttachmentDefinition without `"policy": {"type": "k8s"}`.
    ///
    /// ## Why is this bad?
    /// Calico reads pod and namespace annotations and labels only with policy type `k8s`;
    /// without it every `cni.projectcalico.org/*` annotation of pods using this network is
    /// silently ignored, and the endpoint gets the network-name profile instead of Kubernetes
    /// policy.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}}'
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: `"policy": {"type": "k8s"}` (as in every stock Calico config) makes Calico read
    /// the pod's annotations **and** labels for this attachment, so pool annotations and the
    /// NetworkPolicies selecting the pod's labels start to apply to that interface: more
    /// than the missing annotation reading changes. Offered only when `policy` is absent.
    pub static CAL_M003 = ("CAL-M003", "calico-nad-without-k8s-policy", Warning, Sometimes);
}

pub fn check(cx: &mut Checker, s: &NadSite) {
    let nad = s.nad;
    let Some(p) = calico_plugin(nad) else { return };
    match member(p, "policy") {
        None => {
            let mut d = nad_diag(cx, &CAL_M003, s, (p.start, p.start + 1), format!(
                "NetworkAttachmentDefinition {}: the Calico config has no \"policy\": {{\"type\": \"k8s\"}}, so Calico does not read pod or namespace annotations for this network: cni.projectcalico.org/* annotations of pods using it are silently ignored",
                nad.name
            ));
            if let Some(last) = members(p).and_then(|m| m.last()) {
                let at = last.1.end;
                let e = config_edit(
                    cx,
                    s.node,
                    s.text,
                    at,
                    at,
                    ", \"policy\": {\"type\": \"k8s\"}",
                );
                d.fix = Some(cx.fix(
                    "Add \"policy\": {\"type\": \"k8s\"}",
                    Applicability::Unsafe,
                    vec![e],
                ));
            }
            cx.push(d);
        }
        Some((_, pol)) => {
            let t = member(pol, "type").and_then(|(_, t)| string_of(t));
            if t != Some("k8s") {
                let d = nad_diag(cx, &CAL_M003, s, (pol.start, pol.end), format!(
                    "NetworkAttachmentDefinition {}: policy type is {:?}, not \"k8s\", so Calico does not read pod or namespace annotations for this network",
                    nad.name, t.unwrap_or("")
                ));
                cx.push(d);
            }
        }
    }
}
