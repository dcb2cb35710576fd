use super::common::{diag, mode_enabled, span, PoolCx};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPPool with both `ipipMode` and `vxlanMode` enabled.
    ///
    /// ## Why is this bad?
    /// Calico rejects it: `Cannot enable both VXLAN and IPIP on the same IPPool` (CEL:
    /// `ipipMode and vxlanMode cannot both be enabled`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   ipipMode: Always
    ///   vxlanMode: CrossSubnet
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
    ///   ipipMode: Never
    ///   vxlanMode: CrossSubnet
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which encapsulation is meant is a network decision.
    pub static CAL_IP008 = ("CAL-IP008", "calico-ippool-ipip-and-vxlan", Error, None);
}

pub fn check(cx: &mut Checker, p: &PoolCx) {
    let y = cx.yaml;
    let Some(spec) = p.spec else { return };
    if !(mode_enabled(y, spec, "ipipMode") && mode_enabled(y, spec, "vxlanMode")) {
        return;
    }
    let name = p.name();
    let r = y
        .get(spec, "vxlanMode")
        .map(|v| span(cx, v))
        .unwrap_or((0, 0));
    let d = diag(
        cx,
        &CAL_IP008,
        p,
        "spec.vxlanMode",
        r,
        format!("IPPool {name} enables both IPIP and VXLAN; Calico rejects it: Cannot enable both VXLAN and IPIP on the same IPPool"),
    );
    cx.push(d);
}
