use super::common::{diag, span, PoolCx};
use crate::fix::diagnostic::Applicability;
use crate::fix::edit;
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Notes `metadata.namespace` on an IPPool or IPReservation, which are cluster-scoped.
    ///
    /// ## Why is this bad?
    /// The namespace is ignored; it suggests the pool is namespaced (use `namespaceSelector`
    /// for per-namespace pools).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    ///   namespace: team-a
    /// spec:
    ///   cidr: 10.0.0.0/16
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
    /// Safe: the field has no effect.
    pub static CAL_IP013 = ("CAL-IP013", "calico-cluster-scoped-namespace", Info, Always);
}

/// IPPools and IPReservations.
pub fn check(cx: &mut Checker, p: &PoolCx) {
    let y = cx.yaml;
    let Some(md) = y.get(p.obj.node, "metadata").filter(|&m| y.is_map(m)) else {
        return;
    };
    let Some((k, v)) = y.get_entry(md, "namespace") else {
        return;
    };
    let mut d = diag(
        cx,
        &CAL_IP013,
        p,
        "metadata.namespace",
        span(cx, v),
        format!(
            "{} is cluster-scoped: metadata.namespace is ignored (for per-namespace pools use spec.namespaceSelector)",
            p.obj.kind()
        ),
    );
    if let Some(e) = edit::delete_entry(y, md, k) {
        d.fix = Some(cx.fix("Remove metadata.namespace", Applicability::Safe, vec![e]));
    }
    cx.push(d);
}
