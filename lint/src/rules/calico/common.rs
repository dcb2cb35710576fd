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

/// An address element read leniently, for the checks past an element Calico rejects: the
/// bare IP, or the address part of a CIDR (`10.30.0.10/32` → `10.30.0.10`), trimmed.
pub fn lenient_ip(v: &str) -> Option<std::net::IpAddr> {
    let t = v.trim();
    crate::syntax::gonet::parse_ip(t)
        .or_else(|| crate::syntax::gonet::parse_cidr(t).ok().map(|c| c.0))
}

/// The annotation's list has an element that is not a bare IP (Calico stops there, CAL-S001).
pub fn has_bad_address(ann: &Ann) -> bool {
    ann.list.as_ref().is_some_and(|l| {
        l.iter()
            .any(|i| crate::syntax::gonet::parse_ip(&i.value).is_none())
    })
}

/// Compact JSON of a string list.
pub fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_default()
}

/// Replaces the annotation value with the JSON list `items`.
pub fn replace_list(cx: &Checker, ann: &Ann, items: &[String]) -> edit::TextEdit {
    edit::replace_scalar(cx.yaml, ann.value_node, &json_list(items))
}

/// Replaces the elements `(index, new string)` of a decoded list annotation, editing only
/// those elements' characters in the source (the value's layout, quoting and line breaks
/// stay as written). Falls back to rewriting the whole list when the value cannot be
/// edited in place.
pub fn replace_items(cx: &Checker, ann: &Ann, changes: &[(usize, String)]) -> Vec<edit::TextEdit> {
    let (Some(text), Some(list)) = (&ann.text, &ann.list) else {
        let mut items = ann.strings();
        for (i, new) in changes {
            if let Some(slot) = items.get_mut(*i) {
                slot.clone_from(new);
            }
        }
        return vec![replace_list(cx, ann, &items)];
    };
    let mut edits = Vec::new();
    for (i, new) in changes {
        let Some(item) = list.get(*i) else { continue };
        let json = serde_json::to_string(new).unwrap_or_default();
        // The item span holds the JSON quotes when the string has escapes.
        let token = if text[item.start..item.end].starts_with('"') {
            json
        } else {
            json[1..json.len() - 1].to_string()
        };
        edits.push(((item.start, item.end), token));
    }
    let map = cx.value_map(ann.value_node);
    edit::value_edits(cx.yaml, &map, ann.value_node, text, &edits)
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
        .pod_of(h.metadata)
        .and_then(|i| cx.model.pods.get(i))
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
