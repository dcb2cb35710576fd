//! CAL-A002..CAL-A008: the shape and placement of `cni.projectcalico.org/*` annotations.

use crate::fix::diagnostic::{Applicability, Severity};
use crate::fix::edit;
use crate::model::k8s::{key_path, Place};
use crate::rules::checker::Checker;
use crate::syntax::yaml::{Kind, Style};

use super::common::{
    ann_diag, delete_ann, key_range, pod_site, value_range, Calico, KNOWN_KEYS, MANAGED_KEYS,
    PREFIX,
};
use super::JSON_ARRAY_KEYS;

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
    /// Safe: the value is serialised to compact JSON (a sequence becomes the JSON array
    /// Calico expects) and written as a single-quoted string.
    pub static CAL_A002 = ("CAL-A002", "calico-annotation-not-a-string", Error, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports an unknown key under `cni.projectcalico.org/`: a typo or a wrong case such
    /// as `ipv4Pools`, `ipAddr`, `ipaddrs`.
    ///
    /// ## Why is this bad?
    /// Calico looks annotations up in a Go map with the exact, case-sensitive key. A
    /// misspelt key is silently ignored: no error, the pod simply gets an address from the
    /// default pools.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4Pools: '["pool-1"]'
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
    ///     cni.projectcalico.org/ipv4pools: '["pool-1"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe when exactly one known key matches case-insensitively or is the unique closest
    /// key within edit distance 2, and that key is not already present.
    pub static CAL_A003 = ("CAL-A003", "calico-unknown-annotation-key", Warning, Sometimes);
}

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
    /// Safe: the entry moves, unchanged, from `labels` to `annotations` of the same metadata.
    pub static CAL_A004 = ("CAL-A004", "calico-annotation-in-labels", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a Calico annotation on a controller's own `metadata.annotations`
    /// (Deployment, StatefulSet, DaemonSet, Job, ...) that is not in its pod template.
    ///
    /// ## Why is this bad?
    /// Controllers copy only `spec.template.metadata` to the pods they create. The
    /// annotation never reaches a Pod, so Calico never sees it and nothing reports it.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["pool-1"]'
    /// spec:
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///       annotations:
    ///         cni.projectcalico.org/ipv4pools: '["pool-1"]'
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the annotation moves into `spec.template.metadata.annotations`, which is where
    /// it evidently belongs. No fix when the template already has the key.
    pub static CAL_A005 = ("CAL-A005", "calico-annotation-on-controller", Warning, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports empty Calico annotations: an empty string (ignored, as if absent), and `[]`
    /// or `null` (on a pool key: no restriction, overriding the Namespace's pools; on
    /// `ipAddrs`/`ipAddrsNoIpam`: a CNI failure).
    ///
    /// ## Why is this bad?
    /// An empty value is usually a template that rendered nothing. For `ipAddrs` Calico
    /// fails with `annotation "cni.projectcalico.org/ipAddrs" specified but empty`; for the
    /// pool keys a Pod's `[]` silently removes the Namespace's pool choice.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '[]'
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
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: whether the value or the annotation is wrong depends on intent.
    pub static CAL_A006 = ("CAL-A006", "calico-annotation-empty", Warning, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports authored `cni.projectcalico.org/podIP`, `podIPs` and `containerID`
    /// annotations: Calico writes them itself.
    ///
    /// ## Why is this bad?
    /// They usually come from `kubectl get pod -o yaml` output applied again. Calico's
    /// `getPodIPs` falls back to them while the pod has no status IP, so Calico components
    /// associate the new pod with a stale address that may belong to another pod (a
    /// malformed value fails with `Failed to parse pod IP`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/podIP: 10.244.57.7/32
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
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the annotation is removed; Calico writes the current value at pod creation.
    pub static CAL_A007 = ("CAL-A007", "calico-managed-annotation-authored", Warning, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports Calico CNI annotations on a pod with `hostNetwork: true`.
    ///
    /// ## Why is this bad?
    /// Host-network pods never call the CNI plugin, so every `cni.projectcalico.org/*`
    /// annotation on them is inert: the pod uses the node's addresses.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: agent
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["10.0.0.5"]'
    /// spec:
    ///   hostNetwork: true
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
    ///   name: agent
    /// spec:
    ///   hostNetwork: true
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: either the annotation or `hostNetwork` is unintended.
    pub static CAL_A008 = ("CAL-A008", "calico-annotation-on-host-network-pod", Warning, None);
}

pub fn check(cx: &mut Checker, m: &Calico) {
    let y = cx.yaml;
    for ann in &m.anns {
        let known = KNOWN_KEYS.contains(&ann.short.as_str());
        // A002: not a string.
        let node = y.node(ann.value_node);
        let not_string = match &node.kind {
            Kind::Seq { .. } | Kind::Map { .. } => true,
            Kind::Scalar {
                style: Style::Plain,
                ..
            } => matches!(y.type_word(ann.value_node), "boolean" | "number"),
            _ => false,
        };
        if not_string {
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
            let (s, e, t) = edit::replace_scalar(y, ann.value_node, &text);
            d.fix = Some(cx.fix(
                "Write the value as a quoted JSON string",
                Applicability::Safe,
                vec![(s, e, t)],
            ));
            cx.push(d);
        }
        // A003: unknown key.
        if !known && ann.holder.place != Place::Other {
            let suggestion = suggest_key(&ann.short);
            let mut msg = format!(
                "{} is not an annotation Calico reads (keys are exact and case-sensitive), so it is silently ignored",
                ann.key
            );
            if ann.short.eq_ignore_ascii_case("awsSrcDstCheck") {
                msg.push_str("; awsSrcDstCheck is a FelixConfiguration field (spec.awsSrcDstCheck), not a pod annotation");
            }
            let mut fix = None;
            if let Some(s) = suggestion {
                msg.push_str(&format!("; did you mean {PREFIX}{s}?"));
                let full = format!("{PREFIX}{s}");
                if y.get(ann.map, &full).is_none() {
                    let edit = edit::rename_key(y, ann.key_node, &full);
                    fix =
                        Some(cx.fix(format!("Rename to {full}"), Applicability::Safe, vec![edit]));
                }
            }
            let mut d = ann_diag(cx, &CAL_A003, ann, key_range(cx, ann), msg);
            d.fix = fix;
            cx.push(d);
        }
        // A005: on a controller's own metadata.
        if ann.holder.place == Place::ControllerOwn && known {
            let obj = cx.object(ann.holder.object);
            let site = cx
                .model
                .pods
                .iter()
                .find(|p| p.object == ann.holder.object && !p.path.is_empty());
            let in_template = site
                .and_then(|s| s.metadata)
                .and_then(|md| y.get(md, "annotations"))
                .is_some_and(|a| y.get(a, &ann.key).is_some());
            if !in_template {
                let mut d = ann_diag(
                    cx,
                    &CAL_A005,
                    ann,
                    key_range(cx, ann),
                    format!(
                        "{} is on the {}'s own metadata; controllers copy only the pod template's annotations to their pods, so Calico never sees it (move it to {}metadata.annotations)",
                        ann.key,
                        obj.kind(),
                        site.map(|s| s.path.as_str()).unwrap_or("spec.template.")
                    ),
                );
                if let Some(s) = site {
                    if let Some(edits) = edit::move_annotation(
                        y,
                        ann.holder.metadata,
                        ann.map,
                        ann.key_node,
                        s.holder,
                    ) {
                        d.fix =
                            Some(cx.fix("Move into the pod template", Applicability::Safe, edits));
                    }
                }
                cx.push(d);
            }
        }
        // A006: empty values.
        if matches!(
            ann.holder.place,
            Place::Pod | Place::Template | Place::Namespace
        ) {
            check_empty(cx, ann);
        }
        // A007: Calico-managed keys.
        if MANAGED_KEYS.contains(&ann.short.as_str())
            && matches!(
                ann.holder.place,
                Place::Pod | Place::Template | Place::ControllerOwn
            )
        {
            let mut d = ann_diag(
                cx,
                &CAL_A007,
                ann,
                key_range(cx, ann),
                format!(
                    "{} is written by Calico and must not be authored (it looks copied from `kubectl get pod -o yaml`); Calico's getPodIPs falls back to podIP/podIPs before the pod has a status IP, so the new pod is associated with a stale address",
                    ann.key
                ),
            );
            if let Some(e) = delete_ann(cx, ann) {
                d.fix = Some(cx.fix(format!("Remove {}", ann.key), Applicability::Safe, vec![e]));
            }
            cx.push(d);
        }
        // A008: host-network pods.
        if known && !MANAGED_KEYS.contains(&ann.short.as_str()) {
            if let Some(site) = pod_site(cx, ann.holder) {
                let host = site
                    .spec
                    .and_then(|s| y.get(s, "hostNetwork"))
                    .is_some_and(|h| y.scalar(h) == Some("true"));
                if host {
                    let d = ann_diag(
                        cx,
                        &CAL_A008,
                        ann,
                        key_range(cx, ann),
                        format!(
                            "{} has no effect: the pod has hostNetwork: true, so the CNI plugin is never called and the pod uses the node's addresses",
                            ann.key
                        ),
                    );
                    cx.push(d);
                }
            }
        }
    }
    check_labels(cx);
}

fn json_word(w: &str) -> &str {
    match w {
        "boolean" => "bool",
        w => w,
    }
}

fn check_empty(cx: &mut Checker, ann: &super::common::Ann) {
    let short = ann.short.as_str();
    let is_array_key = JSON_ARRAY_KEYS.contains(&ann.key.as_str());
    if !(is_array_key || short == "hwAddr") || short == "ipFamilies" {
        return;
    }
    let y = cx.yaml;
    let explicit_empty_string = ann.text.as_deref() == Some("")
        || (ann.text.is_none() && matches!(&y.node(ann.value_node).kind, Kind::Scalar { .. }));
    let (sev, msg) = if explicit_empty_string {
        (
            Severity::Info,
            format!(
                "{} is empty; Calico treats an empty value as absent{}",
                ann.key,
                if POOLISH.contains(&short) {
                    " (the Namespace's value, if any, applies)"
                } else {
                    ""
                }
            ),
        )
    } else if ann.empty_list {
        match short {
            "ipAddrs" | "ipAddrsNoIpam" => (
                Severity::Warning,
                format!(
                    "{} is an empty list; Calico fails with: annotation \"{}\" specified but empty",
                    ann.key, ann.key
                ),
            ),
            "ipv4pools" | "ipv6pools" if ann.holder.place != Place::Namespace => (
                Severity::Info,
                format!(
                    "{} is an empty list: the pod may use any enabled pool, overriding the Namespace's pool annotation",
                    ann.key
                ),
            ),
            _ => (
                Severity::Info,
                format!("{} is an empty list and has no effect", ann.key),
            ),
        }
    } else {
        return;
    };
    let mut d = ann_diag(cx, &CAL_A006, ann, value_range(cx, ann), msg);
    d.severity = sev;
    cx.push(d);
}

const POOLISH: &[&str] = &["ipv4pools", "ipv6pools"];

/// The known key the author evidently meant.
pub fn suggest_key(short: &str) -> Option<&'static str> {
    let ci: Vec<&str> = KNOWN_KEYS
        .iter()
        .copied()
        .filter(|k| k.eq_ignore_ascii_case(short))
        .collect();
    if ci.len() == 1 {
        return Some(ci[0]);
    }
    let lower = short.to_ascii_lowercase();
    let mut best: Option<(usize, Vec<&str>)> = None;
    for k in KNOWN_KEYS {
        let d = crate::syntax::text::edit_distance(&lower, &k.to_ascii_lowercase());
        if d > 2 {
            continue;
        }
        match &mut best {
            Some((bd, v)) if *bd == d => v.push(k),
            Some((bd, _)) if *bd < d => {}
            _ => best = Some((d, vec![k])),
        }
    }
    match best {
        Some((_, v)) if v.len() == 1 => Some(v[0]),
        _ => None,
    }
}

fn check_labels(cx: &mut Checker) {
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
            if !KNOWN_KEYS.contains(&short) {
                continue;
            }
            let object = cx.object(h.object);
            let path = key_path("", &format!("{}.labels", h.path), key);
            let n = y.node(k);
            let mut d = cx.object_diagnostic(
                &CAL_A004,
                object,
                path,
                (n.start, n.end),
                format!(
                    "{key} is under metadata.labels; Calico reads it only from annotations, and a JSON value is not a valid label value (`a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'`)"
                ),
            );
            if let Some(edits) = move_label(cx, h.metadata, labels, k, v) {
                d.fix = Some(cx.fix("Move to annotations", Applicability::Safe, edits));
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
