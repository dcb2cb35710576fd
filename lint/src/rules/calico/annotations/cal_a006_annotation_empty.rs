use crate::fix::diagnostic::Severity;
use crate::model::k8s::Place;
use crate::rules::calico::common::{
    ann_diag, is_list, value_range, Ann, HW_ADDR, IP_FAMILIES, POOL_KEYS,
};
use crate::rules::checker::Checker;
use crate::syntax::yaml::Kind;

crate::declare_rule! {
    /// ## What it does
    /// Reports empty Calico annotations: an empty string (ignored, as if absent), and `[]`
    /// or `null` (on a pool key: no restriction, overriding the Namespace's pools; on
    /// `ipAddrs`/`ipAddrsNoIpam`: a CNI failure).
    ///
    /// ## Why is this bad?
    /// An empty value is usually a template that rendered nothing. For `ipAddrs` Calico
    /// fails with `annotation "cni.projectcalico.org/ipAddrs" specified but empty`; for the
    /// pool keys a Pod's `[]` silently removes the Namespace's pool choice.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '[]'
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
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: whether the value or the annotation is wrong depends on intent.
    pub static CAL_A006 = ("CAL-A006", "calico-annotation-empty", Warning, None);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    if !matches!(
        ann.holder.place,
        Place::Pod | Place::Template | Place::Namespace
    ) {
        return;
    }
    let short = ann.short.as_str();
    if !(is_list(short) || short == HW_ADDR) || short == IP_FAMILIES {
        return;
    }
    let y = cx.yaml;
    let explicit_empty_string = ann.text.as_deref() == Some("")
        || (ann.text.is_none() && matches!(&y.node(ann.value_node).kind, Kind::Scalar { .. }));
    let (sev, msg) = if explicit_empty_string {
        (
            Severity::Info,
            format!(
                "{} is empty; Calico treats an empty value as absent{}",
                ann.key,
                if POOL_KEYS.contains(&short) {
                    " (the Namespace's value, if any, applies)"
                } else {
                    ""
                }
            ),
        )
    } else if ann.empty_list {
        match short {
            "ipAddrs" | "ipAddrsNoIpam" => (
                Severity::Warning,
                format!(
                    "{} is an empty list; Calico fails with: annotation \"{}\" specified but empty",
                    ann.key, ann.key
                ),
            ),
            "ipv4pools" | "ipv6pools" if ann.holder.place != Place::Namespace => (
                Severity::Info,
                format!(
                    "{} is an empty list: the pod may use any enabled pool, overriding the Namespace's pool annotation",
                    ann.key
                ),
            ),
            _ => (
                Severity::Info,
                format!("{} is an empty list and has no effect", ann.key),
            ),
        }
    } else {
        return;
    };
    let mut d = ann_diag(cx, &CAL_A006, ann, value_range(cx, ann), msg);
    d.severity = sev;
    cx.push(d);
}
