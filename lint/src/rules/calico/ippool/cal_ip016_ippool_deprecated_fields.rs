use super::common::{diag, span, PoolCx};
use crate::fix::diagnostic::Applicability;
use crate::fix::edit;
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports the deprecated v1 fields `spec.ipip` and `spec.nat-outgoing`.
    ///
    /// ## Why is this bad?
    /// Calico rejects them in v3 (`mustBeNil` / `mustBeFalse`); use `ipipMode` and
    /// `natOutgoing`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   nat-outgoing: true
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
    ///   natOutgoing: true
    /// ```
    ///
    /// ## Fix safety
    /// Safe: `nat-outgoing` becomes `natOutgoing`; `ipip: {enabled, mode}` becomes `ipipMode`
    /// (`Always`, `CrossSubnet` for `cross-subnet`, `Never` when disabled). No fix when the new
    /// field is already set.
    pub static CAL_IP016 = ("CAL-IP016", "calico-ippool-deprecated-fields", Error, Sometimes);
}

pub fn check(cx: &mut Checker, p: &PoolCx) {
    let Some(spec) = p.spec else { return };
    let y = cx.yaml;
    let name = p.obj.name.as_deref().unwrap_or("(unnamed)");
    if let Some((k, v)) = y.get_entry(spec, "nat-outgoing") {
        let mut d = diag(cx, &CAL_IP016, p, "spec.nat-outgoing", span(cx, k), format!("IPPool {name}: nat-outgoing is the deprecated v1 field; Calico v3 rejects it (must be unset): use natOutgoing"));
        if y.get(spec, "natOutgoing").is_none() {
            d.fix = Some(cx.fix(
                "Use natOutgoing",
                Applicability::Safe,
                vec![edit::rename_key(y, k, "natOutgoing")],
            ));
        }
        let _ = v;
        cx.push(d);
    }
    if let Some((k, v)) = y.get_entry(spec, "ipip") {
        let mut d = diag(cx, &CAL_IP016, p, "spec.ipip", span(cx, k), format!("IPPool {name}: ipip is the deprecated v1 field; Calico v3 rejects it (must be unset): use ipipMode (Always, CrossSubnet or Never)"));
        if y.get(spec, "ipipMode").is_none() && y.is_map(v) {
            let enabled = y
                .get(v, "enabled")
                .and_then(|e| y.scalar(e))
                .unwrap_or("true")
                == "true";
            let mode = y
                .get(v, "mode")
                .and_then(|m| y.scalar(m))
                .unwrap_or("always");
            let new = if !enabled {
                "Never"
            } else if mode.eq_ignore_ascii_case("cross-subnet")
                || mode.eq_ignore_ascii_case("crosssubnet")
            {
                "CrossSubnet"
            } else {
                "Always"
            };
            let r = span(cx, v);
            d.fix = Some(cx.fix(
                format!("Use ipipMode: {new}"),
                Applicability::Safe,
                vec![
                    edit::rename_key(y, k, "ipipMode"),
                    (r.0, r.1, new.to_string()),
                ],
            ));
        }
        cx.push(d);
    }
}
