use super::common::{diag, flag, mode_enabled, span, PoolCx};
use crate::rules::checker::Checker;
use crate::syntax::yaml::NodeId;

crate::declare_rule! {
    /// ## What it does
    /// Notes an IPPool with IPIP or VXLAN enabled and `natOutgoing` not set.
    ///
    /// ## Why is this bad?
    /// Calico's docs recommend `natOutgoing: true` with overlay encapsulation; without it,
    /// traffic from pods to destinations outside the cluster keeps the pod source address and
    /// usually cannot return.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   vxlanMode: Always
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
    ///   vxlanMode: Always
    ///   natOutgoing: true
    /// ```
    ///
    /// ## Fix safety
    /// No fix: outgoing NAT is a network decision.
    pub static CAL_IP015 = ("CAL-IP015", "calico-ippool-encap-without-nat", Info, None);
}

pub fn check(cx: &mut Checker, p: &PoolCx, spec: NodeId) {
    let y = cx.yaml;
    let ipip = mode_enabled(y, spec, "ipipMode");
    let vxlan = mode_enabled(y, spec, "vxlanMode");
    let nat = flag(y, spec, "natOutgoing");
    let key = if ipip { "ipipMode" } else { "vxlanMode" };
    let Some(v) = y.get(spec, key).filter(|_| (ipip || vxlan) && !nat) else {
        return;
    };
    let name = p.name();
    let d = diag(
        cx,
        &CAL_IP015,
        p,
        &format!("spec.{key}"),
        span(cx, v),
        format!("IPPool {name} uses {} encapsulation without natOutgoing: true; Calico's docs recommend outgoing NAT with IPIP/VXLAN so pod traffic leaving the cluster can return", if ipip { "IPIP" } else { "VXLAN" }),
    );
    cx.push(d);
}
