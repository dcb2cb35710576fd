use crate::model::k8s::Place;
use crate::model::workload::{pods_at_once, PodsAtOnce};
use crate::rules::calico::common::{ann_diag, value_range, Ann};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports `ipAddrs`/`ipAddrsNoIpam` in the pod template of a controller that can run
    /// more than one pod at a time: `replicas` > 1, a DaemonSet, a Job with `parallelism`
    /// > 1, or the target of a HorizontalPodAutoscaler with `maxReplicas` > 1.
    ///
    /// ## Why is this bad?
    /// Every pod requests the same address. The second fails with `error getting IP from
    /// IPAM: resource already exists: <ip> with error: Address already assigned in block`
    /// (with `ipAddrsNoIpam`, two pods share one address).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   replicas: 3
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
    ///   replicas: 3
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///       annotations:
    ///         cni.projectcalico.org/ipv4pools: '["web-pool"]'
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: use a pool per workload with `ipv4pools`.
    pub static CAL_S004 = ("CAL-S004", "calico-ip-addrs-multiple-pods", Error, None);
}

/// A set `ipAddrs`/`ipAddrsNoIpam` of a template whose controller runs several pods at
/// once (a rollout's surge pod is CAL-S005).
pub fn check(cx: &mut Checker, ann: &Ann) {
    if !ann.is_set() || ann.holder.place != Place::Template {
        return;
    }
    let PodsAtOnce::Several(why) = pods_at_once(cx, ann.holder.object) else {
        return;
    };
    let consequence = if ann.short == "ipAddrs" {
        "the second pod fails with: error getting IP from IPAM: resource already exists: <ip> with error: Address already assigned in block"
    } else {
        "several pods get the same address without IPAM, which breaks routing for all of them"
    };
    let d = ann_diag(
        cx,
        &CAL_S004,
        ann,
        value_range(cx, ann),
        format!(
            "{} requests the same address for every pod, but {why}; {consequence} (use a pool per workload with cni.projectcalico.org/ipv4pools)",
            ann.key
        ),
    );
    cx.push(d);
}
