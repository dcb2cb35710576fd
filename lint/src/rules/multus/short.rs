//! The comma-delimited short form (`parsePodNetworkObjectName`): MUL-S01..S06.

use crate::fix::diagnostic::{Applicability, Severity};
use crate::model::multus::{self as m, ErrorKind, Format};
use crate::rules::checker::Checker;

use super::{element_label, site_diag, value_edits, with_severity, Ctx};

crate::declare_rule! {
    /// ## What it does
    /// Finds short-form elements with an empty network name: `a,,b`, a trailing comma,
    /// `ns/`, `@eth1`, or a whitespace-only value.
    ///
    /// ## Why is this bad?
    /// The parser accepts empty items; the NAD lookup then fails and the Pod never starts:
    /// `getKubernetesDelegate: cannot find a network-attachment-definition () in namespace
    /// (default): resource name may not be empty` (multus-cni issue #1195).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf,
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
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the element is entirely empty (it and its comma are removed). No fix for
    /// `ns/` or `@if`: the missing name cannot be guessed.
    pub static MUL_S01 = ("MUL-S01", "multus-empty-network-name", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks that namespaces and names in the short form match
    /// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`, as Multus requires.
    ///
    /// ## Why is this bad?
    /// Multus fails the Pod with `parsePodNetworkAnnotation: parsePodNetworkObjectName:
    /// Failed to parse: one or more items did not match comma-delimited format (must consist
    /// of lower case alphanumeric characters). Must start and end with an alphanumeric
    /// character), mismatch @ '<item>'`. NAD names may contain dots (DNS-1123 subdomains), but
    /// such NADs can only be referenced in the JSON form.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: istio-app
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: v1.1-istio-cni
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
    ///   name: istio-app
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name":"v1.1-istio-cni"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the name is a valid DNS-1123 subdomain with dots: the annotation is rewritten
    /// in the JSON form, which references the same NAD. Unsafe when lower-casing makes it
    /// valid (a NAD with the upper-case name cannot exist, but the intended one is a guess).
    pub static MUL_S02 = ("MUL-S02", "multus-short-form-invalid-name", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds short-form elements with more than one `/`.
    ///
    /// ## Why is this bad?
    /// Multus fails the Pod with `parsePodNetworkAnnotation: parsePodNetworkObjectName:
    /// Invalid network object (failed at '/')`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: default/net/macvlan-conf
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
    ///     k8s.v1.cni.cncf.io/networks: default/macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which part is the namespace cannot be known.
    pub static MUL_S03 = ("MUL-S03", "multus-short-form-extra-slash", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds short-form elements with more than one `@`.
    ///
    /// ## Why is this bad?
    /// Multus fails the Pod with `parsePodNetworkAnnotation: parsePodNetworkObjectName:
    /// Invalid network object (failed at '@')`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf@eth1@eth2
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
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf@eth1
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended interface name cannot be known.
    pub static MUL_S04 = ("MUL-S04", "multus-short-form-extra-at", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks the interface name after `@` in the short form: Multus rejects names longer
    /// than 15 bytes or with whitespace or `/`; the kernel also rejects `:`, `.` and `..`
    /// (error). Names that are not DNS-1123 labels (`_`, `.`, upper case) are reported as
    /// info: network-attachment-definition-client consumers (admission webhooks, OVN-K,
    /// whereabouts) still reject them.
    ///
    /// ## Why is this bad?
    /// Multus fails the Pod with `parsePodNetworkAnnotation: parsePodNetworkObjectName:
    /// Failed to parse interface name: must be less than 15 chars and not contain '/' or
    /// spaces. interface name '<ifname>'`; kernel-invalid names fail when the plugin renames
    /// the interface.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf@storage-network-1
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
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf@storage1
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: a new interface name is a user decision (other configuration may refer to it).
    pub static MUL_S05 = ("MUL-S05", "multus-short-form-invalid-interface", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds valid network names separated by whitespace or `;` instead of `,`.
    ///
    /// ## Why is this bad?
    /// Only `,` separates elements. `net-a net-b` is read as one name and fails with
    /// `Failed to parse: one or more items did not match comma-delimited format ...,
    /// mismatch @ 'net-a net-b'`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: net-a; net-b
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
    ///     k8s.v1.cni.cncf.io/networks: net-a,net-b
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the separators are replaced by `,`; the names are kept.
    pub static MUL_S06 = ("MUL-S06", "multus-short-form-wrong-separator", Error, Sometimes);
}

/// Whether `name` is valid names separated by whitespace or `;`.
fn separated_names(name: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ';')
        .filter(|p| !p.is_empty())
        .collect();
    (parts.len() >= 2 && parts.iter().all(|p| m::is_dns_label_unbounded(p))).then_some(parts)
}

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    let mut out = Vec::new();
    for site in &ctx.sites {
        if site.networks.format != Format::Short {
            continue;
        }
        let n = &site.networks;
        let all_valid_except = |skip: usize| {
            n.elements
                .iter()
                .enumerate()
                .all(|(j, e)| j == skip || e.error.is_none())
        };
        for (i, e) in n.elements.iter().enumerate() {
            let label = element_label(site, i);
            match e.error.as_ref().map(|x| x.kind) {
                Some(ErrorKind::ShortSlash) => out.push(site_diag(
                    cx,
                    &MUL_S03,
                    site,
                    e.span,
                    format!(
                        "{label} `{}` has more than one '/'; Multus fails with: {}",
                        e.raw.as_deref().unwrap_or(""),
                        e.error.as_ref().map_or("", |x| x.message.as_str())
                    ),
                )),
                Some(ErrorKind::ShortAt) => out.push(site_diag(
                    cx,
                    &MUL_S04,
                    site,
                    e.span,
                    format!(
                        "{label} `{}` has more than one '@'; Multus fails with: {}",
                        e.raw.as_deref().unwrap_or(""),
                        e.error.as_ref().map_or("", |x| x.message.as_str())
                    ),
                )),
                Some(ErrorKind::ShortName) => {
                    let Some(err) = e.error.as_ref() else {
                        continue;
                    };
                    let bad = &site.value[err.span.0..err.span.1];
                    if let Some(parts) = separated_names(bad)
                        .filter(|_| e.namespace.is_none() && e.interface.is_none())
                    {
                        let mut d = site_diag(cx, &MUL_S06, site, err.span, format!("{label} `{bad}` looks like several names separated by whitespace or ';'; only ',' separates elements, so Multus fails with: {}", err.message));
                        let edits = value_edits(
                            cx,
                            site.value_node,
                            &site.value,
                            &[(err.span, parts.join(","))],
                        );
                        if !edits.is_empty() {
                            d.fix =
                                Some(cx.fix("Separate with commas", Applicability::Safe, edits));
                        }
                        out.push(d);
                        continue;
                    }
                    let is_name = e.name.as_ref().is_some_and(|p| p.span == err.span);
                    let mut d = site_diag(
                        cx,
                        &MUL_S02,
                        site,
                        err.span,
                        format!(
                            "{label}: {} `{bad}` is not a DNS-1123 label{}; Multus fails with: {}",
                            if is_name { "name" } else { "namespace" },
                            if is_name && m::is_dns_subdomain(bad) {
                                " (a NAD name with dots can only be referenced in the JSON form)"
                            } else {
                                ""
                            },
                            err.message
                        ),
                    );
                    if is_name && m::is_dns_subdomain(bad) && all_valid_except(i) {
                        let json = m::write_networks_json(&n.elements);
                        let edits = value_edits(
                            cx,
                            site.value_node,
                            &site.value,
                            &[((0, site.value.len()), json)],
                        );
                        d.fix =
                            Some(cx.fix("Rewrite in the JSON form", Applicability::Safe, edits));
                    } else if m::is_dns_label_unbounded(&bad.to_ascii_lowercase()) {
                        let edits = value_edits(
                            cx,
                            site.value_node,
                            &site.value,
                            &[(err.span, bad.to_ascii_lowercase())],
                        );
                        d.fix = Some(cx.fix("Lower-case the name", Applicability::Unsafe, edits));
                    }
                    out.push(d);
                }
                Some(ErrorKind::ShortIfname) => {
                    let Some(err) = e.error.as_ref() else {
                        continue;
                    };
                    let ifn = e.interface.as_ref().map_or("", |p| p.value.as_str());
                    out.push(site_diag(cx, &MUL_S05, site, err.span, format!("{label}: interface name `{ifn}` is longer than 15 bytes or contains whitespace or '/'; Multus fails with: {}", err.message)));
                }
                _ => {}
            }
            if e.error.is_some() {
                continue;
            }
            // S01: empty name.
            if e.name_str().is_empty() {
                let raw = e.raw.as_deref().unwrap_or("");
                let ns = e.resolved_namespace(&n.default_namespace);
                let msg = if raw.is_empty() {
                    format!("{label} is empty; Multus fails with: getKubernetesDelegate: cannot find a network-attachment-definition () in namespace ({ns}): resource name may not be empty")
                } else {
                    format!("{label} `{raw}` has no network name; Multus fails with: getKubernetesDelegate: cannot find a network-attachment-definition () in namespace ({ns}): resource name may not be empty")
                };
                // Point at the element, or at its comma when it is empty.
                let span = if e.span.0 < e.span.1 {
                    e.span
                } else if e.span.0 < site.value.len() && site.value[e.span.0..].starts_with(',') {
                    (e.span.0, e.span.0 + 1)
                } else {
                    let p = site.value[..e.span.0].rfind(',').unwrap_or(0);
                    (p, p + 1)
                };
                let mut d = site_diag(cx, &MUL_S01, site, span, msg);
                let non_empty = n
                    .elements
                    .iter()
                    .filter(|x| !x.raw.as_deref().unwrap_or("").is_empty())
                    .count();
                if raw.is_empty() && non_empty > 0 {
                    // Remove the item with one adjacent comma.
                    let starts: Vec<usize> = {
                        let mut v = vec![0];
                        for (p, c) in site.value.char_indices() {
                            if c == ',' {
                                v.push(p + 1);
                            }
                        }
                        v
                    };
                    let s = starts[i];
                    let end = if i + 1 < starts.len() {
                        starts[i + 1] - 1
                    } else {
                        site.value.len()
                    };
                    let del = if i > 0 {
                        (s - 1, end)
                    } else {
                        (s, (end + 1).min(site.value.len()))
                    };
                    let edits =
                        value_edits(cx, site.value_node, &site.value, &[(del, String::new())]);
                    if !edits.is_empty() {
                        d.fix =
                            Some(cx.fix("Remove the empty element", Applicability::Safe, edits));
                    }
                }
                out.push(d);
                continue;
            }
            // S05 info/error beyond Multus' own check.
            if let Some(p) = &e.interface {
                if !m::kernel_ifname_ok(&p.value) {
                    out.push(site_diag(cx, &MUL_S05, site, p.span, format!("{label}: interface name `{}` is accepted by Multus but rejected by the kernel (dev_valid_name: no ':', '.' or '..'); the attachment fails when the plugin renames the interface", p.value)));
                } else if !m::is_dns_label(&p.value) {
                    out.push(with_severity(site_diag(cx, &MUL_S05, site, p.span, format!("{label}: interface name `{}` is not a DNS-1123 label; Multus accepts it, but consumers of network-attachment-definition-client (admission webhooks, OVN-Kubernetes, whereabouts) reject it", p.value)), Severity::Info));
                }
            }
        }
    }
    for d in out {
        cx.push(d);
    }
}
