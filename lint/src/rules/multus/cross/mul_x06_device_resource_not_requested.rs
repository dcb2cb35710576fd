//! MUL-X06: device resources of the referenced NADs that the containers do not request.

use std::collections::BTreeMap;

use crate::fix::diagnostic::{Applicability, Severity};
use crate::fix::edit;
use crate::model::multus::nad::needs_device;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{Ctx, Site};
use crate::syntax::yaml::NodeId;
use crate::Diagnostic;

use super::resolvable;

crate::declare_rule! {
    /// ## What it does
    /// Counts the attachments that use NADs annotated with `k8s.v1.cni.cncf.io/resourceName`
    /// and checks that the Pod's containers request at least that many units of the
    /// resource, when a plugin of those NADs needs the device: `sriov`, `ib-sriov`,
    /// `accelerated-bridge`, `vdpa`, `rdma`, and `host-device` without `device`, `hwaddr`,
    /// `kernelpath` or `pciBusID` (conflist `plugins` included). Plugins that need no
    /// device (`ovs`, `ovs-mirror-*`, `bridge`, `macvlan`, …) get no finding: Multus finds no
    /// device for the resource, leaves `deviceID` empty and goes on (the `resourceName` of an
    /// OVS NAD is the bridge marker's scheduling resource). A plugin podnet does not know
    /// gets an info.
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
    /// Safe when a plugin needs the device: the missing units are added to the requests and
    /// limits of the first container (what the Network Resources Injector webhook does); the
    /// only change is that the Pod is scheduled where the device exists and gets it. Unsafe
    /// for a plugin podnet does not know (the request constrains scheduling for a device
    /// the plugin may not use). No fix when the `resourceName` is not a valid extended
    /// resource name (a domain-prefixed qualified name outside `kubernetes.io`, k8s
    /// `IsExtendedResourceName`): the API server refuses a request named after it, and no
    /// device plugin can advertise it.
    pub static MUL_X06 = ("MUL-X06", "multus-device-resource-not-requested", Error, Sometimes);
}

