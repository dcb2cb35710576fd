use super::common::{diag, span, PoolCx};
use crate::fix::diagnostic::Applicability;
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPPool written as `crd.projectcalico.org/v1`, Calico's storage CRD.
    ///
    /// ## Why is this bad?
    /// Applying the storage CRD with kubectl bypasses Calico's validation and defaulting
    /// (`projectcalico.org/v3` through calicoctl or the Calico API server). Invalid pools are
    /// stored and fail later, e.g. `the given pool (...) does not exist, or is not enabled`
    /// (projectcalico/calico#4300). podnet checks it with the v3 rules anyway.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: crd.projectcalico.org/v1
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
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
    /// Unsafe: `projectcalico.org/v3` needs calicoctl, the Calico API server or native v3 CRDs
    /// to apply.
    pub static CAL_IP001 = ("CAL-IP001", "calico-ippool-crd-api-version", Warning, Always);
}

pub fn check(cx: &mut Checker, p: &PoolCx) {
    let obj = p.obj;
    if obj.api_version.as_deref() != Some("crd.projectcalico.org/v1") {
        return;
    }
    let Some(v) = cx.yaml.get(obj.node, "apiVersion") else {
        return;
    };
    let r = span(cx, v);
    let mut d = diag(
        cx,
        &CAL_IP001,
        p,
        "apiVersion",
        r,
        format!(
            "IPPool {} uses crd.projectcalico.org/v1, Calico's storage CRD: applying it with kubectl skips Calico's validation and defaulting; write projectcalico.org/v3 and apply it with calicoctl or through the Calico API server",
            obj.name.as_deref().unwrap_or("(unnamed)")
        ),
    );
    d.fix = Some(cx.fix(
        "Use projectcalico.org/v3",
        Applicability::Unsafe,
        vec![(r.0, r.1, "projectcalico.org/v3".to_string())],
    ));
    cx.push(d);
}
