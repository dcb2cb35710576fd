use std::net::IpAddr;

use super::common::{diag, span, Cidr, PoolCx};
use crate::rules::checker::Checker;
use crate::syntax::gonet;

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPPool overlapping the link-local ranges `169.254.0.0/16` or `fe80::/10`.
    ///
    /// ## Why is this bad?
    /// Calico rejects it: `IPPool CIDR overlaps with IPv4 Link Local range 169.254.0.0/16`
    /// (or `... IPv6 Link Local range fe80::/10`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 169.254.0.0/16
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.254.0.0/16
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_IP004 = ("CAL-IP004", "calico-ippool-link-local", Error, None);
}

pub fn check(cx: &mut Checker, p: &PoolCx, c: &Cidr) {
    let v4 = c.v4();
    let link_local: (IpAddr, u8) = if v4 {
        (IpAddr::from([169, 254, 0, 0]), 16)
    } else {
        (IpAddr::from([0xfe80, 0, 0, 0, 0, 0, 0, 0u16]), 10)
    };
    if !gonet::cidrs_overlap((c.net, c.prefix), link_local) {
        return;
    }
    let (name, cidr) = (p.name(), &c.text);
    let d = diag(
        cx,
        &CAL_IP004,
        p,
        "spec.cidr",
        span(cx, c.node),
        format!(
            "IPPool {name}: {cidr} overlaps the link-local range; Calico rejects it: IPPool CIDR overlaps with {} Link Local range {}",
            if v4 { "IPv4" } else { "IPv6" },
            if v4 { "169.254.0.0/16" } else { "fe80::/10" }
        ),
    );
    cx.push(d);
}
