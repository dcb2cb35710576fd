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
    /// Safe: the API server refuses the object, and the string written is what the author
    /// listed: a sequence of names becomes the comma-delimited form, other sequences and
    /// mappings become their JSON text (a mapping wrapped in an array), numbers and booleans
    /// are quoted. No fix for null. The elements of the written string are checked in the
    /// same pass (their findings are marked "found after recovery from an earlier error"),
    /// so nothing appears only after fixing.
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
        let text = crate::rules::multus::common::string_form(y, vid);
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
