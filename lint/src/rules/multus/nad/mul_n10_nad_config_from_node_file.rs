//! MUL-N10: a NAD without spec.config (Multus reads a node file).

use crate::fix::diagnostic::Diagnostic;
use crate::fix::edit;
use crate::model::k8s::Object;
use crate::model::multus::nad::{Config, Nad};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Notes a NAD without `spec.config`.
    ///
    /// ## Why is this bad?
    /// Multus then looks on each node in confDir (default `/etc/cni/multus/net.d`) for a
    /// file whose CNI `name` equals the NAD name; without one the Pod fails with
    /// `GetCNIConfig: err in GetCNIConfigFromFile: no network available in the name <nad> in
    /// cni dir /etc/cni/multus/net.d`. The file cannot be checked here.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf-2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf-2
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "name": "macvlan-conf-2", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}'
    /// ```
    ///
    /// ## Fix safety
    /// No fix: informational.
    pub static MUL_N10 = ("MUL-N10", "nad-config-from-node-file", Info, None);
}

pub fn check(cx: &Checker, o: &Object, nad: &Nad, out: &mut Vec<Diagnostic>) {
    let y = cx.yaml;
    let Config::Missing = &nad.config else {
        return;
    };
    let md = y.get(o.node, "metadata").filter(|&m| y.is_map(m));
    let at = y
        .get_entry(o.node, "spec")
        .map(|(k, _)| (y.node(k).start, y.node(k).end))
        .or_else(|| {
            md.and_then(|m| y.get(m, "name"))
                .map(|n| edit::node_text_range(y, n))
        })
        .unwrap_or((y.node(o.node).start, y.node(o.node).start));
    out.push(cx.object_diagnostic(&MUL_N10, o, "spec".into(), at, format!("no spec.config: Multus will look on each node in confDir (default /etc/cni/multus/net.d) for a .conf/.json/.conflist file whose CNI \"name\" is `{}`; podnet cannot check node files", nad.name)));
}
