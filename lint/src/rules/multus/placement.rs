//! Placement and keys: MUL-P01..P08.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::fix::edit;
use crate::model::k8s::{key_path, Holder, Object, Place};
use crate::model::multus::{
    DEFAULT_NETWORK_KEY, MULTUS_KEYS, NETWORKS_KEY, NETWORKS_STATUS_KEY, NETWORK_STATUS_KEY,
};
use crate::rules::checker::Checker;
use crate::syntax::yaml::{Kind, NodeId};

use super::edit_distance;

crate::declare_rule! {
    /// ## What it does
    /// Finds `k8s.v1.cni.cncf.io/networks` or `v1.multus-cni.io/default-network` on the own
    /// metadata of a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController,
    /// Job or CronJob (including `spec.jobTemplate.metadata`).
    ///
    /// ## Why is this bad?
    /// Multus reads annotations from the Pod only (`GetPodNetwork` uses `pod.Annotations`).
    /// Controller annotations are never copied to its Pods, so the Pods start with `eth0`
    /// only and no error is ever reported (multus-cni issues #308, #444, #566).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: edge-gw
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   selector:
    ///     matchLabels:
    ///       app: edge-gw
    ///   template:
    ///     metadata:
    ///       labels:
    ///         app: edge-gw
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
    ///   name: edge-gw
    /// spec:
    ///   selector:
    ///     matchLabels:
    ///       app: edge-gw
    ///   template:
    ///     metadata:
    ///       labels:
    ///         app: edge-gw
    ///       annotations:
    ///         k8s.v1.cni.cncf.io/networks: macvlan-conf
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the annotation is moved into `spec.template.metadata.annotations` (created when
    /// missing); an emptied `annotations:` is removed. No fix when the template already has
    /// the key.
    pub static MUL_P01 = ("MUL-P01", "multus-annotation-on-controller", Error, Sometimes);
}

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

crate::declare_rule! {
    /// ## What it does
    /// Finds annotation keys that are near misses of the Multus keys: the known wrong
    /// spellings (`k8s.v1.cni.cncf.io/network`, `k8s.cni.cncf.io/networks`,
    /// `v1.multus-cni.io/networks`, `k8s.v1.cni.cncf.io/default-network`) and keys within
    /// edit distance 2.
    ///
    /// ## Why is this bad?
    /// Multus matches keys exactly; any other key is ignored silently and the Pod starts
    /// without its secondary networks.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/network: macvlan-conf
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
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe for the known wrong spellings (renamed to the real key); unsafe for other near
    /// misses (the key may belong to another tool). No fix when the real key is present.
    pub static MUL_P03 = ("MUL-P03", "multus-annotation-key-typo", Warning, Sometimes);
}

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

crate::declare_rule! {
    /// ## What it does
    /// Reports the output-only `k8s.v1.cni.cncf.io/network-status` (or the old plural
    /// `networks-status`) in an authored manifest.
    ///
    /// ## Why is this bad?
    /// Multus writes this annotation after every sandbox creation and overwrites whatever is
    /// there; in a manifest it is usually pasted from `kubectl get -o yaml` and misleads
    /// readers about the Pod's interfaces.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    ///     k8s.v1.cni.cncf.io/network-status: '[{"name": "default/macvlan-conf", "interface": "net1"}]'
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
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the annotation is deleted (Multus rewrites it anyway).
    pub static MUL_P05 = ("MUL-P05", "multus-network-status-in-manifest", Info, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds `name`, `namespace`, `generateName`, `labels` or `annotations` at the top level
    /// of an object, where they were meant to be under `metadata` (mis-indentation, often
    /// with `metadata:` left empty).
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

crate::declare_rule! {
    /// ## What it does
    /// Reports `k8s.v1.cni.cncf.io/networks: ""`.
    ///
    /// ## Why is this bad?
    /// Multus treats an empty value like an absent key (`no kubernetes network found`): no
    /// secondary networks. It is harmless but usually a templating leftover. Contrast
    /// MUL-D02: an empty `v1.multus-cni.io/default-network` fails the Pod.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: ""
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
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: deleting the entry does not change behaviour.
    pub static MUL_P08 = ("MUL-P08", "multus-networks-empty", Info, Always);
}

const KNOWN_VARIANTS: &[(&str, &str)] = &[
    ("k8s.v1.cni.cncf.io/network", NETWORKS_KEY),
    ("k8s.cni.cncf.io/networks", NETWORKS_KEY),
    ("v1.multus-cni.io/networks", NETWORKS_KEY),
    ("k8s.v1.cni.cncf.io/default-network", DEFAULT_NETWORK_KEY),
];

fn entry_range(cx: &Checker, key: NodeId, value: NodeId) -> (usize, usize) {
    let (_, e) = edit::node_text_range(cx.yaml, value);
    let s = cx.yaml.node(key).start;
    (s, e.max(cx.yaml.node(key).end))
}

fn map_len(cx: &Checker, id: NodeId) -> usize {
    match &cx.yaml.node(id).kind {
        Kind::Map { entries, .. } => entries.len(),
        _ => 0,
    }
}

/// MUL-P01: Multus annotations on a controller's own metadata (and a CronJob's
/// `jobTemplate` metadata), where Multus never reads them.
fn controller_metadata(cx: &Checker, out: &mut Vec<Diagnostic>) {
    let y = cx.yaml;
    // Own metadata of controllers (plus a CronJob's jobTemplate metadata).
    let mut own: Vec<(usize, NodeId, String)> = cx
        .model
        .holders
        .iter()
        .filter(|h| h.place == Place::ControllerOwn)
        .map(|h| (h.object, h.metadata, h.path.clone()))
        .collect();
    for (i, o) in cx.model.objects.iter().enumerate() {
        if o.kind() == "CronJob" {
            if let Some(md) = y
                .get(o.node, "spec")
                .and_then(|s| y.get(s, "jobTemplate"))
                .and_then(|j| y.get(j, "metadata"))
                .filter(|&m| y.is_map(m))
            {
                own.push((i, md, "spec.jobTemplate.metadata".into()));
            }
        }
    }
    for (oi, md, path) in &own {
        let Some(ann) = y.get(*md, "annotations").filter(|&a| y.is_map(a)) else {
            continue;
        };
        for (k, v) in y.entries(ann) {
            let Some(key) = y.scalar(k) else { continue };
            if !MULTUS_KEYS.contains(&key) {
                continue;
            }
            let obj = cx.object(*oi);
            let p = key_path("", &format!("{path}.annotations"), key);
            let mut d = cx.object_diagnostic(
                &MUL_P01,
                obj,
                p,
                entry_range(cx, k, v),
                format!("{key} on the {} itself is ignored: Multus reads annotations from the Pod only (GetPodNetwork uses pod.Annotations), so its Pods get no secondary networks and no error is reported; move it to the pod template's metadata.annotations", obj.kind()),
            );
            let template = cx
                .model
                .pods
                .iter()
                .find(|p| p.object == *oi)
                .map(|p| p.holder);
            if let Some(t) = template {
                let exists = y
                    .get(t, "metadata")
                    .and_then(|m| y.get(m, "annotations"))
                    .and_then(|a| y.get(a, key))
                    .is_some();
                if !exists {
                    if let Some(edits) = edit::move_annotation(y, *md, ann, k, t) {
                        d.fix = Some(cx.fix(
                            "Move the annotation to the pod template",
                            Applicability::Safe,
                            edits,
                        ));
                    }
                }
            }
            out.push(d);
        }
    }
}

/// MUL-P02: Multus annotations written as labels.
fn labels(cx: &Checker, h: &Holder, obj: &Object, out: &mut Vec<Diagnostic>) {
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

/// MUL-P03: near misses of the Multus annotation keys.
fn near_miss(
    cx: &Checker,
    h: &Holder,
    obj: &Object,
    ann: NodeId,
    k: NodeId,
    out: &mut Vec<Diagnostic>,
    key: &str,
) {
    let y = cx.yaml;
    let p = || key_path("", &format!("{}.annotations", h.path), key);
    if !MULTUS_KEYS.contains(&key)
        && key != NETWORK_STATUS_KEY
        && key != NETWORKS_STATUS_KEY
        && key != crate::model::multus::RESOURCE_NAME_KEY
    {
        let known = KNOWN_VARIANTS
            .iter()
            .find(|(v, _)| *v == key)
            .map(|(_, t)| *t);
        let near = MULTUS_KEYS
            .iter()
            .map(|t| (edit_distance(key, t), *t))
            .filter(|(d, _)| *d <= 2)
            .min()
            .map(|(_, t)| t);
        if let Some(target) = known.or(near) {
            let mut d = cx.object_diagnostic(
                &MUL_P03,
                obj,
                p(),
                (y.node(k).start, y.node(k).end),
                format!("`{key}` is not a key Multus reads (did you mean `{target}`?); Multus matches keys exactly and ignores this one silently"),
            );
            if y.get(ann, target).is_none() {
                let app = if known.is_some() {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                };
                d.fix = Some(cx.fix(
                    format!("Rename to {target}"),
                    app,
                    vec![edit::rename_key(y, k, target)],
                ));
            }
            out.push(d);
        }
    }
}

/// One annotation of a pod's metadata: MUL-P03, P04, P05, P08.
fn annotation_entry(
    cx: &Checker,
    h: &Holder,
    obj: &Object,
    ann: NodeId,
    k: NodeId,
    v: NodeId,
    out: &mut Vec<Diagnostic>,
) {
    let y = cx.yaml;
    let Some(key) = y.scalar(k) else { return };
    let p = || key_path("", &format!("{}.annotations", h.path), key);
    near_miss(cx, h, obj, ann, k, out, key);
    // P05: output-only status.
    if (key == NETWORK_STATUS_KEY || key == NETWORKS_STATUS_KEY)
        && matches!(h.place, Place::Pod | Place::Template)
    {
        let mut d = cx.object_diagnostic(
            &MUL_P05,
            obj,
            p(),
            entry_range(cx, k, v),
            format!("{key} is written by Multus after every sandbox creation (and overwritten); in a manifest it only misleads"),
        );
        if let Some(e) = edit::delete_entry(y, ann, k) {
            d.fix = Some(cx.fix("Delete the status annotation", Applicability::Safe, vec![e]));
        }
        out.push(d);
    }
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
            p(),
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
        return;
    }
    // P08: empty networks.
    if key == NETWORKS_KEY
        && matches!(h.place, Place::Pod | Place::Template)
        && y.scalar(vid) == Some("")
    {
        let mut d = cx.object_diagnostic(
            &MUL_P08,
            obj,
            p(),
            entry_range(cx, k, v),
            format!("{key} is empty: Multus treats it as no secondary networks (no kubernetes network found)"),
        );
        if let Some(e) = edit::delete_entry(y, ann, k) {
            d.fix = Some(cx.fix("Delete the empty annotation", Applicability::Safe, vec![e]));
        }
        out.push(d);
    }
}

/// MUL-P07: metadata fields written at the top level of an object.
fn top_level_metadata(cx: &Checker, out: &mut Vec<Diagnostic>) {
    let y = cx.yaml;
    for o in &cx.model.objects {
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

pub fn check(cx: &mut Checker) {
    let y = cx.yaml;
    let mut out = Vec::new();
    controller_metadata(cx, &mut out);
    for h in &cx.model.holders {
        if matches!(h.place, Place::Other | Place::Namespace) {
            continue;
        }
        let obj = cx.object(h.object);
        labels(cx, h, obj, &mut out);
        let Some(ann) = y.get(h.metadata, "annotations").filter(|&a| y.is_map(a)) else {
            continue;
        };
        for (k, v) in y.entries(ann) {
            annotation_entry(cx, h, obj, ann, k, v, &mut out);
        }
    }
    top_level_metadata(cx, &mut out);
    for d in out {
        cx.push(d);
    }
}
