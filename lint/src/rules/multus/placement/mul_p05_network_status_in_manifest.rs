//! MUL-P05: the output-only network-status annotations in a manifest.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::model::k8s::Place;
use crate::model::multus::{NETWORKS_STATUS_KEY, NETWORK_STATUS_KEY};
use crate::rules::checker::Checker;

use super::{entry_range, Entry};

crate::declare_rule! {
    /// ## What it does
    /// Reports the output-only `k8s.v1.cni.cncf.io/network-status` (or the old plural
    /// `networks-status`) in an authored manifest.
    ///
    /// ## Why is this bad?
    /// Multus writes this annotation after every sandbox creation and overwrites whatever is
    /// there; in a manifest it is usually pasted from `kubectl get -o yaml` and misleads
    /// readers about the Pod's interfaces.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    ///     k8s.v1.cni.cncf.io/network-status: '[{"name": "default/macvlan-conf", "interface": "net1"}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the annotation is deleted (Multus rewrites it anyway).
    pub static MUL_P05 = ("MUL-P05", "multus-network-status-in-manifest", Info, Always);
}

pub fn check(cx: &Checker, a: &Entry, out: &mut Vec<Diagnostic>) {
    let (y, h, obj, ann, k, v, key) = (cx.yaml, a.h, a.obj, a.ann, a.k, a.v, a.key);
    // P05: output-only status.
    if (key == NETWORK_STATUS_KEY || key == NETWORKS_STATUS_KEY)
        && matches!(h.place, Place::Pod | Place::Template)
    {
        let mut d = cx.object_diagnostic(
            &MUL_P05,
            obj,
            a.path(),
            entry_range(cx, k, v),
            format!("{key} is written by Multus after every sandbox creation (and overwritten); in a manifest it only misleads"),
        );
        if let Some(e) = crate::rules::multus::common::delete_annotation(y, h.metadata, ann, k) {
            d.fix = Some(cx.fix("Delete the status annotation", Applicability::Safe, vec![e]));
        }
        out.push(d);
    }
}
