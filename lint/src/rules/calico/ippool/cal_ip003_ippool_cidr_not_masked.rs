use super::common::{diag, span, Cidr, PoolCx};
use crate::fix::diagnostic::Applicability;
use crate::rules::calico::common::go_ip;
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPPool CIDR with host bits set (`10.0.0.1/16`).
    ///
    /// ## Why is this bad?
    /// Calico rejects it: `IPPool CIDR is not strictly masked` (HEAD CEL: `IPPool CIDR must be
    /// strictly masked`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.1/16
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: masking gives `10.0.0.0/16`, but a smaller range may have been meant.
    pub static CAL_IP003 = ("CAL-IP003", "calico-ippool-cidr-not-masked", Error, Always);
}

pub fn check(cx: &mut Checker, p: &PoolCx, c: &Cidr) {
    if c.ip == c.net {
        return;
    }
    let (name, cidr, prefix) = (p.name(), &c.text, c.prefix);
    let masked = format!("{}/{prefix}", go_ip(&c.net));
    let r = span(cx, c.node);
    let mut d = diag(
        cx,
        &CAL_IP003,
        p,
        "spec.cidr",
        r,
        format!("IPPool {name}: {cidr} has host bits set; Calico rejects it: IPPool CIDR is not strictly masked (the network is {masked})"),
    );
    d.fix = Some(cx.fix(
        format!("Use {masked}"),
        Applicability::Unsafe,
        vec![(r.0, r.1, masked)],
    ));
    cx.push(d);
}
