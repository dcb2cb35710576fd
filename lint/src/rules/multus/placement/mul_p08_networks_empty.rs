//! MUL-P08: an empty networks annotation.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::model::k8s::Place;
use crate::model::multus::{MULTUS_KEYS, NETWORKS_KEY};
use crate::rules::checker::Checker;

use super::{entry_range, Entry};

crate::declare_rule! {
    /// ## What it does
    /// Reports `k8s.v1.cni.cncf.io/networks: ""`.
    ///
    /// ## Why is this bad?
    /// Multus treats an empty value like an absent key (`no kubernetes network found`): no
    /// secondary networks. It is harmless but usually a templating leftover. Contrast
    /// MUL-D02: an empty `v1.multus-cni.io/default-network` fails the Pod.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: ""
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
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: Multus treats an empty value as no secondary networks, so deleting the entry
    /// does not change behaviour (an `annotations:` left empty goes with it).
    pub static MUL_P08 = ("MUL-P08", "multus-networks-empty", Info, Always);
}

pub fn check(cx: &Checker, a: &Entry, out: &mut Vec<Diagnostic>) {
    let (y, h, obj, ann, k, v, key) = (cx.yaml, a.h, a.obj, a.ann, a.k, a.v, a.key);
    if !MULTUS_KEYS.contains(&key) {
        return;
    }
    let Some(vid) = y.resolve(v) else { return };
    let tw = y.type_word(vid);
    // P08: empty networks.
    if tw == "string"
        && key == NETWORKS_KEY
        && matches!(h.place, Place::Pod | Place::Template)
        && y.scalar(vid) == Some("")
    {
        let mut d = cx.object_diagnostic(
            &MUL_P08,
            obj,
            a.path(),
            entry_range(cx, k, v),
            format!("{key} is empty: Multus treats it as no secondary networks (no kubernetes network found)"),
        );
        if let Some(e) = crate::rules::multus::common::delete_annotation(y, h.metadata, ann, k) {
            d.fix = Some(cx.fix("Delete the empty annotation", Applicability::Safe, vec![e]));
        }
        out.push(d);
    }
}
