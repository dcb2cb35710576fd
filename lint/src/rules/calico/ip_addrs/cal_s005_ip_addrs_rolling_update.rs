use crate::fix::diagnostic::Applicability;
use crate::fix::edit;
use crate::model::k8s::Place;
use crate::model::workload::{pods_at_once, PodsAtOnce};
use crate::rules::calico::common::{ann_diag, value_range, Ann};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports `ipAddrs`/`ipAddrsNoIpam` on a single-replica Deployment that rolls out with
    /// `RollingUpdate` (the default) and a surge.
    ///
    /// ## Why is this bad?
    /// During a rollout the new pod starts while the old one still holds the address and
    /// fails with `Address already assigned in block` until the old pod is gone; the
    /// rollout stalls.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   replicas: 1
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///       annotations:
    ///         cni.projectcalico.org/ipAddrs: '["10.0.0.5"]'
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
    ///   replicas: 1
    ///   strategy: {type: Recreate}
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///       annotations:
    ///         cni.projectcalico.org/ipAddrs: '["10.0.0.5"]'
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: `strategy: {type: Recreate}` changes how rollouts behave (a short outage
    /// instead of a stalled rollout).
    pub static CAL_S005 = ("CAL-S005", "calico-ip-addrs-rolling-update", Warning, Always);
}

/// A set `ipAddrs`/`ipAddrsNoIpam` of a template whose controller runs several pods only
/// during a rollout: a single-replica Deployment rolling out with a surge pod.
pub fn check(cx: &mut Checker, ann: &Ann) {
    if !ann.is_set() || ann.holder.place != Place::Template {
        return;
    }
    if !matches!(
        pods_at_once(cx, ann.holder.object),
        PodsAtOnce::DuringRollout(_)
    ) {
        return;
    }
    let y = cx.yaml;
    let obj = cx.object(ann.holder.object);
    let Some(spec) = y.get(obj.node, "spec").filter(|&s| y.is_map(s)) else {
        return;
    };
    let strategy = y.get(spec, "strategy");
    let mut d = ann_diag(
        cx,
        &CAL_S005,
        ann,
        value_range(cx, ann),
        format!(
            "{} on a Deployment that rolls out with RollingUpdate: the surge pod requests the address the old pod still holds and fails with `Address already assigned in block` until the old pod is deleted; use strategy type Recreate",
            ann.key
        ),
    );
    let edit = match strategy {
        Some(s) => {
            let (a, b) = edit::node_text_range(y, s);
            Some((a, b, "{type: Recreate}".to_string()))
        }
        None => edit::insert_entry(y, spec, "strategy", "{type: Recreate}"),
    };
    if let Some(e) = edit {
        d.fix = Some(cx.fix("Use strategy type Recreate", Applicability::Unsafe, vec![e]));
    }
    cx.push(d);
}
