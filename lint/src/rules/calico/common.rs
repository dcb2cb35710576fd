//! What the Calico rules share: findings and edits over a decoded annotation
//! ([`crate::model::calico`]), and the profile's Calico version.

use crate::fix::diagnostic::Diagnostic;
use crate::fix::edit;
use crate::model::k8s::{Holder, PodSite};
use crate::rules::checker::Checker;
use crate::rules::Rule;
use crate::syntax::yaml::{Kind, NodeId};

pub use crate::model::calico::*;

/// A finding about an annotation, over `range`.
pub fn ann_diag(
    cx: &Checker,
    rule: &Rule,
    ann: &Ann,
    range: (usize, usize),
    message: impl Into<String>,
) -> Diagnostic {
    let object = cx.object(ann.holder.object);
    cx.object_diagnostic(rule, object, ann.path(), range, message)
}

/// The source range of the whole value.
pub fn value_range(cx: &Checker, ann: &Ann) -> (usize, usize) {
    edit::node_text_range(cx.yaml, ann.value_node)
}

pub fn key_range(cx: &Checker, ann: &Ann) -> (usize, usize) {
    let n = cx.yaml.node(ann.key_node);
    (n.start, n.end)
}

/// The source range of the bytes `from..to` of the annotation value (the whole value when
/// the value cannot be mapped exactly).
pub fn value_sub_range(
    cx: &Checker,
    vid: NodeId,
    value: &str,
    from: usize,
    to: usize,
) -> (usize, usize) {
    let map = cx.value_map(vid);
    if !map.is_exact() || from > value.len() {
        return edit::node_text_range(cx.yaml, vid);
    }
    map.source_range_bytes(value, from, to.max(from + 1).min(value.len()))
}

pub fn item_range(cx: &Checker, ann: &Ann, item: &Item) -> (usize, usize) {
    match &ann.text {
        Some(t) => value_sub_range(cx, ann.value_node, t, item.start, item.end),
        None => value_range(cx, ann),
    }
}

/// Compact JSON of a string list.
pub fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_default()
}

/// Replaces the annotation value with the JSON list `items`.
pub fn replace_list(cx: &Checker, ann: &Ann, items: &[String]) -> edit::TextEdit {
    edit::replace_scalar(cx.yaml, ann.value_node, &json_list(items))
}

/// Deletes the annotation entry (the whole `annotations:` key when it is the only entry).
pub fn delete_ann(cx: &Checker, ann: &Ann) -> Option<edit::TextEdit> {
    let y = cx.yaml;
    let only = matches!(&y.node(ann.map).kind, Kind::Map { entries, .. } if entries.len() == 1);
    if only && !matches!(&y.node(ann.map).kind, Kind::Map { flow: true, .. }) {
        if let Some((k, _)) = y.get_entry(ann.holder.metadata, "annotations") {
            if let Some(e) = edit::delete_entry(y, ann.holder.metadata, k) {
                return Some(e);
            }
        }
    }
    edit::delete_entry(y, ann.map, ann.key_node)
}

/// The pod site (Pod or template) of a pod holder.
pub fn pod_site<'a>(cx: &Checker<'a>, h: &Holder) -> Option<&'a PodSite> {
    cx.model
        .pods
        .iter()
        .find(|p| p.metadata == Some(h.metadata))
}

/// `major.minor` of the profile's Calico version.
pub fn version(cx: &Checker) -> (u32, u32) {
    let v = cx.profile.calico.version.trim().trim_start_matches('v');
    let mut parts = v.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(3), parts.next().unwrap_or(32))
}

pub fn version_at_least(cx: &Checker, major: u32, minor: u32) -> bool {
    version(cx) >= (major, minor)
}
