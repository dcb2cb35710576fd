//! Cross-object checks against the NADs of the input and the inventory: MUL-X01..X07.

use std::collections::BTreeMap;

use crate::fix::diagnostic::{Applicability, Diagnostic, Severity};
use crate::fix::edit;
use crate::model::multus::nad::Nad;
use crate::model::multus::{Element, Format};
use crate::rules::checker::Checker;
use crate::syntax::gonet;
use crate::syntax::yaml::NodeId;

use super::{site_diag, value_edits, with_severity, Ctx, Site};

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
    /// ## Fix safety
    /// No fix.
    pub static MUL_X01 = ("MUL-X01", "multus-nad-not-found", Info, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports references to a NAD in another namespace: an error when the profile enables
    /// `namespaceIsolation` and the namespace is not in `globalNamespaces` (default
    /// `["default"]`), else an info.
    ///
    /// ## Why is this bad?
    /// With isolation on, the Pod fails: `GetNetworkDelegates: namespace isolation enabled,
    /// annotation violates permission, pod is in namespace development but refers to target
    /// namespace privileged`.
    ///
    /// ## Example
    /// ```yaml {"multus":{"namespaceIsolation":true}}
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   namespace: development
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: privileged/macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"multus":{"namespaceIsolation":true}}
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   namespace: development
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the NAD has to exist in the Pod's namespace (or a global one).
    pub static MUL_X02 = ("MUL-X02", "multus-cross-namespace-reference", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks that a request (`ips`, `mac`, `portMappings`, `bandwidth`, `infiniband-guid`)
    /// is matched by a plugin of the NAD declaring the capability (`ips`, `mac`,
    /// `portMappings`, `bandwidth`, `infinibandGUID`).
    ///
    /// ## Why is this bad?
    /// libcni passes a runtimeConfig key only to plugins with `"capabilities": {"<key>":
    /// true}`; Multus drops the request silently. `ips`/`mac` still reach static/host-local
    /// IPAM and macvlan through the deprecated CNI_ARGS, capability-only plugins ignore them.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "static"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.10/24"]}]'
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
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "capabilities": {"ips": true}, "master": "eth1", "ipam": {"type": "static"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.10/24"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: adds the capability to the NAD (the plugin owning the IPAM for `ips`, a
    /// `tuning` plugin or the main plugin for `mac`), which changes it for every Pod using it.
    pub static MUL_X03 = ("MUL-X03", "multus-missing-capability", Warning, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds `ips` entries without a prefix length on a NAD with static IPAM.
    ///
    /// ## Why is this bad?
    /// The static IPAM plugin requires CIDR notation: `the 'ip' field is expected to be in
    /// CIDR notation, got: '10.1.1.10'` (CNI_ARGS) or `an entry in the 'ips' field is NOT in
    /// CIDR notation, got: '10.1.1.10'` (runtimeConfig).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: static-net
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "capabilities": {"ips": true}, "master": "eth1", "ipam": {"type": "static"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "static-net", "ips": ["10.1.1.10"]}]'
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
    ///   name: static-net
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "capabilities": {"ips": true}, "master": "eth1", "ipam": {"type": "static"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "static-net", "ips": ["10.1.1.10/24"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the prefix length cannot be known.
    pub static MUL_X04 = ("MUL-X04", "multus-static-ipam-needs-cidr", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds more than one `ips` entry for a NAD whose IPAM is host-local.
    ///
    /// ## Why is this bad?
    /// Multus passes the addresses joined with `,` in CNI_ARGS and host-local fails:
    /// `error parsing value of pair "IP=10.1.1.10,fd00::10": invalid IP address` (issue
    /// #647, PR #1459).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: hl-net
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "host-local", "subnet": "10.1.1.0/24"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "hl-net", "ips": ["10.1.1.10", "10.1.1.11"]}]'
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
    ///   name: hl-net
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "host-local", "subnet": "10.1.1.0/24"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: hl-net
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: use static IPAM with the `ips` capability for several addresses.
    pub static MUL_X05 = ("MUL-X05", "multus-host-local-multiple-ips", Error, None);
}

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

crate::declare_rule! {
    /// ## What it does
    /// Checks that a `default-route` gateway lies in the attachment's subnet: an error when
    /// the subnet is known from the element's `ips` prefixes, a warning when it is inferred
    /// from the NAD's IPAM ranges.
    ///
    /// ## Why is this bad?
    /// Multus cannot install the route: `error setting default gateway: no route to host`
    /// (PR #906).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.10/24"], "default-route": ["10.2.0.1"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.10/24"], "default-route": ["10.1.1.1"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the gateway address cannot be known.
    pub static MUL_X07 = ("MUL-X07", "multus-gateway-outside-subnet", Error, None);
}

/// Whether the element is a lookup Multus would perform (parsed, named, not a path).
fn resolvable(e: &Element) -> bool {
    e.error.is_none() && !e.name_str().is_empty() && !e.name_str().contains(['/', '@'])
}

/// The capability fix: insert `"cap": true` into the right plugin of the NAD's config.
fn capability_fix(cx: &Checker, nad: &Nad, cap: &str) -> Option<Vec<edit::TextEdit>> {
    if nad.from_inventory {
        return None;
    }
    let cfg = nad.parsed()?;
    let node = cx.yaml.resolve(nad.config_node?)?;
    let text = nad.config_text.as_ref()?;
    let plugin = match cap {
        "ips" => cfg.plugins.iter().find(|p| p.ipam.is_some()),
        "mac" => cfg.plugins.iter().find(|p| p.type_str() == "tuning"),
        "portMappings" => cfg.plugins.iter().find(|p| p.type_str() == "portmap"),
        "bandwidth" => cfg.plugins.iter().find(|p| p.type_str() == "bandwidth"),
        _ => None,
    }
    .or(cfg.plugins.first())?;
    let edit = match plugin.capabilities_span {
        Some((s, e)) if text[s..e].starts_with('{') => {
            let empty = text[s + 1..e - 1].trim().is_empty();
            (
                (s + 1, s + 1),
                format!("\"{cap}\": true{}", if empty { "" } else { ", " }),
            )
        }
        Some(_) => return None,
        None => (
            (plugin.span.0 + 1, plugin.span.0 + 1),
            format!(" \"capabilities\": {{\"{cap}\": true}},"),
        ),
    };
    let edits = value_edits(cx, node, text, &[edit]);
    (!edits.is_empty()).then_some(edits)
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

/// MUL-X02, X01, X03..X05: one element resolved against its NAD.
fn element(
    cx: &Checker,
    ctx: &Ctx,
    site: &Site,
    i: usize,
    e: &Element,
    globals: &[String],
    out: &mut Vec<Diagnostic>,
) {
    let prof = &cx.profile.multus;
    let n = &site.networks;
    if !resolvable(e) {
        return;
    }
    let label = super::element_label(site, i);
    let ns = e.resolved_namespace(&n.default_namespace).to_string();
    let name = e.name_str();
    // X02.
    if !site.is_default && ns != site.pod_namespace {
        let sp = e.namespace.as_ref().map(|p| p.span).unwrap_or(e.span);
        let isolated = prof.namespace_isolation && !globals.contains(&ns);
        let d = if isolated {
            site_diag(cx, &MUL_X02, site, sp, format!("{label}: namespaceIsolation is on and {ns} is not a global namespace ({}); Multus fails with: GetNetworkDelegates: namespace isolation enabled, annotation violates permission, pod is in namespace {} but refers to target namespace {ns}", globals.join(","), site.pod_namespace))
        } else {
            with_severity(site_diag(cx, &MUL_X02, site, sp, format!("{label}: cross-namespace reference to {ns}/{name} (fine unless Multus runs with namespaceIsolation)")), Severity::Info)
        };
        out.push(d);
    }
    default_route_gateways(cx, ctx, site, e, &label, &ns, out);
    let Some(nad) = ctx.nads.get(&ns, name) else {
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
        out.push(with_severity(site_diag(cx, &MUL_X01, site, at, format!("{label}: NetworkAttachmentDefinition {ns}/{name} is not in the input{}; Multus would fail with: getKubernetesDelegate: cannot find a network-attachment-definition ({name}) in namespace ({ns}) if it does not exist; capability and IPAM checks were skipped", if prof.inventory_complete { " or the (complete) inventory" } else { "" })), sev));
        return;
    };
    let Some(cfg) = nad.parsed() else { return };
    // X03.
    if !site.is_default {
        let reqs: [(&str, Option<(usize, usize)>); 5] = [
            (
                "ips",
                e.ips
                    .as_ref()
                    .filter(|p| !p.value.is_empty())
                    .map(|p| p.key.unwrap_or(p.span)),
            ),
            ("mac", e.mac.as_ref().map(|p| p.key.unwrap_or(p.span))),
            (
                "portMappings",
                e.port_mappings.as_ref().map(|p| p.key.unwrap_or(p.span)),
            ),
            (
                "bandwidth",
                e.bandwidth.as_ref().map(|p| p.key.unwrap_or(p.span)),
            ),
            (
                "infinibandGUID",
                e.infiniband_guid.as_ref().map(|p| p.key.unwrap_or(p.span)),
            ),
        ];
        for (cap, sp) in reqs {
            let Some(sp) = sp else { continue };
            if cfg.has_capability(cap) {
                continue;
            }
            let fallback = if cap == "ips" || cap == "mac" {
                " (only the deprecated CNI_ARGS path still carries it, which static/host-local IPAM and macvlan read)"
            } else {
                ""
            };
            let mut d = site_diag(cx, &MUL_X03, site, sp, format!("{label}: requests {cap} but no plugin of {ns}/{name} declares \"capabilities\": {{\"{cap}\": true}}; libcni does not pass it and Multus drops the request silently{fallback}"));
            if let Some(edits) = capability_fix(cx, nad, cap) {
                d.fix = Some(cx.fix(
                    format!("Add the {cap} capability to the NAD"),
                    Applicability::Unsafe,
                    edits,
                ));
            }
            out.push(d);
        }
    }
    let ipam_type = cfg.ipam().and_then(|i| i.type_.clone()).unwrap_or_default();
    if let Some(ips) = &e.ips {
        // X04.
        if ipam_type == "static" {
            for ip in &ips.value {
                if !ip.value.contains('/') && crate::model::multus::ip_error(&ip.value).is_none() {
                    out.push(site_diag(cx, &MUL_X04, site, ip.span, format!("{label}: {ns}/{name} uses static IPAM, which requires CIDR notation; the attachment fails with: the 'ip' field is expected to be in CIDR notation, got: '{}'", ip.value)));
                }
            }
        }
        // X05.
        if ipam_type == "host-local" && ips.value.len() > 1 {
            let joined: Vec<&str> = ips.value.iter().map(|p| p.value.as_str()).collect();
            out.push(site_diag(cx, &MUL_X05, site, ips.span, format!("{label}: {ns}/{name} uses host-local IPAM, which gets the addresses joined in CNI_ARGS and fails with: error parsing value of pair \"IP={}\": invalid IP address", joined.join(","))));
        }
    }
}

/// MUL-X07: default-route gateways outside the element's (or its NAD's) subnets.
fn default_route_gateways(
    cx: &Checker,
    ctx: &Ctx,
    site: &Site,
    e: &Element,
    label: &str,
    ns: &str,
    out: &mut Vec<Diagnostic>,
) {
    let name = e.name_str();
    // X07.
    if let Some(dr) = &e.default_route {
        let own: Vec<(std::net::IpAddr, u8)> = e
            .ips
            .iter()
            .flat_map(|p| p.value.iter())
            .filter_map(|ip| gonet::parse_cidr(&ip.value).ok())
            .map(|(_, net, p)| (net, p))
            .collect();
        let nad_nets: Vec<(std::net::IpAddr, u8)> = ctx
            .nads
            .get(ns, name)
            .and_then(|n| n.parsed())
            .and_then(|c| c.ipam())
            .map(|i| i.subnets.clone())
            .unwrap_or_default();
        for gw in &dr.value {
            let Some(ip) = gonet::parse_ip(&gw.value) else {
                continue;
            };
            let fam = |n: &&(std::net::IpAddr, u8)| gonet::is_ipv4(&n.0) == gonet::is_ipv4(&ip);
            let own_f: Vec<_> = own.iter().filter(fam).collect();
            let nad_f: Vec<_> = nad_nets.iter().filter(fam).collect();
            if !own_f.is_empty() {
                if !own_f.iter().any(|n| gonet::cidr_contains(**n, ip)) {
                    out.push(site_diag(cx, &MUL_X07, site, gw.span, format!("{label}: gateway {ip} is outside the attachment's subnet ({}); Multus fails with: error setting default gateway: no route to host", own_f.iter().map(|(a, p)| format!("{a}/{p}")).collect::<Vec<_>>().join(", "))));
                }
            } else if !nad_f.is_empty() && !nad_f.iter().any(|n| gonet::cidr_contains(**n, ip)) {
                out.push(with_severity(site_diag(cx, &MUL_X07, site, gw.span, format!("{label}: gateway {ip} is outside the subnet of {ns}/{name}'s IPAM ({}); setting the default route would fail with: error setting default gateway: no route to host", nad_f.iter().map(|(a, p)| format!("{a}/{p}")).collect::<Vec<_>>().join(", "))), Severity::Warning));
            }
        }
    }
}

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    let mut out = Vec::new();
    let globals = cx.profile.multus.global_namespaces();
    for site in &ctx.sites {
        if site.networks.format == Format::Empty {
            continue;
        }
        for (i, e) in site.networks.elements.iter().enumerate() {
            element(cx, ctx, site, i, e, &globals, &mut out);
        }
    }
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
    for d in out {
        cx.push(d);
    }
}
