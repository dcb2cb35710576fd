//! MUL-J09: addresses in `ips` that are not IPs or CIDRs.

use crate::fix::diagnostic::Severity;
use crate::model::multus::{self as m, Element};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, with_severity, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Checks every `ips` entry as Multus does: with `/` through `net.ParseCIDR`, else
    /// `net.ParseIP`. Warns on an empty `ips` array (NPWG requires at least one).
    ///
    /// ## Why is this bad?
    /// The Pod fails with `failed to parse CIDR "10.1.1.304/24": invalid CIDR address:
    /// 10.1.1.304/24` or `failed to parse IP address "<ip>"` (these have no function prefix).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.304/24"]}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.34/24"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended address cannot be known.
    pub static MUL_J09 = ("MUL-J09", "multus-json-invalid-ip", Error, None);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    if let Some(ips) = &e.ips {
        if ips.value.is_empty() {
            out.push(with_severity(site_diag(cx, &MUL_J09, site, ips.span, format!("{label}: \"ips\" is empty (NPWG requires at least one address); remove the key")), Severity::Warning));
        }
        for ip in &ips.value {
            if let Some(err) = m::ip_error(&ip.value) {
                out.push(site_diag(
                    cx,
                    &MUL_J09,
                    site,
                    ip.span,
                    format!(
                        "{label}: `{}` is not an IP address or CIDR; Multus fails with: {err}",
                        ip.value
                    ),
                ));
            }
        }
    }
}
