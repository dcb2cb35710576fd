use super::common::{calico_plugin, config_edit, member, nad_diag, NadSite};
use crate::fix::diagnostic::Applicability;
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Checks `ipam.assign_ipv4` / `ipam.assign_ipv6` of a Calico NetworkAttachmentDefinition:
    /// they are strings (`"true"`), not JSON booleans.
    ///
    /// ## Why is this bad?
    /// Calico's `NetConf` declares them `*string`; a boolean fails the whole config:
    /// `failed to load netconf: json: cannot unmarshal bool into Go struct field
    /// IPAMConfig.ipam.assign_ipv4 of type string` (the struct path varies with the Go version).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "policy": {"type": "k8s"}, "ipam": {"type": "calico-ipam", "assign_ipv6": true}}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "policy": {"type": "k8s"}, "ipam": {"type": "calico-ipam", "assign_ipv6": "true"}}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the boolean is written as the string Calico expects.
    pub static CAL_M002 = ("CAL-M002", "calico-nad-assign-flag-not-string", Error, Always);
}

pub fn check(cx: &mut Checker, s: &NadSite) {
    let nad = s.nad;
    let Some(p) = calico_plugin(nad) else { return };
    let Some((_, ipam)) = member(p, "ipam") else {
        return;
    };
    for key in ["assign_ipv4", "assign_ipv6"] {
        if let Some((_, v)) = member(ipam, key) {
            let word = v.value.kind_name();
            if matches!(word, "bool" | "number") {
                let raw = &s.text[v.start..v.end];
                let mut d = nad_diag(cx, &CAL_M002, s, (v.start, v.end), format!(
                    "NetworkAttachmentDefinition {}: ipam.{key} is a JSON {word} ({raw}), but Calico declares it a string; the Calico plugin fails with: failed to load netconf: json: cannot unmarshal {word} into Go struct field IPAMConfig.ipam.{key} of type string",
                    nad.name
                ));
                let quoted = serde_json::to_string(raw).unwrap_or_default();
                let e = config_edit(cx, s.node, s.text, v.start, v.end, &quoted);
                d.fix = Some(cx.fix(format!("Write \"{raw}\""), Applicability::Safe, vec![e]));
                cx.push(d);
            }
        }
    }
}
