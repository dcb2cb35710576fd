//! MUL-S02: a short-form name or namespace that is not a DNS-1123 label.

use crate::fix::diagnostic::Applicability;
use crate::model::multus::{self as m, Element, ErrorKind};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, value_edits, Site};
use crate::Diagnostic;

use super::mul_s06_short_form_wrong_separator::separated_names;

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

pub fn check(
    cx: &Checker,
    site: &Site,
    i: usize,
    e: &Element,
    label: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(err) = e.error.as_ref().filter(|x| x.kind == ErrorKind::ShortName) else {
        return;
    };
    let n = &site.networks;
    let bad = &site.value[err.span.0..err.span.1];
    if separated_names(e, bad).is_some() {
        return;
    }
    let all_valid_except = |skip: usize| {
        n.elements
            .iter()
            .enumerate()
            .all(|(j, e)| j == skip || e.error.is_none())
    };
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
        d.fix = Some(cx.fix("Rewrite in the JSON form", Applicability::Safe, edits));
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
