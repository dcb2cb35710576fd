//! MUL-J21: static addresses in a pod template that runs several pods.

use crate::model::multus::Element;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Finds `ips` or `mac` in the pod template of a Deployment, ReplicaSet,
    /// ReplicationController, StatefulSet or DaemonSet (or a Job/CronJob with parallelism
    /// above 1).
    ///
    /// ## Why is this bad?
    /// Every replica (and every surge Pod of a rolling update) requests the same address and
    /// MAC: duplicate addresses on the segment (issues #589, #346, #537, #845). Static IPAM
    /// is for one Pod; use a cluster-wide IPAM such as whereabouts.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: StatefulSet
    /// metadata:
    ///   name: my-app
    /// spec:
    ///   replicas: 3
    ///   serviceName: my-app
    ///   selector:
    ///     matchLabels:
    ///       app: my-app
    ///   template:
    ///     metadata:
    ///       labels:
    ///         app: my-app
    ///       annotations:
    ///         k8s.v1.cni.cncf.io/networks: '[{"name": "conf-static", "ips": ["10.1.1.10/24"]}]'
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: StatefulSet
    /// metadata:
    ///   name: my-app
    /// spec:
    ///   replicas: 3
    ///   serviceName: my-app
    ///   selector:
    ///     matchLabels:
    ///       app: my-app
    ///   template:
    ///     metadata:
    ///       labels:
    ///         app: my-app
    ///       annotations:
    ///         k8s.v1.cni.cncf.io/networks: whereabouts-conf
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: per-replica addressing needs another IPAM.
    pub static MUL_J21 = ("MUL-J21", "multus-static-address-in-template", Warning, None);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    if !site.is_default && replicated(cx, site) {
        let target = e
            .ips
            .as_ref()
            .map(|p| (p.span, "ips"))
            .or(e.mac.as_ref().map(|p| (p.span, "mac")));
        if let Some((sp, which)) = target {
            let o = cx.object(site.object);
            out.push(site_diag(cx, &MUL_J21, site, sp, format!("{label}: static {which} in the pod template of {} {}: every replica requests the same {}; use a cluster-wide IPAM (e.g. whereabouts) instead", o.kind(), o.name.as_deref().unwrap_or(""), if e.ips.is_some() && e.mac.is_some() { "addresses and MAC" } else if which == "ips" { "addresses" } else { "MAC" })));
        }
    }
}

/// Whether the pod template of `site` runs as several pods at once (see
/// [`crate::model::workload::pods_at_once`]).
fn replicated(cx: &Checker, site: &Site) -> bool {
    site.holder.place == crate::model::k8s::Place::Template
        && !crate::model::workload::pods_at_once(cx, site.object).is_one()
}
