use super::common::{diag, span, str_of, PoolCx};
use crate::rules::checker::Checker;
use crate::syntax::yaml::NodeId;

crate::declare_rule! {
    /// ## What it does
    /// Reports `global()` in an IPPool's `nodeSelector` or `namespaceSelector`.
    ///
    /// ## Why is this bad?
    /// Calico rejects it (v3.31+): `global() selector is not valid for IPPool nodeSelector - use
    /// all() instead`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   nodeSelector: global()
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
    ///   nodeSelector: all()
    /// ```
    ///
    /// ## Fix safety
    /// No fix: `all()` is usually meant, but selectors are not rewritten automatically.
    pub static CAL_IP012 = ("CAL-IP012", "calico-ippool-global-selector", Error, None);
}

pub fn check(cx: &mut Checker, p: &PoolCx, spec: NodeId) {
    let name = p.name();
    for key in ["nodeSelector", "namespaceSelector"] {
        if let Some((v, sel)) = str_of(cx.yaml, spec, key) {
            if sel.contains("global()") {
                let d = diag(
                    cx,
                    &CAL_IP012,
                    p,
                    &format!("spec.{key}"),
                    span(cx, v),
                    format!("IPPool {name}: global() is not valid in {key}; Calico rejects it: global() selector is not valid for IPPool {key} - use all() instead"),
                );
                cx.push(d);
            }
        }
    }
}
