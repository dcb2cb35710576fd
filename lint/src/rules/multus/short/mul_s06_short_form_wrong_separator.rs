//! MUL-S06: several names separated by whitespace or `;` instead of `,`.

use crate::fix::diagnostic::Applicability;
use crate::model::multus::{self as m, Element, ErrorKind};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, value_edits, Site};
use crate::Diagnostic;

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

/// The names of an invalid short-form name `bad` of element `e` when it is valid names
/// separated by whitespace or `;` (and the element has no namespace or interface).
pub fn separated_names<'b>(e: &Element, bad: &'b str) -> Option<Vec<&'b str>> {
    if e.namespace.is_some() || e.interface.is_some() {
        return None;
    }
    let parts: Vec<&str> = bad
        .split(|c: char| c.is_whitespace() || c == ';')
        .filter(|p| !p.is_empty())
        .collect();
    (parts.len() >= 2 && parts.iter().all(|p| m::is_dns_label_unbounded(p))).then_some(parts)
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    let Some(err) = e.error.as_ref().filter(|x| x.kind == ErrorKind::ShortName) else {
        return;
    };
    let bad = &site.value[err.span.0..err.span.1];
    let Some(parts) = separated_names(e, bad) else {
        return;
    };
    let mut d = site_diag(cx, &MUL_S06, site, err.span, format!("{label} `{bad}` looks like several names separated by whitespace or ';'; only ',' separates elements, so Multus fails with: {}", err.message));
    let edits = value_edits(
        cx,
        site.value_node,
        &site.value,
        &[(err.span, parts.join(","))],
    );
    if !edits.is_empty() {
        d.fix = Some(cx.fix("Separate with commas", Applicability::Safe, edits));
    }
    out.push(d);
}
