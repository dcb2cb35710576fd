//! MUL-J15: interface names the kernel rejects.

use crate::model::multus::{self as m, Element};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Checks a JSON `interface` (or `interfaceRequest`) as the kernel does
    /// (`dev_valid_name`): at most 15 bytes, no whitespace, `/` or `:`, not `.` or `..`.
    /// Multus does not check it in the JSON form.
    ///
    /// ## Why is this bad?
    /// The attachment fails at runtime, e.g. `failed to rename macvlan to
    /// "storage-network-1": numerical result out of range`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "interface": "storage-network-1"}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "interface": "storage1"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: a new interface name is a user decision.
    pub static MUL_J15 = ("MUL-J15", "multus-json-invalid-interface", Error, None);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    for p in [e.interface.as_ref(), e.interface_request.as_ref()]
        .into_iter()
        .flatten()
    {
        if !p.value.is_empty() && !m::kernel_ifname_ok(&p.value) {
            out.push(site_diag(cx, &MUL_J15, site, p.span, format!("{label}: interface name \"{}\" is not a valid Linux interface name (at most 15 bytes, no whitespace, '/' or ':', not '.' or '..'); Multus does not check it in the JSON form and the attachment fails when the plugin renames the interface", p.value)));
        }
    }
}
