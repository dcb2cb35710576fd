//! MUL-X07: default-route gateways outside the element's (or its NAD's) subnets.

use crate::fix::diagnostic::Severity;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, with_severity};
use crate::syntax::gonet;
use crate::Diagnostic;

use super::Target;

crate::declare_rule! {
    /// ## What it does
    /// Checks that a `default-route` gateway lies in the attachment's subnet: an error when
    /// the subnet is known from the element's `ips` prefixes, a warning when it is inferred
    /// from the NAD's IPAM ranges.
    ///
    /// ## Why is this bad?
    /// Multus cannot install the route: `error setting default gateway: no route to host`
    /// (PR #906).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.10/24"], "default-route": ["10.2.0.1"]}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.10/24"], "default-route": ["10.1.1.1"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the gateway address cannot be known.
    pub static MUL_X07 = ("MUL-X07", "multus-gateway-outside-subnet", Error, None);
}

pub fn check(cx: &Checker, t: &Target, out: &mut Vec<Diagnostic>) {
    let (site, e, label, ns) = (t.site, t.e, &t.label, &t.ns);
    let name = e.name_str();
    if let Some(dr) = &e.default_route {
        let own: Vec<(std::net::IpAddr, u8)> = e
            .ips
            .iter()
            .flat_map(|p| p.value.iter())
            .filter_map(|ip| gonet::parse_cidr(&ip.value).ok())
            .map(|(_, net, p)| (net, p))
            .collect();
        let nad_nets: Vec<(std::net::IpAddr, u8)> = t
            .nad
            .and_then(|n| n.parsed())
            .and_then(|c| c.ipam())
            .map(|i| i.subnets.clone())
            .unwrap_or_default();
        for gw in &dr.value {
            let Some(ip) = gonet::parse_ip(&gw.value) else {
                continue;
            };
            let fam = |n: &&(std::net::IpAddr, u8)| gonet::is_ipv4(&n.0) == gonet::is_ipv4(&ip);
            let own_f: Vec<_> = own.iter().filter(fam).collect();
            let nad_f: Vec<_> = nad_nets.iter().filter(fam).collect();
            if !own_f.is_empty() {
                if !own_f.iter().any(|n| gonet::cidr_contains(**n, ip)) {
                    out.push(site_diag(cx, &MUL_X07, site, gw.span, format!("{label}: gateway {ip} is outside the attachment's subnet ({}); Multus fails with: error setting default gateway: no route to host", own_f.iter().map(|(a, p)| format!("{a}/{p}")).collect::<Vec<_>>().join(", "))));
                }
            } else if !nad_f.is_empty() && !nad_f.iter().any(|n| gonet::cidr_contains(**n, ip)) {
                out.push(with_severity(site_diag(cx, &MUL_X07, site, gw.span, format!("{label}: gateway {ip} is outside the subnet of {ns}/{name}'s IPAM ({}); setting the default route would fail with: error setting default gateway: no route to host", nad_f.iter().map(|(a, p)| format!("{a}/{p}")).collect::<Vec<_>>().join(", "))), Severity::Warning));
            }
        }
    }
}
