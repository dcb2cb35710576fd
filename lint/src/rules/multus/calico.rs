//! Calico interplay on Multus pods: MUL-C03 (MUL-C01 and MUL-C02 are aliases of the
//! Calico rules CAL-A001 and CAL-S003).

use crate::checker::Checker;
use crate::k8s::key_path;

use super::Ctx;

crate::declare_rule! {
    /// ## What it does
    /// Notes Calico pool and address annotations (`cni.projectcalico.org/ipv4pools`,
    /// `ipv6pools`, `ipAddrs`, `ipAddrsNoIpam`) on a Pod whose Multus attachments use NADs
    /// without a `calico` plugin.
    ///
    /// ## Why is this bad?
    /// The annotations are read only by the Calico plugin (the cluster network or a
    /// Calico-typed NAD). A macvlan, ipvlan or SR-IOV attachment gets its address from its own
    /// IPAM or the `ips` of the networks annotation, so expecting the pool or address to apply
    /// to `net1` silently fails.
    ///
    /// ## Example
    /// ```yaml
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
    ///     cni.projectcalico.org/ipv4pools: '["secondary-pool"]'
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
    /// ## Fix safety
    /// No fix: the annotation may still be meant for the cluster network.
    pub static MUL_C03 = ("MUL-C03", "calico-annotations-not-for-multus-attachments", Info, None);
}

const CALICO_KEYS: &[&str] = &[
    "cni.projectcalico.org/ipv4pools",
    "cni.projectcalico.org/ipv6pools",
    "cni.projectcalico.org/ipAddrs",
    "cni.projectcalico.org/ipAddrsNoIpam",
];

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    let y = cx.yaml;
    let mut out = Vec::new();
    for site in ctx.sites.iter().filter(|s| !s.is_default) {
        let n = &site.networks;
        let non_calico: Vec<String> = n
            .elements
            .iter()
            .filter(|e| e.error.is_none() && !e.name_str().is_empty())
            .filter_map(|e| {
                let ns = e.resolved_namespace(&n.default_namespace);
                let nad = ctx.nads.get(ns, e.name_str())?;
                let cfg = nad.parsed()?;
                (!cfg.plugins.iter().any(|p| p.type_str() == "calico")).then(|| {
                    format!(
                        "{ns}/{} ({})",
                        nad.name,
                        cfg.plugins.first().map(|p| p.type_str()).unwrap_or("?")
                    )
                })
            })
            .collect();
        if non_calico.is_empty() {
            continue;
        }
        let Some(ann) = y.get(site.holder.metadata, "annotations") else {
            continue;
        };
        for (k, _) in y.entries(ann) {
            let Some(key) = y.scalar(k) else { continue };
            if !CALICO_KEYS.contains(&key) {
                continue;
            }
            let path = key_path("", &format!("{}.annotations", site.holder.path), key);
            out.push(cx.object_diagnostic(
                &MUL_C03,
                cx.object(site.object),
                path,
                (y.node(k).start, y.node(k).end),
                format!("{key} is read only by the Calico plugin (the cluster network or Calico-typed NADs); it does not apply to the Multus attachment(s) {}, whose addresses come from their own IPAM", non_calico.join(", ")),
            ));
        }
    }
    for d in out {
        cx.push(d);
    }
}
