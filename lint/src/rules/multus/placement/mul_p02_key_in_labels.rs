//! MUL-P02: Multus annotation keys written as labels.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::fix::edit;
use crate::model::k8s::{key_path, Holder, Object};
use crate::model::multus::MULTUS_KEYS;
use crate::rules::checker::Checker;

use super::{entry_range, map_len};

crate::declare_rule! {
    /// ## What it does
    /// Finds a Multus key (`k8s.v1.cni.cncf.io/networks`, `v1.multus-cni.io/default-network`)
    /// under `metadata.labels`.
    ///
    /// ## Why is this bad?
    /// Multus reads annotations only. A simple value such as `macvlan-conf` is a legal label
    /// value, so the API server accepts the Pod and no secondary interface is ever added;
    /// a JSON value is rejected by label validation instead.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   labels:
    ///     app: samplepod
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
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
    ///   labels:
    ///     app: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the entry moves to `metadata.annotations` (created when missing). No fix when
    /// the annotation already exists.
    pub static MUL_P02 = ("MUL-P02", "multus-key-in-labels", Error, Sometimes);
}

/// MUL-P02: Multus annotations written as labels.
pub fn check(cx: &Checker, h: &Holder, obj: &Object, out: &mut Vec<Diagnostic>) {
    let y = cx.yaml;
    let ann = y.get(h.metadata, "annotations").filter(|&a| y.is_map(a));
    if let Some((lk, labels)) = y.get_entry(h.metadata, "labels") {
        if y.is_map(labels) {
            let entries = y.entries(labels);
            for (pos, &(k, v)) in entries.iter().enumerate() {
                let Some(key) = y.scalar(k) else { continue };
                if !MULTUS_KEYS.contains(&key) {
                    continue;
                }
                let p = key_path("", &format!("{}.labels", h.path), key);
                let mut d = cx.object_diagnostic(
                    &MUL_P02,
                    obj,
                    p,
                    entry_range(cx, k, v),
                    format!("{key} is a label; Multus reads only annotations, so this Pod gets no secondary networks (silently)"),
                );
                let exists = ann.and_then(|a| y.get(a, key)).is_some();
                let has_ann_key = y.get_entry(h.metadata, "annotations").is_some();
                let edits: Option<Vec<edit::TextEdit>> = if exists {
                    None
                } else if entries.len() == 1 && !has_ann_key {
                    Some(vec![edit::rename_key(y, lk, "annotations")])
                } else if pos + 1 == entries.len()
                    && !has_ann_key
                    && !y.node(labels).start.eq(&y.node(k).start)
                {
                    let col = edit::column_at(y, y.node(lk).start);
                    Some(vec![edit::insert_line_before(
                        y,
                        y.node(k).start,
                        col,
                        "annotations:",
                    )])
                } else if let Some(a) = ann.filter(|&a| map_len(cx, a) > 0) {
                    let vt = edit::value_text_for_move(y, v);
                    match (
                        edit::delete_entry(y, labels, k),
                        edit::insert_entry(y, a, key, &vt),
                    ) {
                        (Some(x), Some(z)) => Some(vec![x, z]),
                        _ => None,
                    }
                } else if !has_ann_key {
                    let vt = edit::value_text_for_move(y, v);
                    match (
                        edit::delete_entry(y, labels, k),
                        edit::insert_block_map(y, h.metadata, &["annotations"], key, &vt),
                    ) {
                        (Some(x), Some(z)) if x.1 <= z.0 || z.1 <= x.0 => Some(vec![x, z]),
                        _ => None,
                    }
                } else {
                    None
                };
                if let Some(e) = edits {
                    d.fix = Some(cx.fix(
                        "Move the key to metadata.annotations",
                        Applicability::Safe,
                        e,
                    ));
                }
                out.push(d);
            }
        }
    }
}
