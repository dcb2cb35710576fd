//! MUL-P07: metadata fields at the top level of an object.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::fix::edit;
use crate::rules::checker::Checker;
use crate::syntax::yaml::Kind;

use super::map_len;

crate::declare_rule! {
    /// ## What it does
    /// Finds `name`, `namespace`, `generateName`, `labels` or `annotations` at the top level
    /// of an object, where they were meant to be under `metadata` (mis-indentation, often
    /// with `metadata:` left empty). Only documents that are, or clearly try to be, Kubernetes
    /// objects are read: a `kind` podnet knows, or any kind with an `apiVersion`. Helm values,
    /// `Chart.yaml`, CI workflows, Kustomizations and CNI config fragments have such keys at
    /// the top level by design.
    ///
    /// ## Why is this bad?
    /// They are unknown top-level fields: strict field validation rejects the object,
    /// otherwise they are dropped, so the Pod has no name (`name or generateName is
    /// required`) and the Multus annotations never reach Multus. The Multus docs'
    /// default-network snippet has exactly this defect.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    /// name: pod-example
    /// annotations:
    ///  v1.multus-cni.io/default-network: calico-conf
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
    ///   name: pod-example
    ///   annotations:
    ///     v1.multus-cni.io/default-network: kube-system/calico-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: with an empty `metadata:` directly above, the keys' lines are indented under
    /// it; with a `metadata` mapping elsewhere, each entry is moved into it. No fix when
    /// there is no `metadata` key or it already has the key.
    pub static MUL_P07 = ("MUL-P07", "metadata-field-outside-metadata", Error, Sometimes);
}

/// MUL-P07: metadata fields written at the top level of an object.
pub fn check(cx: &Checker, out: &mut Vec<Diagnostic>) {
    let y = cx.yaml;
    // Only objects (or documents that clearly try to be one): Helm values, Chart.yaml,
    // workflows, Kustomizations and CNI config fragments have these keys at the top level.
    for o in cx.model.objects.iter().filter(|o| o.is_object()) {
        let root = o.node;
        let Kind::Map { entries, .. } = &y.node(root).kind else {
            continue;
        };
        let md_entry = y.get_entry(root, "metadata");
        let misplaced = ["name", "namespace", "generateName", "labels", "annotations"];
        for (pos, &(k, v)) in entries.iter().enumerate() {
            let Some(key) = y.scalar(k) else { continue };
            if !misplaced.contains(&key) {
                continue;
            }
            let mut d = cx.object_diagnostic(
                &MUL_P07,
                o,
                format!("{key} (top level)"),
                (y.node(k).start, y.node(k).end),
                format!("`{key}` is at the top level of the {}, not under metadata: it is an unknown field (rejected under strict field validation, otherwise dropped){}", o.kind(), if key == "annotations" { ", so its annotations never reach Multus" } else { "" }),
            );
            if let Some((mk, mv)) = md_entry {
                let mpos = entries.iter().position(|&(kk, _)| kk == mk).unwrap_or(0);
                let between_ok = mpos < pos
                    && entries[mpos + 1..pos]
                        .iter()
                        .all(|&(kk, _)| y.scalar(kk).is_some_and(|s| misplaced.contains(&s)));
                let md_null = y.is_null(mv) && !matches!(y.node(mv).kind, Kind::Map { .. });
                let col_md = edit::column_at(y, y.node(mk).start);
                let col_k = edit::column_at(y, y.node(k).start);
                if md_null && between_ok && col_k <= col_md {
                    let (_, end) = edit::node_text_range(y, v);
                    let edits = edit::indent_lines(
                        y,
                        y.node(k).start,
                        end.max(y.node(k).end),
                        col_md + 2 - col_k,
                    );
                    d.fix = Some(cx.fix("Indent under metadata", Applicability::Safe, edits));
                } else if y.is_map(mv) && map_len(cx, mv) > 0 && y.get(mv, key).is_none() {
                    let vt = edit::value_text_for_move(y, v);
                    if let (Some(a), Some(b)) = (
                        edit::delete_entry(y, root, k),
                        edit::insert_entry(y, mv, key, &vt),
                    ) {
                        if a.1 <= b.0 || b.1 <= a.0 {
                            d.fix = Some(cx.fix(
                                "Move under metadata",
                                Applicability::Safe,
                                vec![a, b],
                            ));
                        }
                    }
                }
            }
            out.push(d);
        }
    }
}
