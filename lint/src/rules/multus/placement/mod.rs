//! Placement and keys: MUL-P01..P08.

pub mod mul_p01_annotation_on_controller;
pub mod mul_p02_key_in_labels;
pub mod mul_p03_annotation_key_typo;
pub mod mul_p04_annotation_not_string;
pub mod mul_p05_network_status_in_manifest;
pub mod mul_p07_metadata_field_outside_metadata;
pub mod mul_p08_networks_empty;

use crate::fix::edit;
use crate::model::k8s::{key_path, Holder, Object, Place};
use crate::rules::checker::Checker;
use crate::syntax::yaml::{Kind, NodeId};

/// One annotation of a metadata map (a Pod's, a template's or a controller's).
pub struct Entry<'a> {
    pub h: &'a Holder,
    pub obj: &'a Object,
    /// The annotations map.
    pub ann: NodeId,
    pub k: NodeId,
    pub v: NodeId,
    pub key: &'a str,
}

impl Entry<'_> {
    /// `metadata.annotations["key"]` (with the holder's path).
    pub fn path(&self) -> String {
        key_path("", &format!("{}.annotations", self.h.path), self.key)
    }
}

pub fn check(cx: &mut Checker) {
    let y = cx.yaml;
    let mut out = Vec::new();
    mul_p01_annotation_on_controller::check(cx, &mut out);
    for h in &cx.model.holders {
        if matches!(h.place, Place::Other | Place::Namespace) {
            continue;
        }
        let obj = cx.object(h.object);
        mul_p02_key_in_labels::check(cx, h, obj, &mut out);
        let Some(ann) = y.get(h.metadata, "annotations").filter(|&a| y.is_map(a)) else {
            continue;
        };
        for (k, v) in y.entries(ann) {
            let Some(key) = y.scalar(k) else { continue };
            let a = Entry {
                h,
                obj,
                ann,
                k,
                v,
                key,
            };
            mul_p03_annotation_key_typo::check(cx, &a, &mut out);
            mul_p05_network_status_in_manifest::check(cx, &a, &mut out);
            mul_p04_annotation_not_string::check(cx, &a, &mut out);
            mul_p08_networks_empty::check(cx, &a, &mut out);
        }
    }
    mul_p07_metadata_field_outside_metadata::check(cx, &mut out);
    for d in out {
        cx.push(d);
    }
}

pub fn entry_range(cx: &Checker, key: NodeId, value: NodeId) -> (usize, usize) {
    let (_, e) = edit::node_text_range(cx.yaml, value);
    let s = cx.yaml.node(key).start;
    (s, e.max(cx.yaml.node(key).end))
}

pub fn map_len(cx: &Checker, id: NodeId) -> usize {
    match &cx.yaml.node(id).kind {
        Kind::Map { entries, .. } => entries.len(),
        _ => 0,
    }
}
