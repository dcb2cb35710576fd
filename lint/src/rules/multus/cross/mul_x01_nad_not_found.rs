//! MUL-X01: a referenced NetworkAttachmentDefinition that is not in the input.

use crate::fix::diagnostic::Severity;
use crate::model::multus::Format;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, with_severity};
use crate::Diagnostic;

use super::Target;

crate::declare_rule! {
    /// ## What it does
    /// Resolves every referenced NetworkAttachmentDefinition (name in the element's
    /// namespace, else the Pod's; multusNamespace for the default network) against the NADs
    /// of the input and the inventory. An info when it is not found (the cluster may have
    /// it); an error when the profile says the inventory is complete (`inventoryComplete`).
    ///
    /// ## Why is this bad?
    /// A missing NAD fails the Pod: `GetNetworkDelegates: failed getting the delegate:
    /// getKubernetesDelegate: cannot find a network-attachment-definition (macvlan-conf) in
    /// namespace (default): network-attachment-definitions.k8s.cni.cncf.io "macvlan-conf" not
    /// found`. The cross-object checks (capabilities, IPAM, resources) are skipped for it.
    ///
    /// ## Example
    /// ```yaml {"multus":{"inventoryComplete":true}}
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"multus":{"inventoryComplete":true}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// Attachments of one object that reference the same missing NAD give one finding that
    /// names them and their count.
    ///
    /// ## Fix safety
    /// No fix.
    pub static MUL_X01 = ("MUL-X01", "multus-nad-not-found", Info, None);
}

/// The finding of one attachment, kept back until the object's attachments of the same
/// missing NAD are grouped ([`group`]).
pub struct Missing {
    pub object: usize,
    pub ns: String,
    pub name: String,
    pub label: String,
    pub d: Diagnostic,
}

/// One finding per (object, missing NAD): the first attachment's position, every label.
pub fn group(missing: Vec<Missing>, out: &mut Vec<Diagnostic>) {
    let mut groups: Vec<(Missing, Vec<String>)> = Vec::new();
    let mut index: std::collections::HashMap<(usize, String, String), usize> =
        std::collections::HashMap::new();
    for m in missing {
        let key = (m.object, m.ns.clone(), m.name.clone());
        match index.get(&key) {
            Some(&i) => groups[i].1.push(m.label),
            None => {
                index.insert(key, groups.len());
                let label = m.label.clone();
                groups.push((m, vec![label]));
            }
        }
    }
    for (mut g, labels) in groups {
        if labels.len() > 1 {
            let prefix = format!("{}: ", g.label);
            let rest = g.d.message.strip_prefix(&prefix).unwrap_or(&g.d.message);
            g.d.message = format!(
                "{} attachments ({}): {rest}",
                labels.len(),
                labels.join(", ")
            );
        }
        out.push(g.d);
    }
}

pub fn check(cx: &Checker, t: &Target, out: &mut Vec<Missing>) {
    if t.nad.is_some() {
        return;
    }
    let prof = &cx.profile.multus;
    let (site, e, label, ns, name) = (t.site, t.e, &t.label, &t.ns, t.name);
    let n = &site.networks;
    let sev = if prof.inventory_complete {
        Severity::Error
    } else {
        Severity::Info
    };
    let at = if n.format == Format::Json {
        e.name.as_ref().map(|p| p.span).unwrap_or(e.span)
    } else {
        e.span
    };
    let d = with_severity(site_diag(cx, &MUL_X01, site, at, format!("{label}: NetworkAttachmentDefinition {ns}/{name} is not in the input{}; Multus would fail with: getKubernetesDelegate: cannot find a network-attachment-definition ({name}) in namespace ({ns}) if it does not exist; capability and IPAM checks were skipped", if prof.inventory_complete { " or the (complete) inventory" } else { "" })), sev);
    out.push(Missing {
        object: site.object,
        ns: ns.clone(),
        name: name.to_string(),
        label: label.clone(),
        d,
    });
}
