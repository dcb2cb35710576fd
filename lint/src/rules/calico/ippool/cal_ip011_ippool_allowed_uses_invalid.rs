use super::common::{allowed_uses, diag, known_use, lb_known, span, PoolCx};
use crate::rules::calico::common::str_field;
use crate::rules::checker::Checker;
use crate::rules::Rule;
use crate::syntax::yaml::NodeId;

crate::declare_rule! {
    /// ## What it does
    /// Checks `allowedUses`: known values (`Workload`, `Tunnel`, `LoadBalancer` since v3.30),
    /// `LoadBalancer` alone, without IPIP/VXLAN, with `nodeSelector: all()` and BGP export, and
    /// no `namespaceSelector` on a `Tunnel` pool.
    ///
    /// ## Why is this bad?
    /// Calico rejects the pool: `unknown use: <x>`, `LoadBalancer cannot be used at the same
    /// time as: Workload`, `Neither IPIPMode nor VXLANMode can be enabled on AllowedUses
    /// LoadBalancer IP pool`, `IP Pool with AllowedUse LoadBalancer must have node selector set
    /// to all()`, `LoadBalancer IP pools cannot disable BGP export`, `IP Pool with AllowedUse
    /// Tunnel cannot have namespaceSelector specified - tunnel IPs are not namespaced resources`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   allowedUses: [LoadBalancer, Workload]
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
    ///   allowedUses: [LoadBalancer]
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended use is a design decision.
    pub static CAL_IP011 = ("CAL-IP011", "calico-ippool-allowed-uses-invalid", Error, None);
}

/// `encap`: the pool enables IPIP or VXLAN.
pub fn check(cx: &mut Checker, p: &PoolCx, spec: NodeId, encap: bool) {
    let y = cx.yaml;
    let Some((list, items)) = allowed_uses(y, spec) else {
        return;
    };
    let name = p.name();
    let push = |cx: &mut Checker, rule: &Rule, r: (usize, usize), msg: String| {
        let d = diag(cx, rule, p, "spec.allowedUses", r, msg);
        cx.push(d);
    };
    // HostSecondaryInterface is CAL-IP017 (or valid in Calico Enterprise).
    for (n, u) in &items {
        if known_use(cx, u) || u == "HostSecondaryInterface" {
            continue;
        }
        let r = span(cx, *n);
        push(cx, &CAL_IP011, r, format!("IPPool {name}: {u:?} is not an allowed use (Workload, Tunnel{}); Calico rejects it: unknown use: {u}", if lb_known(cx) { ", LoadBalancer" } else { "; LoadBalancer needs v3.30+" }));
    }
    let has = |u: &str| items.iter().any(|(_, x)| x == u);
    let whole = span(cx, list);
    if has("LoadBalancer") {
        for other in ["Workload", "Tunnel"] {
            if has(other) {
                push(cx, &CAL_IP011, whole, format!("IPPool {name}: LoadBalancer cannot be combined with {other}; Calico rejects it: LoadBalancer cannot be used at the same time as: {other}"));
            }
        }
        if encap {
            push(cx, &CAL_IP011, whole, format!("IPPool {name}: a LoadBalancer pool cannot use IPIP or VXLAN; Calico rejects it: Neither IPIPMode nor VXLANMode can be enabled on AllowedUses LoadBalancer IP pool"));
        }
        if let Some((_, s)) = str_field(y, spec, "nodeSelector") {
            if s.trim() != "all()" {
                push(cx, &CAL_IP011, whole, format!("IPPool {name}: a LoadBalancer pool must select all nodes; Calico rejects it: IP Pool with AllowedUse LoadBalancer must have node selector set to all()"));
            }
        }
        if y.get(spec, "disableBGPExport")
            .is_some_and(|v| y.scalar(v) == Some("true"))
        {
            push(cx, &CAL_IP011, whole, format!("IPPool {name}: a LoadBalancer pool must be exported over BGP; Calico rejects it: LoadBalancer IP pools cannot disable BGP export"));
        }
    }
    if has("Tunnel")
        && str_field(y, spec, "namespaceSelector").is_some_and(|(_, s)| !s.trim().is_empty())
    {
        push(cx, &CAL_IP011, whole, format!("IPPool {name}: a Tunnel pool cannot have a namespaceSelector; Calico rejects it: IP Pool with AllowedUse Tunnel cannot have namespaceSelector specified - tunnel IPs are not namespaced resources"));
    }
}
