use super::common::{diag, span, str_of, PoolCx};
use crate::rules::checker::Checker;
use crate::syntax::gonet;

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPPool without `spec.cidr` or with one Go's `net.ParseCIDR` rejects.
    ///
    /// ## Why is this bad?
    /// Calico rejects the pool: `IPPool CIDR must be specified` / `IPPool CIDR must be a valid
    /// subnet`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/33
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
    /// No fix: the intended range is unknown.
    pub static CAL_IP002 = ("CAL-IP002", "calico-ippool-cidr-invalid", Error, None);
}

pub fn check(cx: &mut Checker, p: &PoolCx) {
    let y = cx.yaml;
    let name = p.name();
    let Some(spec) = p.spec else {
        let n = y.node(p.obj.node);
        let d = diag(
            cx,
            &CAL_IP002,
            p,
            "spec",
            (n.start, n.start),
            format!(
                "IPPool {name} has no spec.cidr; Calico rejects it: IPPool CIDR must be specified"
            ),
        );
        cx.push(d);
        return;
    };
    let Some((cv, cidr)) = str_of(y, spec, "cidr") else {
        let (k, _) = y.get_entry(spec, "cidr").unwrap_or((spec, spec));
        let r = if k == spec {
            (y.node(spec).start, y.node(spec).start)
        } else {
            span(cx, k)
        };
        let d = diag(
            cx,
            &CAL_IP002,
            p,
            "spec.cidr",
            r,
            format!(
                "IPPool {name} has no spec.cidr; Calico rejects it: IPPool CIDR must be specified"
            ),
        );
        cx.push(d);
        return;
    };
    if gonet::parse_cidr(cidr.trim()).is_err() {
        let d = diag(
            cx,
            &CAL_IP002,
            p,
            "spec.cidr",
            span(cx, cv),
            format!("IPPool {name}: {cidr:?} is not a CIDR; Calico rejects it: IPPool CIDR must be a valid subnet"),
        );
        cx.push(d);
    }
}
