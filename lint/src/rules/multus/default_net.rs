//! `v1.multus-cni.io/default-network` (`tryLoadK8sPodDefaultNetwork`): MUL-D01..D04.

use crate::fix::diagnostic::{Applicability, Severity};
use crate::model::multus::{Format, DEFAULT_NETWORK_KEY};
use crate::rules::checker::Checker;

use super::{site_diag, value_edits, with_severity, Ctx};

crate::declare_rule! {
    /// ## What it does
    /// Checks that `v1.multus-cni.io/default-network` names exactly one network.
    ///
    /// ## Why is this bad?
    /// The Pod fails with `TryLoadPodDelegates: error in loading K8s cluster default network
    /// from pod annotation: tryLoadK8sPodDefaultNetwork: more than one default network is
    /// specified: <value>`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     v1.multus-cni.io/default-network: kube-system/calico-a,kube-system/calico-b
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
    ///     v1.multus-cni.io/default-network: kube-system/calico-a
    ///     k8s.v1.cni.cncf.io/networks: kube-system/calico-b
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which network is the default is a user decision.
    pub static MUL_D01 = ("MUL-D01", "multus-default-network-multiple", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports an empty `v1.multus-cni.io/default-network`.
    ///
    /// ## Why is this bad?
    /// Unlike the networks annotation, an empty value fails the Pod:
    /// `tryLoadK8sPodDefaultNetwork: failed to parse CRD object: parsePodNetworkAnnotation:
    /// pod annotation does not have "network" as key`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     v1.multus-cni.io/default-network: ""
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
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the empty annotation is deleted (the cluster network stays the default).
    pub static MUL_D02 = ("MUL-D02", "multus-default-network-empty", Error, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Notes a default-network reference without a namespace: Multus resolves it in
    /// multusNamespace (default `kube-system`), not in the Pod's namespace. A warning when the
    /// NAD is known only in another namespace.
    ///
    /// ## Why is this bad?
    /// `cannot find a network-attachment-definition (calico-conf) in namespace (kube-system)`
    /// when the NAD lives in the Pod's namespace (issue #1291, kubevirt #3069).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     v1.multus-cni.io/default-network: calico-conf
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
    ///     v1.multus-cni.io/default-network: kube-system/calico-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the reference is qualified with multusNamespace (same lookup, made explicit)
    /// or, for the warning, with the namespace where the NAD was found (a different NAD).
    /// Not applied by default, since the unqualified form is valid.
    pub static MUL_D03 = ("MUL-D03", "multus-default-network-namespace", Info, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds `ips`, `mac`, `portMappings`, `bandwidth`, `default-route` or `cni-args` on the
    /// default-network element.
    ///
    /// ## Why is this bad?
    /// The default network is the master plugin: `mergeCNIRuntimeConfig` skips it, so these
    /// requests are not delivered through runtimeConfig (only the legacy CNI_ARGS `IP=`/`MAC=`
    /// are set, which most primary CNIs ignore). For Calico use
    /// `cni.projectcalico.org/ipAddrs`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     v1.multus-cni.io/default-network: '[{"name": "calico", "namespace": "kube-system", "ips": ["192.168.10.7/32"]}]'
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
    ///     v1.multus-cni.io/default-network: '[{"name": "calico", "namespace": "kube-system"}]'
    ///     cni.projectcalico.org/ipAddrs: '["192.168.10.7"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the right mechanism depends on the primary CNI.
    pub static MUL_D04 = ("MUL-D04", "multus-default-network-runtime-request", Warning, None);
}

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    let mut out = Vec::new();
    for site in ctx.sites.iter().filter(|s| s.is_default) {
        let n = &site.networks;
        if n.format == Format::Empty {
            let mut d = site_diag(cx, &MUL_D02, site, (0, 0), format!("{DEFAULT_NETWORK_KEY} is empty; Multus fails the Pod with: tryLoadK8sPodDefaultNetwork: failed to parse CRD object: parsePodNetworkAnnotation: pod annotation does not have \"network\" as key"));
            let y = cx.yaml;
            if let Some(ann) = y.get(site.holder.metadata, "annotations") {
                if let Some(e) = crate::fix::edit::delete_entry(y, ann, site.key_node) {
                    d.fix =
                        Some(cx.fix("Delete the empty annotation", Applicability::Safe, vec![e]));
                }
            }
            d.range = cx.yaml.index.range(
                y.node(site.key_node).start,
                crate::fix::edit::node_text_range(y, site.value_node).1,
            );
            out.push(d);
            continue;
        }
        if n.error.is_some() && n.elements.is_empty() {
            continue;
        }
        if n.elements.len() > 1 {
            out.push(site_diag(cx, &MUL_D01, site, n.elements[1].span, format!("{DEFAULT_NETWORK_KEY} names {} networks; Multus fails with: tryLoadK8sPodDefaultNetwork: more than one default network is specified: {}", n.elements.len(), site.value)));
            continue;
        }
        let Some(e) = n.elements.first() else {
            continue;
        };
        if e.error.is_some() || e.name_str().is_empty() || e.name_str().contains(['/', '@']) {
            continue;
        }
        if e.namespace_str().is_empty() {
            let mns = &cx.profile.multus.multus_namespace;
            let name = e.name_str();
            let here = ctx.nads.get(mns, name).is_some();
            let others = ctx.nads.other_namespaces(mns, name);
            let (sev, target, app, msg) = if !here && !others.is_empty() {
                let t = if others.contains(&site.pod_namespace) {
                    site.pod_namespace.clone()
                } else {
                    others[0].clone()
                };
                (Severity::Warning, t, Applicability::Unsafe, format!("{DEFAULT_NETWORK_KEY} `{name}` has no namespace, so Multus looks in multusNamespace {mns}, but the NAD is in {}: the Pod fails with: cannot find a network-attachment-definition ({name}) in namespace ({mns})", others.join(", ")))
            } else {
                (Severity::Info, mns.clone(), Applicability::Unsafe, format!("{DEFAULT_NETWORK_KEY} `{name}` has no namespace: Multus resolves it in multusNamespace {mns}, not in the Pod namespace{}", if here { " (the NAD exists there)" } else { "" }))
            };
            let span = e.name.as_ref().map(|p| p.span).unwrap_or(e.span);
            let mut d = with_severity(site_diag(cx, &MUL_D03, site, span, msg), sev);
            let edit = match n.format {
                Format::Short => vec![((span.0, span.0), format!("{target}/"))],
                _ => vec![(
                    (e.span.0 + 1, e.span.0 + 1),
                    format!(
                        "\"namespace\":{},",
                        serde_json::to_string(&target).unwrap_or_default()
                    ),
                )],
            };
            let edits = value_edits(cx, site.value_node, &site.value, &edit);
            if !edits.is_empty() {
                d.fix = Some(cx.fix(format!("Qualify with namespace {target}"), app, edits));
            }
            out.push(d);
        }
        let fields: [(&str, Option<(usize, usize)>); 6] = [
            ("ips", e.ips.as_ref().map(|p| p.key.unwrap_or(p.span))),
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
                "default-route",
                e.default_route.as_ref().map(|p| p.key.unwrap_or(p.span)),
            ),
            (
                "cni-args",
                e.cni_args.as_ref().map(|p| p.key.unwrap_or(p.span)),
            ),
        ];
        for (f, sp) in fields {
            if let Some(sp) = sp {
                out.push(site_diag(cx, &MUL_D04, site, sp, format!("default-network[0].{f}: runtime requests on the default network are not delivered through runtimeConfig (mergeCNIRuntimeConfig skips the master plugin){}", if f == "ips" || f == "mac" { "; only the legacy CNI_ARGS IP=/MAC= is set, which most primary CNIs ignore (for Calico use cni.projectcalico.org/ipAddrs)" } else { "" })));
            }
        }
    }
    for d in out {
        cx.push(d);
    }
}
