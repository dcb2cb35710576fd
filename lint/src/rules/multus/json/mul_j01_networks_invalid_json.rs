//! MUL-J01: a networks value that is not valid JSON.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::model::multus::ErrorKind;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, value_edits, Site};
use crate::rules::multus::json_repair::repair_json;

use super::what;

crate::declare_rule! {
    /// ## What it does
    /// Checks that a networks annotation written in the JSON form (any value containing
    /// `[`, `{` or `"`) is valid JSON, and points at the character where Go's decoder stops.
    ///
    /// ## Why is this bad?
    /// Multus fails the Pod sandbox with `parsePodNetworkAnnotation: failed to parse pod
    /// Network Attachment Selection Annotation JSON format: invalid character ']' after
    /// object key:value pair` (older versions silently ignored it, issue #635).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.104/24"]]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.104/24"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe for unambiguous defects: a missing `}` or `]` before a closing bracket, a missing
    /// comma, a trailing comma, `//` or `#` comments, missing closers at the end. The fix is
    /// offered only when the repaired text is valid JSON.
    pub static MUL_J01 = ("MUL-J01", "multus-networks-invalid-json", Error, Sometimes);
}

/// `true` when the value is not JSON (the element rules must not run).
pub fn check(cx: &Checker, site: &Site, out: &mut Vec<Diagnostic>) -> bool {
    let Some(err) = site
        .networks
        .error
        .as_ref()
        .filter(|e| e.kind == ErrorKind::JsonSyntax)
    else {
        return false;
    };
    let v = &site.value;
    let what = what(site);
    let mut d = site_diag(
        cx,
        &MUL_J01,
        site,
        err.span,
        format!(
            "{what} is not valid JSON; Multus fails with: {}",
            err.message
        ),
    );
    if let Some(edits) = repair_json(v) {
        let e = value_edits(cx, site.value_node, v, &edits);
        if !e.is_empty() {
            d.fix = Some(cx.fix("Repair the JSON", Applicability::Safe, e));
        }
    }
    out.push(d);
    true
}
