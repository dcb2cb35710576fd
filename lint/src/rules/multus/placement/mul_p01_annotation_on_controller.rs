//! MUL-P01: Multus annotations on a controller's own metadata.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::fix::edit;
use crate::model::k8s::{key_path, Place};
use crate::model::multus::MULTUS_KEYS;
use crate::rules::checker::Checker;
use crate::syntax::yaml::NodeId;

use super::entry_range;

crate::declare_rule! {
    /// ## What it does
    /// Finds `k8s.v1.cni.cncf.io/networks` or `v1.multus-cni.io/default-network` on the own
    /// metadata of a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
    /// Job or CronJob (including `spec.jobTemplate.metadata`).
    ///
    /// ## Why is this bad?
    /// Multus reads annotations from the Pod only (`GetPodNetwork` uses `pod.Annotations`).
    /// Controller annotations are never copied to its Pods, so the Pods start with `eth0`
    /// only and no error is ever reported (multus-cni issues #308, #444, #566).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: edge-gw
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   selector:
    ///     matchLabels:
    ///       app: edge-gw
    ///   template:
    ///     metadata:
    ///       labels:
    ///         app: edge-gw
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
    ///   name: edge-gw
    /// spec:
    ///   selector:
    ///     matchLabels:
    ///       app: edge-gw
    ///   template:
    ///     metadata:
    ///       labels:
    ///         app: edge-gw
    ///       annotations:
    ///         k8s.v1.cni.cncf.io/networks: macvlan-conf
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the annotation is moved into `spec.template.metadata.annotations` (created when
    /// missing); an emptied `annotations:` is removed. No fix when the template already has
    /// the key.
    pub static MUL_P01 = ("MUL-P01", "multus-annotation-on-controller", Error, Sometimes);
}

/// MUL-P01: Multus annotations on a controller's own metadata (and a CronJob's
/// `jobTemplate` metadata), where Multus never reads them.
pub fn check(cx: &Checker, out: &mut Vec<Diagnostic>) {
    let y = cx.yaml;
    // Own metadata of controllers (plus a CronJob's jobTemplate metadata).
    let mut own: Vec<(usize, NodeId, String)> = cx
        .model
        .holders
        .iter()
        .filter(|h| h.place == Place::ControllerOwn)
        .map(|h| (h.object, h.metadata, h.path.clone()))
        .collect();
    for (i, o) in cx.model.objects.iter().enumerate() {
        if o.kind() == "CronJob" {
            if let Some(md) = y
                .get(o.node, "spec")
                .and_then(|s| y.get(s, "jobTemplate"))
                .and_then(|j| y.get(j, "metadata"))
                .filter(|&m| y.is_map(m))
            {
                own.push((i, md, "spec.jobTemplate.metadata".into()));
            }
        }
    }
    for (oi, md, path) in &own {
        let Some(ann) = y.get(*md, "annotations").filter(|&a| y.is_map(a)) else {
            continue;
        };
        for (k, v) in y.entries(ann) {
            let Some(key) = y.scalar(k) else { continue };
            if !MULTUS_KEYS.contains(&key) {
                continue;
            }
            let obj = cx.object(*oi);
            let p = key_path("", &format!("{path}.annotations"), key);
            let mut d = cx.object_diagnostic(
                &MUL_P01,
                obj,
                p,
                entry_range(cx, k, v),
                format!("{key} on the {} itself is ignored: Multus reads annotations from the Pod only (GetPodNetwork uses pod.Annotations), so its Pods get no secondary networks and no error is reported; move it to the pod template's metadata.annotations", obj.kind()),
            );
            let template = cx
                .model
                .pods
                .iter()
                .find(|p| p.object == *oi)
                .map(|p| p.holder);
            if let Some(t) = template {
                let exists = y
                    .get(t, "metadata")
                    .and_then(|m| y.get(m, "annotations"))
                    .and_then(|a| y.get(a, key))
                    .is_some();
                if !exists {
                    if let Some(edits) = edit::move_annotation(y, *md, ann, k, t) {
                        d.fix = Some(cx.fix(
                            "Move the annotation to the pod template",
                            Applicability::Safe,
                            edits,
                        ));
                    }
                }
            }
            out.push(d);
        }
    }
}
