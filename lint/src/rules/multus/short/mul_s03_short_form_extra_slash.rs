//! MUL-S03: a short-form element with more than one '/'.

use crate::model::multus::{Element, ErrorKind};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, Site};
use crate::Diagnostic;

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

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    if e.error.as_ref().map(|x| x.kind) != Some(ErrorKind::ShortSlash) {
        return;
    }
    out.push(site_diag(
        cx,
        &MUL_S03,
        site,
        e.span,
        format!(
            "{label} `{}` has more than one '/'; Multus fails with: {}",
            e.raw.as_deref().unwrap_or(""),
            e.error.as_ref().map_or("", |x| x.message.as_str())
        ),
    ));
}
