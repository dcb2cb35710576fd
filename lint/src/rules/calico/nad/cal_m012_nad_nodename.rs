use super::common::{calico_plugin, config_edit, member, members, nad_diag, string_of, NadSite};
use crate::fix::diagnostic::{Applicability, Severity};
use crate::rules::checker::Checker;
use crate::syntax::gojson::{Spanned, Value};

crate::declare_rule! {
    /// ## What it does
    /// Reports `nodename` in a Calico NetworkAttachmentDefinition: an error for the
    /// unsubstituted template placeholder `__KUBERNETES_NODE_NAME__`, a warning for a literal
    /// node name.
    ///
    /// ## Why is this bad?
    /// Calico uses the config's `nodename` before `/var/lib/calico/nodename`. A NAD is the same
    /// on every node and never templated, so every node registers endpoints as the placeholder
    /// or as that one node.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}, "nodename": "__KUBERNETES_NODE_NAME__"}'
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
    /// Safe for the placeholder (removal lets Calico read the node's name); unsafe for a literal
    /// name.
    pub static CAL_M012 = ("CAL-M012", "calico-nad-nodename", Error, Always);
}

pub fn check(cx: &mut Checker, s: &NadSite) {
    let nad = s.nad;
    let Some(p) = calico_plugin(nad) else { return };
    if let Some((k, v)) = member(p, "nodename") {
        let val = string_of(v).unwrap_or("");
        let placeholder = val.contains("__KUBERNETES_NODE_NAME__");
        let msg = if placeholder {
            format!("NetworkAttachmentDefinition {}: nodename is the install template placeholder {val}, which is never substituted in a NAD; Calico uses it as the node name on every node", nad.name)
        } else {
            format!("NetworkAttachmentDefinition {}: nodename {val:?} is used by Calico on every node (a NAD applies cluster-wide and the config's nodename wins over /var/lib/calico/nodename)", nad.name)
        };
        let mut d = nad_diag(cx, &CAL_M012, s, (k.start, v.end), msg);
        if !placeholder {
            d.severity = Severity::Warning;
        }
        if let Some(range) = member_removal(p, &k.value, s.text) {
            let e = config_edit(cx, s.node, s.text, range.0, range.1, "");
            let app = if placeholder {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            d.fix = Some(cx.fix("Remove nodename", app, vec![e]));
        }
        cx.push(d);
    }
}

/// The byte range removing member `key` of object `o` with its separating comma.
fn member_removal(o: &Spanned<Value>, key: &str, text: &str) -> Option<(usize, usize)> {
    let ms = members(o)?;
    let i = ms.iter().position(|(k, _)| k.value == key)?;
    if i > 0 {
        Some((ms[i - 1].1.end, ms[i].1.end))
    } else if i + 1 < ms.len() {
        Some((ms[i].0.start, ms[i + 1].0.start))
    } else {
        let _ = text;
        Some((ms[i].0.start, ms[i].1.end))
    }
}
