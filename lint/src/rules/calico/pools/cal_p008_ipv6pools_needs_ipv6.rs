use crate::fix::diagnostic::Severity;
use crate::model::k8s::Place;
use crate::rules::calico::common::{ann_diag, value_range, Ann, Calico, PREFIX};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Notes that `ipv6pools` only matters when the pod gets an IPv6 address (CNI
    /// `assign_ipv6: "true"`, not visible in manifests, or `ipFamilies` with `IPv6`); warns
    /// when the pod's `ipFamilies` excludes IPv6.
    ///
    /// ## Why is this bad?
    /// calico-ipam defaults to not assigning IPv6; with it off the annotation is silently
    /// ignored and the pod is IPv4-only (projectcalico/calicoctl#1544).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipFamilies: '["IPv4"]'
    ///     cni.projectcalico.org/ipv6pools: '["fd00::/120"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipFamilies: '["IPv4", "IPv6"]'
    ///     cni.projectcalico.org/ipv6pools: '["fd00::/120"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_P008 = ("CAL-P008", "calico-ipv6pools-needs-ipv6", Info, None);
}

pub fn check(cx: &mut Checker, m: &Calico, ann: &Ann) {
    if ann.holder.place == Place::Namespace && ann.list.is_none() {
        return;
    }
    if m.sibling(ann, "ipAddrs").is_some_and(|a| a.is_set())
        || m.sibling(ann, "ipAddrsNoIpam").is_some_and(|a| a.is_set())
    {
        return;
    }
    let fam = m.sibling(ann, "ipFamilies").and_then(|f| f.list.as_ref());
    match fam {
        Some(l) if l.iter().any(|i| i.value == "IPv6") => {}
        Some(_) => {
            let mut d = ann_diag(
                cx,
                &CAL_P008,
                ann,
                value_range(cx, ann),
                format!(
                    "{} is ignored: {PREFIX}ipFamilies does not include IPv6, so no IPv6 address is assigned",
                    ann.key
                ),
            );
            d.severity = Severity::Warning;
            cx.push(d);
        }
        None => {
            let d = ann_diag(
                cx,
                &CAL_P008,
                ann,
                value_range(cx, ann),
                format!(
                    "{} only has an effect when IPv6 is assigned: the CNI config needs assign_ipv6: \"true\" (not visible in manifests), or add {PREFIX}ipFamilies: '[\"IPv4\", \"IPv6\"]'",
                    ann.key
                ),
            );
            cx.push(d);
        }
    }
}
