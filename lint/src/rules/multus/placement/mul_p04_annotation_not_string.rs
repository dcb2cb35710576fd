//! MUL-P04: a Multus annotation whose value is not a string.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::fix::edit;
use crate::model::multus::MULTUS_KEYS;
use crate::rules::checker::Checker;

use super::Entry;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the value of a Multus annotation is a YAML string, not a sequence,
    /// mapping, number, boolean or null.
    ///
    /// ## Why is this bad?
    /// Annotations are `map[string]string`. The API server rejects the object
    /// (`cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type
    /// string`); an unquoted JSON value such as `[{"name": "a"}]` is a YAML flow sequence.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: [{"name": "macvlan-conf"}]
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: a sequence of names becomes the comma-delimited form, other sequences and
    /// mappings become their JSON text (a mapping wrapped in an array), numbers and booleans
    /// are quoted. No fix for null.
    pub static MUL_P04 = ("MUL-P04", "multus-annotation-not-string", Error, Sometimes);
}

pub fn check(cx: &Checker, a: &Entry, out: &mut Vec<Diagnostic>) {
    let (y, obj, v, key) = (cx.yaml, a.obj, a.v, a.key);
    if !MULTUS_KEYS.contains(&key) {
        return;
    }
    let Some(vid) = y.resolve(v) else { return };
    let tw = y.type_word(vid);
    // P04: not a string.
    if tw != "string" {
        let range = edit::node_text_range(y, vid);
        let mut d = cx.object_diagnostic(
            &MUL_P04,
            obj,
            a.path(),
            range,
            format!("the value of {key} is a YAML {tw}, but annotation values must be strings; the API server rejects the object"),
        );
        let json = y.to_json(vid);
        let text = match (&json, tw) {
            (serde_json::Value::Array(items), _)
                if !items.is_empty()
                    && items.iter().all(|i| {
                        i.as_str().is_some_and(|s| {
                            let n = crate::model::multus::parse_networks(s, "default");
                            n.format == crate::model::multus::Format::Short
                                && n.error.is_none()
                                && n.elements.len() == 1
                                && !n.elements[0].name_str().is_empty()
                        })
                    }) =>
            {
                Some(
                    items
                        .iter()
                        .filter_map(|i| i.as_str())
                        .collect::<Vec<_>>()
                        .join(","),
                )
            }
            (serde_json::Value::Array(_), _) => serde_json::to_string(&json).ok(),
            (serde_json::Value::Object(_), _) => {
                serde_json::to_string(&json).ok().map(|j| format!("[{j}]"))
            }
            (_, "number" | "boolean") => y.scalar(vid).map(str::to_string),
            _ => None,
        };
        if let Some(t) = text {
            d.fix = Some(cx.fix(
                "Write the value as a string",
                Applicability::Safe,
                vec![(range.0, range.1, edit::quoted(&t))],
            ));
        }
        out.push(d);
    }
}
