//! MUL-X02: a reference to a NAD in another namespace.

use crate::fix::diagnostic::Severity;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, with_severity};
use crate::Diagnostic;

use super::Target;

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

pub fn check(cx: &Checker, t: &Target, globals: &[String], out: &mut Vec<Diagnostic>) {
    let prof = &cx.profile.multus;
    let (site, e, label, ns, name) = (t.site, t.e, &t.label, &t.ns, t.name);
    if !site.is_default && *ns != site.pod_namespace {
        let sp = e.namespace.as_ref().map(|p| p.span).unwrap_or(e.span);
        let isolated = prof.namespace_isolation && !globals.contains(ns);
        let d = if isolated {
            site_diag(cx, &MUL_X02, site, sp, format!("{label}: namespaceIsolation is on and {ns} is not a global namespace ({}); Multus fails with: GetNetworkDelegates: namespace isolation enabled, annotation violates permission, pod is in namespace {} but refers to target namespace {ns}", globals.join(","), site.pod_namespace))
        } else {
            with_severity(site_diag(cx, &MUL_X02, site, sp, format!("{label}: cross-namespace reference to {ns}/{name} (fine unless Multus runs with namespaceIsolation)")), Severity::Info)
        };
        out.push(d);
    }
}
