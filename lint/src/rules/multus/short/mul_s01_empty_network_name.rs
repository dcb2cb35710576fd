//! MUL-S01: a short-form element with an empty network name.

use crate::fix::diagnostic::Applicability;
use crate::model::multus::Element;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, value_edits, Site};
use crate::Diagnostic;

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

pub fn check(
    cx: &Checker,
    site: &Site,
    i: usize,
    e: &Element,
    label: &str,
    out: &mut Vec<Diagnostic>,
) {
    if e.error.is_some() || !e.name_str().is_empty() {
        return;
    }
    let n = &site.networks;
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
        let edits = value_edits(cx, site.value_node, &site.value, &[(del, String::new())]);
        if !edits.is_empty() {
            d.fix = Some(cx.fix("Remove the empty element", Applicability::Safe, edits));
        }
    }
    out.push(d);
}
