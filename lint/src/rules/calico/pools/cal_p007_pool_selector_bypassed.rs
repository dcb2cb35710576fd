use super::common::{entries, is_v4, resolved_pool};
use crate::rules::calico::common::{ann_diag, item_range, Ann, Calico};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Notes that a referenced pool has a `nodeSelector` or `namespaceSelector` other than
    /// `all()`: pools requested by annotation are used unconditionally.
    ///
    /// ## Why is this bad?
    /// `determinePools` ignores the selectors of requested pools ("the annotations take
    /// precedence over the IP pools selector", projectcalico/calico#4656), so pods on any
    /// node or namespace get addresses from it. Intended when the selector is `!all()`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: rack-1
    /// spec:
    ///   cidr: 10.1.0.0/16
    ///   nodeSelector: rack == "1"
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["rack-1"]'
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
    ///   name: rack-1
    /// spec:
    ///   cidr: 10.1.0.0/16
    ///   nodeSelector: rack == "1"
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   nodeSelector:
    ///     rack: "1"
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_P007 = ("CAL-P007", "calico-pool-selector-bypassed", Info, None);
}

/// A usable pool (not disabled, allowing the Workload use; CAL-P006 reports the others).
pub fn check(cx: &mut Checker, m: &Calico, ann: &Ann) {
    let v4 = is_v4(ann);
    for (_, item, kind) in entries(ann) {
        let Some(p) = resolved_pool(m, v4, &item.value, &kind) else {
            continue;
        };
        if p.disabled || !p.allows_workload() {
            continue;
        }
        let sel = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty() && *s != "all()")
                .map(str::to_string)
        };
        let ns = sel(&p.node_selector);
        let nss = sel(&p.namespace_selector);
        if ns.is_none() && nss.is_none() {
            continue;
        }
        let what = [
            ns.map(|s| format!("nodeSelector {s:?}")),
            nss.map(|s| format!("namespaceSelector {s:?}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" and ");
        let d = ann_diag(
            cx,
            &CAL_P007,
            ann,
            item_range(cx, ann, item),
            format!(
                "{} references pool {} whose {what} is bypassed: pools requested by annotation are used unconditionally, on any node and in any namespace",
                ann.key,
                p.display_name()
            ),
        );
        cx.push(d);
    }
}
