use crate::fix::diagnostic::Applicability;
use crate::fix::edit;
use crate::model::k8s::Place;
use crate::rules::calico::common::{ann_diag, is_read, key_range, Ann};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports a Calico annotation on a controller's own `metadata.annotations`
    /// (Deployment, StatefulSet, DaemonSet, Job, ...) that is not in its pod template.
    ///
    /// ## Why is this bad?
    /// Controllers copy only `spec.template.metadata` to the pods they create. The
    /// annotation never reaches a Pod, so Calico never sees it and nothing reports it.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["pool-1"]'
    /// spec:
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///       annotations:
    ///         cni.projectcalico.org/ipv4pools: '["pool-1"]'
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the annotation moves into `spec.template.metadata.annotations`, which is where
    /// it evidently belongs. No fix when the template already has the key.
    pub static CAL_A005 = ("CAL-A005", "calico-annotation-on-controller", Warning, Sometimes);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    if ann.holder.place != Place::ControllerOwn || !is_read(&ann.short, cx.profile.calico.edition) {
        return;
    }
    let y = cx.yaml;
    let obj = cx.object(ann.holder.object);
    let site = cx
        .model
        .pods
        .iter()
        .find(|p| p.object == ann.holder.object && !p.path.is_empty());
    let in_template = site
        .and_then(|s| s.metadata)
        .and_then(|md| y.get(md, "annotations"))
        .is_some_and(|a| y.get(a, &ann.key).is_some());
    if in_template {
        return;
    }
    let mut d = ann_diag(
        cx,
        &CAL_A005,
        ann,
        key_range(cx, ann),
        format!(
            "{} is on the {}'s own metadata; controllers copy only the pod template's annotations to their pods, so Calico never sees it (move it to {}metadata.annotations)",
            ann.key,
            obj.kind(),
            site.map(|s| s.path.as_str()).unwrap_or("spec.template.")
        ),
    );
    if let Some(s) = site {
        if let Some(edits) =
            edit::move_annotation(y, ann.holder.metadata, ann.map, ann.key_node, s.holder)
        {
            d.fix = Some(cx.fix("Move into the pod template", Applicability::Safe, edits));
        }
    }
    cx.push(d);
}
