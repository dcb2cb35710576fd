use super::common::{diag, span, PoolCx};
use crate::rules::checker::Checker;
use crate::syntax::gonet;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every `spec.reservedCIDRs` element of an IPReservation is an IP address or a
    /// CIDR.
    ///
    /// ## Why is this bad?
    /// Calico rejects the reservation (validator tag `cidrs`: each entry must pass
    /// `ParseCIDROrIP`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPReservation
    /// metadata:
    ///   name: reserved
    /// spec:
    ///   reservedCIDRs:
    ///   - 10.0.0.0/33
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPReservation
    /// metadata:
    ///   name: reserved
    /// spec:
    ///   reservedCIDRs:
    ///   - 10.0.0.0/28
    ///   - 10.0.1.5
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended range is unknown.
    pub static CAL_R001 = ("CAL-R001", "calico-ipreservation-cidr-invalid", Error, None);
}

pub fn check(cx: &mut Checker, p: &PoolCx) {
    let y = cx.yaml;
    let Some(spec) = p.spec else { return };
    let Some(list) = y.get(spec, "reservedCIDRs") else {
        return;
    };
    for (i, &item) in y.items(list).iter().enumerate() {
        let v = y.scalar(item).unwrap_or("").to_string();
        if gonet::parse_cidr(&v).is_ok() || gonet::parse_ip(&v).is_some() {
            continue;
        }
        let d = diag(
            cx,
            &CAL_R001,
            p,
            &format!("spec.reservedCIDRs[{i}]"),
            span(cx, item),
            format!(
                "IPReservation {}: {v:?} is neither an IP address nor a CIDR; Calico rejects the reservation (reservedCIDRs entries must parse as an IP or CIDR)",
                p.obj.name.as_deref().unwrap_or("(unnamed)")
            ),
        );
        cx.push(d);
    }
}
