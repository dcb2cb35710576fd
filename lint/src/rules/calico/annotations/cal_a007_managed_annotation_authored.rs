use crate::fix::diagnostic::Applicability;
use crate::model::k8s::Place;
use crate::rules::calico::common::{ann_diag, delete_ann, is_managed, key_range, Ann};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports authored `cni.projectcalico.org/podIP`, `podIPs` and `containerID`
    /// annotations: Calico writes them itself.
    ///
    /// ## Why is this bad?
    /// They usually come from `kubectl get pod -o yaml` output applied again. Calico's
    /// `getPodIPs` falls back to them while the pod has no status IP, so Calico components
    /// associate the new pod with a stale address that may belong to another pod (a
    /// malformed value fails with `Failed to parse pod IP`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/podIP: 10.244.57.7/32
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
    /// Safe: the annotation is removed; Calico writes the current value at pod creation.
    pub static CAL_A007 = ("CAL-A007", "calico-managed-annotation-authored", Warning, Always);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    if !is_managed(&ann.short)
        || !matches!(
            ann.holder.place,
            Place::Pod | Place::Template | Place::ControllerOwn
        )
    {
        return;
    }
    let mut d = ann_diag(
        cx,
        &CAL_A007,
        ann,
        key_range(cx, ann),
        format!(
            "{} is written by Calico and must not be authored (it looks copied from `kubectl get pod -o yaml`); Calico's getPodIPs falls back to podIP/podIPs before the pod has a status IP, so the new pod is associated with a stale address",
            ann.key
        ),
    );
    if let Some(e) = delete_ann(cx, ann) {
        d.fix = Some(cx.fix(format!("Remove {}", ann.key), Applicability::Safe, vec![e]));
    }
    cx.push(d);
}
