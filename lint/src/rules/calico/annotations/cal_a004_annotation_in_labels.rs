use crate::fix::diagnostic::{Applicability, Severity};
use crate::fix::edit;
use crate::model::k8s::key_path;
use crate::rules::calico::common::{is_read, PREFIX};
use crate::rules::checker::Checker;
use crate::syntax::yaml::Kind;

crate::declare_rule! {
    /// ## What it does
    /// Reports a `cni.projectcalico.org/*` key written under `metadata.labels`.
    ///
    /// ## Why is this bad?
    /// Calico reads these settings only from annotations. A JSON value is also not a valid
    /// label value, so the API server rejects the object: `a valid label must be an empty
    /// string or consist of alphanumeric characters, '-', '_' or '.'`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   labels:
    ///     app: web
    ///     cni.projectcalico.org/ipv4pools: '["pool-1"]'
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
    ///   name: web
    ///   labels:
    ///     app: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["pool-1"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the label value is not a valid label value (the API server rejects the
    /// object today, so moving the entry, unchanged, to the annotations of the same metadata
    /// only removes that failure). Unsafe when it is a valid label value: the object is
    /// accepted now and Calico ignores the label, so moving it makes Calico apply it (and
    /// drops a label that selectors may match). Such a label is a warning, not an error.
    pub static CAL_A004 = ("CAL-A004", "calico-annotation-in-labels", Error, Sometimes);
}

pub fn check(cx: &mut Checker) {
    let y = cx.yaml;
    for h in &cx.model.holders {
        let Some(labels) = y.get(h.metadata, "labels") else {
            continue;
        };
        for (k, v) in y.entries(labels) {
            let Some(key) = y.scalar(k) else { continue };
            let Some(short) = key.strip_prefix(PREFIX) else {
                continue;
            };
            if !is_read(short, cx.profile.calico.edition) {
                continue;
            }
            // A valid label value: the object is accepted and the label merely ignored.
            let accepted = y.str_value(v).is_some_and(is_label_value);
            let object = cx.object(h.object);
            let path = key_path("", &format!("{}.labels", h.path), key);
            let n = y.node(k);
            let mut d = cx.object_diagnostic(
                &CAL_A004,
                object,
                path,
                (n.start, n.end),
                if accepted {
                    format!(
                        "{key} is under metadata.labels; Calico reads it only from annotations, so it is silently ignored"
                    )
                } else {
                    format!(
                        "{key} is under metadata.labels; Calico reads it only from annotations, and a JSON value is not a valid label value (`a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'`)"
                    )
                },
            );
            if accepted {
                d.severity = Severity::Warning;
            }
            if let Some(edits) = move_label(cx, h.metadata, labels, k, v) {
                let a = if accepted {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                };
                d.fix = Some(cx.fix("Move to annotations", a, edits));
            }
            cx.push(d);
        }
    }
}

/// Edits moving the label `key` of `labels` into the annotations of `metadata`.
fn move_label(
    cx: &Checker,
    metadata: usize,
    labels: usize,
    key: usize,
    value: usize,
) -> Option<Vec<edit::TextEdit>> {
    let y = cx.yaml;
    let key_str = y.scalar(key)?;
    let value_text = edit::value_text_for_move(y, value);
    let only_one = matches!(&y.node(labels).kind, Kind::Map { entries, .. } if entries.len() == 1);
    let del = if only_one {
        let (lk, _) = y.get_entry(metadata, "labels")?;
        edit::delete_entry(y, metadata, lk)?
    } else {
        edit::delete_entry(y, labels, key)?
    };
    let ins = match y.get(metadata, "annotations") {
        Some(a) if matches!(&y.node(a).kind, Kind::Map { entries, .. } if !entries.is_empty()) => {
            edit::insert_entry(y, a, key_str, &value_text)?
        }
        Some(_) => return None,
        None => edit::insert_block_map(y, metadata, &["annotations"], key_str, &value_text)?,
    };
    // The two edits must not touch.
    if ins.0 >= del.0 && ins.0 <= del.1 {
        let text = y.text();
        let at_line_start = del.0 == 0 || text.as_bytes()[del.0 - 1] == b'\n';
        if !del.2.is_empty() || !at_line_start || !text[..del.1].ends_with('\n') {
            return None;
        }
        let nl = if text[..del.1].ends_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let body = ins.2.strip_prefix(nl)?;
        return Some(vec![(del.0, del.1, format!("{body}{nl}"))]);
    }
    Some(vec![del, ins])
}

/// A valid Kubernetes label value: empty, or at most 63 characters of `[A-Za-z0-9_.-]`
/// beginning and ending with an alphanumeric.
fn is_label_value(s: &str) -> bool {
    s.is_empty()
        || (s.len() <= 63
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            && s.starts_with(|c: char| c.is_ascii_alphanumeric())
            && s.ends_with(|c: char| c.is_ascii_alphanumeric()))
}
