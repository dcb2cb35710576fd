use super::common::{entries, is_v4, resolved_pool};
use crate::rules::calico::common::{ann_diag, item_range, Ann, Calico};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports a reference to a pool (in the input or inventory) that is `disabled: true`
    /// or whose `allowedUses` lacks `Workload`.
    ///
    /// ## Why is this bad?
    /// Disabled pools are not candidates: `the given pool (192.168.0.0/16) does not exist,
    /// or is not enabled`. Pools without the Workload use: `cannot find a qualified ippool,
    /// no pools match the required use (Workload)`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: old-pool
    /// spec:
    ///   cidr: 192.168.0.0/16
    ///   disabled: true
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["old-pool"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: old-pool
    /// spec:
    ///   cidr: 192.168.0.0/16
    ///   nodeSelector: "!all()"
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["old-pool"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: enabling the pool (or using `nodeSelector: "!all()"` to keep it out of
    /// automatic assignment) is a cluster decision.
    pub static CAL_P006 = ("CAL-P006", "calico-pool-not-usable", Error, None);
}

pub fn check(cx: &mut Checker, m: &Calico, ann: &Ann) {
    let v4 = is_v4(ann);
    for (_, item, kind) in entries(ann) {
        let entry = item.value.as_str();
        let Some(p) = resolved_pool(m, v4, entry, &kind) else {
            continue;
        };
        if !p.disabled && p.allows_workload() {
            continue;
        }
        let cidr = p.cidr_text();
        let why = if p.disabled {
            format!(
                "pool {} is disabled (disabled: true), and disabled pools are not candidates; calico-ipam fails with: the given pool ({cidr}) does not exist, or is not enabled (to keep a pool out of automatic assignment but usable by annotation, use nodeSelector: \"!all()\" instead of disabling it)",
                p.display_name()
            )
        } else {
            format!(
                "pool {} does not allow the Workload use (allowedUses: {:?}); calico-ipam fails with: cannot find a qualified ippool, no pools match the required use (Workload)",
                p.display_name(),
                p.allowed_uses.clone().unwrap_or_default()
            )
        };
        let d = ann_diag(
            cx,
            &CAL_P006,
            ann,
            item_range(cx, ann, item),
            format!("{} references {entry}: {why}", ann.key),
        );
        cx.push(d);
    }
}
