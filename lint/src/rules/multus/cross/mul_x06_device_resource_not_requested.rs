//! MUL-X06: device resources of the referenced NADs that the containers do not request.

use std::collections::BTreeMap;

use crate::fix::diagnostic::Applicability;
use crate::fix::edit;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{Ctx, Site};
use crate::syntax::yaml::NodeId;
use crate::Diagnostic;

use super::resolvable;

crate::declare_rule! {
    /// ## What it does
    /// Counts the attachments that use NADs annotated with `k8s.v1.cni.cncf.io/resourceName`
    /// and checks that the Pod's containers request at least that many units of the
    /// resource.
    ///
    /// ## Why is this bad?
    /// Multus takes one device per attachment from the kubelet's allocation; without one no
    /// deviceID is injected and the plugin fails, e.g. `SRIOV-CNI failed to load netconf:
    /// LoadConf(): VF pci addr is required` (sriov-network-device-plugin #258).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: sriov-net1
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/resourceName: intel.com/intel_sriov_netdevice
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "name": "sriov-net1", "type": "sriov", "ipam": {"type": "host-local", "subnet": "10.56.217.0/24"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: testpod1
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: sriov-net1
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: centos/tools
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: sriov-net1
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/resourceName: intel.com/intel_sriov_netdevice
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "name": "sriov-net1", "type": "sriov", "ipam": {"type": "host-local", "subnet": "10.56.217.0/24"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: testpod1
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: sriov-net1
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: centos/tools
    ///     resources:
    ///       requests:
    ///         intel.com/intel_sriov_netdevice: '1'
    ///       limits:
    ///         intel.com/intel_sriov_netdevice: '1'
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the missing units are added to the requests and limits of the first container
    /// (what the Network Resources Injector webhook does).
    pub static MUL_X06 = ("MUL-X06", "multus-device-resource-not-requested", Error, Sometimes);
}

pub fn check(cx: &Checker, ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // X06: device resources per pod.
    for (pi, pod) in cx.model.pods.iter().enumerate() {
        let mut need: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
        let pod_sites: Vec<&Site> = ctx.sites.iter().filter(|s| s.pod == Some(pi)).collect();
        for site in &pod_sites {
            for e in site.networks.elements.iter().filter(|e| resolvable(e)) {
                let ns = e.resolved_namespace(&site.networks.default_namespace);
                if let Some(r) = ctx
                    .nads
                    .get(ns, e.name_str())
                    .and_then(|n| n.resource_name.clone())
                {
                    let entry = need.entry(r).or_default();
                    entry.0 += 1;
                    entry.1.push(format!("{ns}/{}", e.name_str()));
                }
            }
        }
        if need.is_empty() {
            continue;
        }
        let cs = containers(cx, pod.spec);
        let y = cx.yaml;
        for (res, (count, nads)) in need {
            let have: i64 = cs
                .iter()
                .map(|&c| {
                    quantity(cx, c, "requests", &res)
                        .unwrap_or(0)
                        .max(quantity(cx, c, "limits", &res).unwrap_or(0))
                })
                .sum();
            if have >= count as i64 {
                continue;
            }
            let obj = cx.object(pod.object);
            let spec = pod.spec;
            let anchor = spec
                .and_then(|s| y.get_entry(s, "containers"))
                .map(|(k, _)| (y.node(k).start, y.node(k).end))
                .unwrap_or_else(|| (y.node(obj.node).start, y.node(obj.node).start));
            let mut d = cx.object_diagnostic(&MUL_X06, obj, format!("{}spec.containers", pod.path), anchor, format!("{count} attachment(s) use NADs with k8s.v1.cni.cncf.io/resourceName {res} ({}) but the containers request {have}; without a device Multus injects no deviceID and the plugin fails (e.g. SRIOV-CNI failed to load netconf: LoadConf(): VF pci addr is required)", nads.join(", ")));
            if let Some(&c) = cs.first() {
                let first = quantity(cx, c, "requests", &res)
                    .unwrap_or(0)
                    .max(quantity(cx, c, "limits", &res).unwrap_or(0));
                let want = first + (count as i64 - have);
                let val = format!("'{want}'");
                let key = if edit::is_plain_safe(&res) {
                    res.clone()
                } else {
                    edit::quoted(&res)
                };
                let mut edits = Vec::new();
                match y.get(c, "resources") {
                    None => {
                        if let Some(e) = edit::insert_lines(
                            y,
                            c,
                            &[
                                (0, "resources:".into()),
                                (1, "requests:".into()),
                                (2, format!("{key}: {val}")),
                                (1, "limits:".into()),
                                (2, format!("{key}: {val}")),
                            ],
                        ) {
                            edits.push(e);
                        }
                    }
                    Some(r) if y.is_map(r) && !y.entries(r).is_empty() => {
                        let mut missing = Vec::new();
                        for sec in ["requests", "limits"] {
                            match y.get(r, sec) {
                                Some(mm) if y.is_map(mm) && !y.entries(mm).is_empty() => match y
                                    .get(mm, &res)
                                {
                                    Some(v) => {
                                        edits.push(edit::replace_scalar(y, v, &want.to_string()))
                                    }
                                    None => edits.extend(edit::insert_entry(y, mm, &res, &val)),
                                },
                                None => {
                                    missing.push((0, format!("{sec}:")));
                                    missing.push((1, format!("{key}: {val}")));
                                }
                                _ => {}
                            }
                        }
                        if !missing.is_empty() {
                            edits.extend(edit::insert_lines(y, r, &missing));
                        }
                    }
                    _ => {}
                }
                if !edits.is_empty() {
                    d.fix = Some(cx.fix(
                        format!("Request {want} {res} in the first container"),
                        Applicability::Safe,
                        edits,
                    ));
                }
            }
            out.push(d);
        }
    }
}

fn containers(cx: &Checker, spec: Option<NodeId>) -> Vec<NodeId> {
    let y = cx.yaml;
    spec.and_then(|s| y.get(s, "containers"))
        .map(|c| {
            y.items(c)
                .iter()
                .copied()
                .filter(|&i| y.is_map(i))
                .collect()
        })
        .unwrap_or_default()
}

fn quantity(cx: &Checker, container: NodeId, section: &str, res: &str) -> Option<i64> {
    let y = cx.yaml;
    let v = y
        .get(container, "resources")
        .and_then(|r| y.get(r, section))
        .and_then(|m| y.get(m, res))?;
    y.scalar(v)?.trim().parse::<i64>().ok()
}
