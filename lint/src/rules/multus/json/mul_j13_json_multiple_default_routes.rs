//! MUL-J13: more than one default-route gateway per family, or on several elements.

use crate::fix::diagnostic::Severity;
use crate::model::multus::Element;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, with_severity, Site};
use crate::syntax::gonet;
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Counts `default-route` gateways over the whole annotation: more than one IPv4 or more
    /// than one IPv6 gateway is an error; `default-route` on more than one element is a
    /// warning (NPWG: only one element should carry it).
    ///
    /// ## Why is this bad?
    /// Multus refuses the Pod with `multus does not support ECMP for default-route`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-a", "default-route": ["10.1.0.1"]}, {"name": "net-b", "default-route": ["10.2.0.1"]}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-a", "default-route": ["10.1.0.1"]}, {"name": "net-b"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which gateway to keep is a user decision.
    pub static MUL_J13 = ("MUL-J13", "multus-json-multiple-default-routes", Error, None);
}

/// Default-route gateways and the elements carrying them, over one networks value.
#[derive(Default)]
pub struct Gateways {
    v4: usize,
    v6: usize,
    elements: usize,
}

/// Counts the element's gateways into `gws` (over one networks value).
pub fn check(
    cx: &Checker,
    site: &Site,
    e: &Element,
    label: &str,
    gws: &mut Gateways,
    out: &mut Vec<Diagnostic>,
) {
    let Some(dr) = &e.default_route else { return };
    gws.elements += 1;
    for gw in &dr.value {
        if let Ok(Some(ip)) = gonet::unmarshal_ip_text(&gw.value) {
            if site.is_default {
                continue;
            }
            let count = if gonet::is_ipv4(&ip) {
                &mut gws.v4
            } else {
                &mut gws.v6
            };
            *count += 1;
            if *count == 2 {
                out.push(site_diag(cx, &MUL_J13, site, gw.span, format!("{label}: a second {} default-route gateway; Multus fails with: multus does not support ECMP for default-route", if gonet::is_ipv4(&ip) { "IPv4" } else { "IPv6" })));
            }
        }
    }
    if gws.elements == 2 && gws.v4 < 2 && gws.v6 < 2 && !site.is_default {
        out.push(with_severity(site_diag(cx, &MUL_J13, site, dr.key.unwrap_or(dr.span), format!("{label}: default-route on more than one element; Multus accepts one IPv4 and one IPv6 gateway, but NPWG allows only one element to carry it")), Severity::Warning));
    }
}