pub fn check(cx: &Checker, ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    // X06: device resources per pod (the sites grouped by pod once: a stream has 10⁵ pods).
    let mut sites_of: Vec<Vec<&Site>> = vec![Vec::new(); cx.model.pods.len()];
    for s in &ctx.sites {
        if let Some(slot) = s.pod.and_then(|pi| sites_of.get_mut(pi)) {
            slot.push(s);
        }
    }
    for (pi, pod) in cx.model.pods.iter().enumerate() {
        // resource -> (attachments, NAD labels, any plugin needs the device, all known)
        let mut need: BTreeMap<String, (usize, Vec<String>, bool, bool)> = BTreeMap::new();
        for site in sites_of.get(pi).map(Vec::as_slice).unwrap_or_default() {
            for e in site.networks.elements.iter().filter(|e| resolvable(e)) {
                let ns = e.resolved_namespace(&site.networks.default_namespace);
                let Some(nad) = ctx.nads.get(ns, e.name_str()) else {
                    continue;
                };
                if let Some(r) = nad.resource_name.clone() {
                    let device = needs_device(&nad.config);
                    let entry = need.entry(r).or_insert((0, Vec::new(), false, true));
                    entry.0 += 1;
                    entry.1.push(format!("{ns}/{}", e.name_str()));
                    entry.2 |= device == Some(true);
                    entry.3 &= device.is_some();
                }
            }
        }
        if need.is_empty() {
            continue;
        }
        let cs = containers(cx, pod.spec);
        let y = cx.yaml;
        for (res, (count, mut nads, device, known)) in need {
            if !device && known {
                continue;
            }
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
            nads_dedup(&mut nads);
            let valid = is_extended_resource_name(&res);
            let mut message = if device {
                format!("{count} attachment(s) use NADs with k8s.v1.cni.cncf.io/resourceName {res} ({}) whose plugin needs the device, but the containers request {have}; without a device Multus injects no deviceID and the plugin fails (e.g. SRIOV-CNI failed to load netconf: LoadConf(): VF pci addr is required)", nads.join(", "))
            } else {
                format!("{count} attachment(s) use NADs with k8s.v1.cni.cncf.io/resourceName {res} ({}) but the containers request {have}; if the NAD's plugin needs the device, Multus injects no deviceID and the plugin fails; plugins that need none (ovs, bridge, macvlan) work without it", nads.join(", "))
            };
            if !valid {
                message.push_str(&format!("; {res} is not a valid extended resource name (it needs a domain prefix such as example.com/, outside kubernetes.io), so no device plugin can advertise it and the API server refuses a request named after it: correct the NAD's resourceName"));
            }
            let mut d = cx.object_diagnostic(
                &MUL_X06,
                obj,
                format!("{}spec.containers", pod.path),
                anchor,
                message,
            );
            if !device {
                d.severity = Severity::Info;
            }
            let applicability = if device {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            if let Some(&c) = cs.first().filter(|_| valid) {
                let first = quantity(cx, c, "requests", &res)
                    .unwrap_or(0)
                    .max(quantity(cx, c, "limits", &res).unwrap_or(0));
                let want = first + (count as i64 - have);
                let edits = request_edits(cx, c, &res, want);
                if !edits.is_empty() {
                    d.fix = Some(cx.fix(
                        format!("Request {want} {res} in the first container"),
                        applicability,
                        edits,
                    ));
                }
            }
            out.push(d);
        }
    }
}

/// Edits that make container `c` request and limit `want` units of `res`.
fn request_edits(cx: &Checker, c: NodeId, res: &str, want: i64) -> Vec<edit::TextEdit> {
    let y = cx.yaml;
    let val = format!("\"{want}\"");
    let key = if edit::is_plain_safe(res) {
        res.to_string()
    } else {
        edit::quoted(res)
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
                    Some(mm) if y.is_map(mm) && !y.entries(mm).is_empty() => match y.get(mm, res) {
                        Some(v) => edits.push(edit::replace_scalar(y, v, &want.to_string())),
                        None => edits.extend(edit::insert_entry(y, mm, res, &val)),
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
    edits
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

fn nads_dedup(nads: &mut Vec<String>) {
    let mut seen = std::collections::BTreeSet::new();
    nads.retain(|n| seen.insert(n.clone()));
}

/// Kubernetes `IsExtendedResourceName` (pkg/apis/core/helper): a name with a `/` outside
/// the `kubernetes.io` domain, not `requests.`-prefixed, and `requests.<name>` a qualified
/// name (DNS-1123 subdomain prefix, name of at most 63 alphanumerics, `-`, `_`, `.`).
pub fn is_extended_resource_name(name: &str) -> bool {
    if !name.contains('/') || name.contains("kubernetes.io/") || name.starts_with("requests.") {
        return false;
    }
    let quota = format!("requests.{name}");
    let Some((prefix, local)) = quota.split_once('/') else {
        return false;
    };
    is_dns1123_subdomain(prefix) && is_qualified_local_name(local)
}

fn is_dns1123_subdomain(s: &str) -> bool {
    s.len() <= 253
        && !s.is_empty()
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

fn is_qualified_local_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::is_extended_resource_name as ok;

    #[test]
    fn extended_resource_names() {
        assert!(ok("intel.com/intel_sriov_netdevice"));
        assert!(ok("ovs-cni.network.kubevirt.io/br1"));
        assert!(ok("openshift.io/mlx5"));
        assert!(!ok("nad-al-cni-cons-1"));
        assert!(!ok("kubernetes.io/foo"));
        assert!(!ok("requests.example.com/foo"));
        assert!(!ok("Example.com/foo"));
        assert!(!ok("example.com/-foo"));
        assert!(!ok("example.com/a/b"));
    }
}
