//! MUL-J11: an InfiniBand GUID that is not an 8-byte address.

use crate::fix::diagnostic::Severity;
use crate::model::multus::Element;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, with_severity, Site};
use crate::syntax::gonet;
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Checks `infiniband-guid` with `net.ParseMAC` as Multus does, and warns when it is not
    /// 8 bytes (an InfiniBand GUID).
    ///
    /// ## Why is this bad?
    /// The Pod fails with `parsePodNetworkAnnotation: failed to validate infiniband GUID:
    /// address 24:8a:07:03:00:8d:ae: invalid MAC address`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "ib-net", "infiniband-guid": "24:8a:07:03:00:8d:ae"}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "ib-net", "infiniband-guid": "24:8a:07:03:00:8d:ae:d6"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended GUID cannot be known.
    pub static MUL_J11 = ("MUL-J11", "multus-json-invalid-infiniband-guid", Error, None);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    if let Some(g) = e.infiniband_guid.as_ref().filter(|x| !x.value.is_empty()) {
        match gonet::parse_mac(&g.value) {
            Err(err) => out.push(site_diag(cx, &MUL_J11, site, g.span, format!("{label}: infiniband-guid \"{}\" is not a valid address; Multus fails with: parsePodNetworkAnnotation: failed to validate infiniband GUID: {err}", g.value))),
            Ok(b) if b.len() != 8 => out.push(with_severity(site_diag(cx, &MUL_J11, site, g.span, format!("{label}: infiniband-guid \"{}\" is {} bytes; an InfiniBand GUID is 8 bytes", g.value, b.len())), Severity::Warning)),
            _ => {}
        }
    }
}
