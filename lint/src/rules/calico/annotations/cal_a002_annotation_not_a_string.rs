use crate::fix::diagnostic::Applicability;
use crate::fix::edit;
use crate::rules::calico::annotations::cal_a001_pools_not_json_array::valid_for_key;
use crate::rules::calico::common::{ann_diag, is_list, value_range, Ann};
use crate::rules::checker::Checker;
use crate::syntax::yaml::{Kind, Style};

crate::declare_rule! {
    /// ## What it does
    /// Reports a `cni.projectcalico.org/*` annotation whose YAML value is a sequence, a
    /// mapping, a boolean or a number instead of a string.
    ///
    /// ## Why is this bad?
    /// Annotations are `map[string]string`. The API server rejects the object:
    /// `json: cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of
    /// type string` (kubectl's client-side validation: `invalid type for
    /// io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.annotations: got "array", expected
    /// "string"`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: ["default-ipv4-ippool"]
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
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["default-ipv4-ippool"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the quoted value is what Calico then reads without error: the value is
    /// serialised to compact JSON (a sequence becomes the JSON array Calico expects) and
    /// written as a single-quoted string, and on a list key every element is valid for the
    /// key (as for CAL-A001). Unsafe otherwise: the object is then accepted, but Calico
    /// still fails on the value.
    pub static CAL_A002 = ("CAL-A002", "calico-annotation-not-a-string", Error, Always);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    let y = cx.yaml;
    let node = y.node(ann.value_node);
    let not_string = match &node.kind {
        Kind::Seq { .. } | Kind::Map { .. } => true,
        Kind::Scalar {
            style: Style::Plain,
            ..
        } => matches!(y.type_word(ann.value_node), "boolean" | "number"),
        _ => false,
    };
    if !not_string {
        return;
    }
    let word = match &node.kind {
        Kind::Seq { .. } => "array",
        Kind::Map { .. } => "map",
        _ => y.type_word(ann.value_node),
    };
    let text = match &node.kind {
        Kind::Scalar { value, .. } => value.to_string(),
        _ => serde_json::to_string(&y.to_json(ann.value_node)).unwrap_or_default(),
    };
    let mut d = ann_diag(
        cx,
        &CAL_A002,
        ann,
        value_range(cx, ann),
        format!(
            "{} must be a string, but its YAML value is a {}; the API server rejects the object: `got \"{}\", expected \"string\"` (`json: cannot unmarshal {} into Go struct field ObjectMeta.metadata.annotations of type string`)",
            ann.key, y.type_word(ann.value_node), json_word(word), json_word(word)
        ),
    );
    // On a list key the quoted JSON must then decode to elements valid for the key, or the
    // fix only trades the API server's refusal for Calico's.
    let valid = !is_list(&ann.short)
        || serde_json::from_str::<Vec<String>>(&text)
            .ok()
            .filter(|items| !items.is_empty())
            .is_some_and(|items| valid_for_key(&ann.short, items.clone()) == Some(items));
    let (s, e, t) = edit::replace_scalar(y, ann.value_node, &text);
    d.fix = Some(cx.fix(
        "Write the value as a quoted JSON string",
        if valid {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        },
        vec![(s, e, t)],
    ));
    cx.push(d);
}

fn json_word(w: &str) -> &str {
    match w {
        "boolean" => "bool",
        w => w,
    }
}
