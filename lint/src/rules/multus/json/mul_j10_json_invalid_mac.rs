//! MUL-J10: a MAC address Multus or the plugin rejects.

use crate::model::multus::Element;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, Site};
use crate::syntax::gonet;
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Checks `mac`: it must parse (`net.ParseMAC`), be 6 bytes, unicast (the lowest bit of
    /// the first octet clear), and not all-zero or broadcast.
    ///
    /// ## Why is this bad?
    /// Unparsable: `parsePodNetworkAnnotation: failed to mac: address c2:b0:57:49:47:
    /// invalid MAC address`. Multicast or all-zero: the plugin fails with `failed to create
    /// macvlan: cannot assign requested address` (issues #1378, #285).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "mac": "c3:b0:57:49:47:f1"}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "mac": "c2:b0:57:49:47:f1"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended address cannot be known.
    pub static MUL_J10 = ("MUL-J10", "multus-json-invalid-mac", Error, None);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    if let Some(mac) = e.mac.as_ref().filter(|x| !x.value.is_empty()) {
        let problem = match gonet::parse_mac(&mac.value) {
            Err(err) => Some(format!("Multus fails with: parsePodNetworkAnnotation: failed to mac: {err}")),
            Ok(b) if b.len() != 6 => Some(format!("it is {} bytes, not a 6-byte Ethernet MAC; the plugin cannot set it", b.len())),
            Ok(b) if b.iter().all(|x| *x == 0) || b.iter().all(|x| *x == 0xff) => Some("it is all-zero or broadcast; the plugin fails with: cannot assign requested address".to_string()),
            Ok(b) if b[0] & 1 == 1 => Some(format!("it is a multicast address (the lowest bit of the first octet 0x{:02x} is set); the plugin fails with: failed to create macvlan: cannot assign requested address", b[0])),
            _ => None,
        };
        if let Some(p) = problem {
            out.push(site_diag(
                cx,
                &MUL_J10,
                site,
                mac.span,
                format!("{label}: mac \"{}\": {p}", mac.value),
            ));
        }
    }
}
