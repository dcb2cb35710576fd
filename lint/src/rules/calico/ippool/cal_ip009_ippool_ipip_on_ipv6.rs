use super::common::{diag, mode_enabled, span, Cidr, PoolCx};
use crate::fix::diagnostic::Applicability;
use crate::rules::checker::Checker;
use crate::syntax::yaml::NodeId;

crate::declare_rule! {
    /// ## What it does
    /// Reports `ipipMode` other than `Never` on an IPv6 pool.
    ///
    /// ## Why is this bad?
    /// Calico rejects it: `IPIP is not supported on an IPv6 IP pool` (VXLAN on IPv6 is allowed
    /// since v3.23).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: fd00::/108
    ///   ipipMode: Always
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: fd00::/108
    ///   ipipMode: Never
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: `ipipMode: Never` makes the pool valid, but the author asked for
    /// encapsulation; without it, pod traffic is routed unencapsulated (it needs BGP or a
    /// routed underlay), and `vxlanMode` may be what was meant. The choice is the user's.
    pub static CAL_IP009 = ("CAL-IP009", "calico-ippool-ipip-on-ipv6", Error, Always);
}

pub fn check(cx: &mut Checker, p: &PoolCx, spec: NodeId, c: &Cidr) {
    let y = cx.yaml;
    if c.v4() || !mode_enabled(y, spec, "ipipMode") {
        return;
    }
    let Some(v) = y.get(spec, "ipipMode") else {
        return;
    };
    let name = p.name();
    let r = span(cx, v);
    let mut d = diag(
        cx,
        &CAL_IP009,
        p,
        "spec.ipipMode",
        r,
        format!("IPPool {name} is IPv6 but enables IPIP; Calico rejects it: IPIP is not supported on an IPv6 IP pool (use vxlanMode for IPv6 encapsulation)"),
    );
    d.fix = Some(cx.fix(
        "Set ipipMode: Never",
        Applicability::Unsafe,
        vec![(r.0, r.1, "Never".into())],
    ));
    cx.push(d);
}
