//! MUL-S05: short-form interface names Multus, the kernel or NAD clients reject.

use crate::fix::diagnostic::Severity;
use crate::model::multus::{self as m, Element, ErrorKind};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, with_severity, Site};
use crate::Diagnostic;

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

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    if let Some(err) = e.error.as_ref() {
        if err.kind == ErrorKind::ShortIfname {
            let ifn = e.interface.as_ref().map_or("", |p| p.value.as_str());
            out.push(site_diag(cx, &MUL_S05, site, err.span, format!("{label}: interface name `{ifn}` is longer than 15 bytes or contains whitespace or '/'; Multus fails with: {}", err.message)));
        }
        return;
    }
    if e.name_str().is_empty() {
        return;
    }
    // Beyond Multus' own check: the kernel and the NAD clients.
    if let Some(p) = &e.interface {
        if !m::kernel_ifname_ok(&p.value) {
            out.push(site_diag(cx, &MUL_S05, site, p.span, format!("{label}: interface name `{}` is accepted by Multus but rejected by the kernel (dev_valid_name: no ':', '.' or '..'); the attachment fails when the plugin renames the interface", p.value)));
        } else if !m::is_dns_label(&p.value) {
            out.push(with_severity(site_diag(cx, &MUL_S05, site, p.span, format!("{label}: interface name `{}` is not a DNS-1123 label; Multus accepts it, but consumers of network-attachment-definition-client (admission webhooks, OVN-Kubernetes, whereabouts) reject it", p.value)), Severity::Info));
        }
    }
}
