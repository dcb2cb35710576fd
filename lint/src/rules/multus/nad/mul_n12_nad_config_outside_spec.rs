//! MUL-N12: `config` at the top level of a NAD instead of under `spec`.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::fix::edit;
use crate::model::k8s::Object;
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Finds `config` at the top level of a NAD instead of under `spec` (mis-indentation).
    ///
    /// ## Why is this bad?
    /// The field is pruned or rejected as unknown; the NAD has no config and Multus looks for
    /// a node file instead (issue #278).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the entry is indented under a new `spec:` (or moved into the existing `spec`).
    pub static MUL_N12 = ("MUL-N12", "nad-config-outside-spec", Error, Sometimes);
}

/// MUL-N12: `config` at the top level instead of under `spec` (`true`: nothing more to check).
pub fn check(cx: &Checker, o: &Object, out: &mut Vec<Diagnostic>) -> bool {
    let y = cx.yaml;
    if let Some((ck, cv)) = y.get_entry(o.node, "config") {
        let mut d = cx.object_diagnostic(&MUL_N12, o, "config (top level)".into(), (y.node(ck).start, y.node(ck).end), "`config` is at the top level of the NAD, not under spec: it is dropped as an unknown field and the NAD has no config (Multus then looks for a node file)");
        match y.get_entry(o.node, "spec") {
            None => {
                let col = edit::column_at(y, y.node(ck).start);
                let (_, end) = edit::node_text_range(y, cv);
                let mut edits = vec![edit::insert_line_before(y, y.node(ck).start, col, "spec:")];
                edits.extend(edit::indent_lines(
                    y,
                    y.node(ck).start,
                    end.max(y.node(ck).end),
                    2,
                ));
                // The inserted line and the first indentation share a position: merge.
                let first = edits.remove(1);
                edits[0].2.push_str(&first.2);
                d.fix = Some(cx.fix("Move config under spec", Applicability::Safe, edits));
            }
            Some((_, sv))
                if y.is_map(sv) && !y.entries(sv).is_empty() && y.get(sv, "config").is_none() =>
            {
                let vt = edit::value_text_for_move(y, cv);
                if let (Some(a), Some(b)) = (
                    edit::delete_entry(y, o.node, ck),
                    edit::insert_entry(y, sv, "config", &vt),
                ) {
                    if a.1 <= b.0 || b.1 <= a.0 {
                        d.fix =
                            Some(cx.fix("Move config under spec", Applicability::Safe, vec![a, b]));
                    }
                }
            }
            _ => {}
        }
        out.push(d);
        return true;
    }
    false
}
