use super::common::{diag, normalise, span, str_of, PoolCx, ASSIGNMENT, MODES};
use crate::fix::diagnostic::Applicability;
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Checks `ipipMode`/`vxlanMode` (`Always`, `CrossSubnet`, `Never`) and `assignmentMode`
    /// (`Automatic`, `Manual`): exact, case-sensitive values.
    ///
    /// ## Why is this bad?
    /// Calico rejects other values (`failed to validate Field: IPIPMode because of Tag:
    /// ipIpMode`); v3.30 compares with the exact string `Never` first, so `never` can surface as
    /// the misleading `Cannot enable both VXLAN and IPIP on the same IPPool`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   ipipMode: crosssubnet
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
    ///   ipipMode: CrossSubnet
    /// ```
    ///
    /// ## Fix safety
    /// Safe: only the case (and `-`/`_`) is normalised.
    pub static CAL_IP007 = ("CAL-IP007", "calico-ippool-mode-invalid", Error, Sometimes);
}

pub fn check(cx: &mut Checker, p: &PoolCx) {
    let Some(spec) = p.spec else { return };
    let name = p.name();
    for (key, allowed) in [
        ("ipipMode", MODES),
        ("vxlanMode", MODES),
        ("assignmentMode", ASSIGNMENT),
    ] {
        let Some((v, val)) = str_of(cx.yaml, spec, key) else {
            continue;
        };
        if allowed.contains(&val.as_str()) {
            continue;
        }
        let mut d = diag(
            cx,
            &CAL_IP007,
            p,
            &format!("spec.{key}"),
            span(cx, v),
            format!(
                "IPPool {name}: {key} {val:?} is not one of {} (case-sensitive); Calico rejects it (failed to validate Field: {key})",
                allowed.join(", ")
            ),
        );
        if let Some(n) = normalise(&val, allowed) {
            let r = span(cx, v);
            d.fix = Some(cx.fix(
                format!("Write {n}"),
                Applicability::Safe,
                vec![(r.0, r.1, n.to_string())],
            ));
        }
        cx.push(d);
    }
}
