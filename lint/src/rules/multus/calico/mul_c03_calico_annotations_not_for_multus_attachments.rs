//! MUL-C03: Calico IP annotations on a Pod whose Multus attachment's subnet they name.

use std::net::IpAddr;

use crate::model::k8s::key_path;
use crate::rules::checker::Checker;
use crate::rules::multus::common::Ctx;
use crate::syntax::{gojson, gonet};

crate::declare_rule! {
    /// ## What it does
    /// Notes a Calico pool or address annotation (`cni.projectcalico.org/ipv4pools`,
    /// `ipv6pools`, `ipAddrs`, `ipAddrsNoIpam`) whose pool or address lies in the subnet of
    /// one of the Pod's Multus attachments that has no `calico` plugin.
    ///
    /// ## Why is this bad?
    /// The annotations are read only by the Calico plugin (the cluster network or a
    /// Calico-typed NAD). A macvlan, ipvlan or SR-IOV attachment gets its address from its own
    /// IPAM or the `ips` of the networks annotation, so a pool or address in that
    /// attachment's subnet was most likely meant for `net1` and silently does not apply to it
    /// (Calico then fails or assigns `eth0` an address from the wrong range). Calico
    /// annotations for the cluster network next to Multus attachments are normal and not
    /// reported.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "whereabouts", "range": "192.168.20.0/24"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    ///     cni.projectcalico.org/ipv4pools: '["192.168.20.0/24"]'
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
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "whereabouts", "range": "192.168.20.0/24"}}'
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

/// The Calico annotations that choose a pod's addresses (short keys, model::calico).
const ADDRESS_KEYS: &[&str] = &[
    crate::model::calico::IPV4POOLS,
    crate::model::calico::IPV6POOLS,
    crate::model::calico::IP_ADDRS,
    crate::model::calico::IP_ADDRS_NO_IPAM,
];

/// The network of an IP or CIDR entry, or of the IPPool it names.
fn entry_net(entry: &str, pools: &[(String, (IpAddr, u8))]) -> Option<(IpAddr, u8)> {
    let e = entry.trim();
    if let Ok((_, net, p)) = gonet::parse_cidr(e) {
        return Some((net, p));
    }
    if let Some(ip) = gonet::parse_ip(e) {
        return Some((ip, if gonet::is_ipv4(&ip) { 32 } else { 128 }));
    }
    pools.iter().find(|(n, _)| n == e).map(|(_, c)| *c)
}

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    let y = cx.yaml;
    let mut out = Vec::new();
    // IPPools of the input and the inventory, for entries that name a pool.
    let mut pools: Option<Vec<(String, (IpAddr, u8))>> = None;
    for site in ctx.sites.iter().filter(|s| !s.is_default) {
        let n = &site.networks;
        // Non-Calico attachments with the subnets their IPAM hands out.
        let non_calico: Vec<(String, Vec<(IpAddr, u8)>)> = n
            .elements
            .iter()
            .filter(|e| e.error.is_none() && !e.name_str().is_empty())
            .filter_map(|e| {
                let ns = e.resolved_namespace(&n.default_namespace);
                let nad = ctx.nads.get(ns, e.name_str())?;
                let cfg = nad.parsed()?;
                if cfg.plugins.iter().any(|p| p.type_str() == "calico") {
                    return None;
                }
                let subnets = cfg.ipam().map(|i| i.subnets.clone()).unwrap_or_default();
                Some((
                    format!(
                        "{ns}/{} ({})",
                        nad.name,
                        cfg.plugins.first().map(|p| p.type_str()).unwrap_or("?")
                    ),
                    subnets,
                ))
            })
            .filter(|(_, s)| !s.is_empty())
            .collect();
        if non_calico.is_empty() {
            continue;
        }
        let Some(ann) = y.get(site.holder.metadata, "annotations") else {
            continue;
        };
        for (k, v) in y.entries(ann) {
            let Some(key) = y.scalar(k) else { continue };
            let Some(short) = key.strip_prefix(crate::model::calico::PREFIX) else {
                continue;
            };
            if !ADDRESS_KEYS.contains(&short) {
                continue;
            }
            let Some(value) = y.resolve(v).and_then(|v| y.str_value(v)) else {
                continue;
            };
            let Ok(list) = gojson::unmarshal(value, &gojson::STRING_SLICE) else {
                continue;
            };
            let gojson::Value::Array(items) = &list.value else {
                continue;
            };
            let pools = pools.get_or_insert_with(|| {
                cx.all_objects()
                    .into_iter()
                    .filter(|(_, o, _)| o.kind() == "IPPool")
                    .filter_map(|(py, o, _)| {
                        let cidr = py
                            .get(o.node, "spec")
                            .and_then(|s| py.get(s, "cidr"))
                            .and_then(|c| py.str_value(c))?;
                        let (_, net, p) = gonet::parse_cidr(cidr.trim()).ok()?;
                        Some((o.name.clone()?, (net, p)))
                    })
                    .collect()
            });
            let hit = items.iter().find_map(|i| {
                let gojson::Value::String(entry) = &i.value else {
                    return None;
                };
                let net = entry_net(entry, pools)?;
                non_calico.iter().find_map(|(label, subnets)| {
                    subnets
                        .iter()
                        .find(|s| gonet::cidrs_overlap(**s, net))
                        .map(|s| (entry.clone(), label.clone(), *s))
                })
            });
            let Some((entry, label, (sip, sp))) = hit else {
                continue;
            };
            let path = key_path("", &format!("{}.annotations", site.holder.path), key);
            out.push(cx.object_diagnostic(
                &MUL_C03,
                cx.object(site.object),
                path,
                (y.node(k).start, y.node(k).end),
                format!("{key}: {entry} lies in {sip}/{sp}, the subnet of the Multus attachment {label}; Calico annotations are read only by the Calico plugin (the cluster network or Calico-typed NADs), so they do not apply to that attachment, whose address comes from its own IPAM (or the `ips` of the networks annotation)"),
            ));
        }
    }
    for d in out {
        cx.push(d);
    }
}
