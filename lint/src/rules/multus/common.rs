//! What the Multus rules share: the parsed annotations ([`Ctx`], one [`Site`] per
//! annotation), findings at a span of an annotation value, and fixes that edit the value.

use crate::fix::diagnostic::{Diagnostic, Severity, AFTER_RECOVERY};
use crate::fix::edit::{self, TextEdit};
use crate::model::k8s::{key_path, Holder, Place};
use crate::model::multus::nad::NadIndex;
use crate::model::multus::{self as m, Networks, Span};
use crate::rules::checker::Checker;
use crate::rules::Rule;
use crate::syntax::yaml::{Kind, NodeId};

/// One Multus annotation that Multus reads (Pod or pod template), parsed.
pub struct Site<'a> {
    pub object: usize,
    pub holder: &'a Holder,
    pub key: String,
    pub key_node: NodeId,
    /// The (alias-resolved) scalar value node.
    pub value_node: NodeId,
    pub value: String,
    /// `v1.multus-cni.io/default-network` (else the networks annotation).
    pub is_default: bool,
    pub networks: std::rc::Rc<Networks>,
    /// The pod namespace.
    pub pod_namespace: String,
    /// Index into `model.pods` of the pod this annotation belongs to.
    pub pod: Option<usize>,
    /// A lenient re-read of a value Multus stops at (a JSON syntax error, a YAML sequence
    /// or mapping instead of a string): `value` is the recovered text, its findings are
    /// marked [`AFTER_RECOVERY`] and carry no fix (the earlier error's fix comes first).
    pub recovered: Option<Recovery>,
}

/// How a recovered site's value maps back to the source.
pub struct Recovery {
    /// The repair edits (JSON repair) from the source value to `Site::value`; `None` when
    /// the value was re-serialized (a YAML collection): findings point at the whole value.
    pub edits: Option<Vec<(Span, String)>>,
    /// The source value (for the value map).
    pub original: String,
}

/// Shared state: parsed annotations and the NAD index.
pub struct Ctx<'a> {
    pub sites: Vec<Site<'a>>,
    pub nads: std::rc::Rc<NadIndex>,
}

impl<'a> Ctx<'a> {
    pub fn build(cx: &Checker<'a>) -> Ctx<'a> {
        let mut sites = Vec::new();
        for ann in cx.annotations() {
            if !matches!(ann.holder.place, Place::Pod | Place::Template) {
                continue;
            }
            let is_default = ann.key == m::DEFAULT_NETWORK_KEY;
            if ann.key != m::NETWORKS_KEY && !is_default {
                continue;
            }
            let Some(vid) = cx.yaml.resolve(ann.value_node) else {
                continue;
            };
            let obj = cx.object(ann.holder.object);
            let pod_namespace = obj.effective_namespace.clone();
            let default_ns = if is_default {
                cx.profile.multus.multus_namespace.clone()
            } else {
                pod_namespace.clone()
            };
            let site = |value: String, networks, recovered| Site {
                object: ann.holder.object,
                holder: ann.holder,
                key: ann.key.to_string(),
                key_node: ann.key_node,
                value_node: vid,
                value,
                is_default,
                networks,
                pod_namespace: pod_namespace.clone(),
                pod: cx.model.pod_of(ann.holder.metadata),
                recovered,
            };
            if cx.yaml.type_word(vid) != "string" {
                // MUL-P04 reports the collection; its elements are read from the string
                // the P04 fix writes.
                if let Some(text) = string_form(cx.yaml, vid) {
                    let networks = std::rc::Rc::new(m::parse_networks(&text, &default_ns));
                    let recovery = Recovery {
                        edits: None,
                        original: String::new(),
                    };
                    sites.push(site(text, networks, Some(recovery)));
                }
                continue;
            }
            let value = cx.yaml.scalar(vid).unwrap_or("").to_string();
            let networks = cx.networks(vid, &value, &default_ns);
            let syntax = networks
                .error
                .as_ref()
                .is_some_and(|e| e.kind == m::ErrorKind::JsonSyntax);
            let repaired = syntax
                .then(|| crate::rules::multus::json_repair::repair_json(&value))
                .flatten();
            sites.push(site(value.clone(), networks, None));
            // A JSON syntax error: the other defects are read from the repaired text.
            if let Some(edits) = repaired {
                let text = crate::rules::multus::json_repair::apply_repair(&value, &edits);
                let networks = std::rc::Rc::new(m::parse_networks(&text, &default_ns));
                let recovery = Recovery {
                    edits: Some(edits),
                    original: value,
                };
                sites.push(site(text, networks, Some(recovery)));
            }
        }
        Ctx {
            sites,
            nads: cx.nads(),
        }
    }
}

/// `metadata.annotations["key"]` (with the template path) for a site.
pub fn site_path(site: &Site) -> String {
    key_path("", &format!("{}.annotations", site.holder.path), &site.key)
}

/// Source range of a byte span of a scalar's value; empty spans point at the character
/// there (or the last character at the end).
pub fn value_range(cx: &Checker, node: NodeId, value: &str, span: Span) -> (usize, usize) {
    let map = cx.value_map(node);
    if !map.is_exact() || value.is_empty() {
        return edit::node_text_range(cx.yaml, node);
    }
    let (s, e) = span;
    if s >= value.len() {
        let last = value.char_indices().last().map(|(i, _)| i).unwrap_or(0);
        return map.source_range_bytes(value, last, value.len());
    }
    if e <= s {
        let next = value[s..]
            .chars()
            .next()
            .map(|c| s + c.len_utf8())
            .unwrap_or(s);
        return map.source_range_bytes(value, s, next);
    }
    map.source_range_bytes(value, s, e)
}

/// A finding on a site at a span of its value.
pub fn site_diag(
    cx: &Checker,
    rule: &Rule,
    site: &Site,
    span: Span,
    message: impl Into<String>,
) -> Diagnostic {
    let mut message = message.into();
    let range = match &site.recovered {
        None => value_range(cx, site.value_node, &site.value, span),
        Some(r) => {
            message.push_str(AFTER_RECOVERY);
            match &r.edits {
                Some(edits) => {
                    let to = |p| crate::rules::multus::json_repair::to_original(edits, p);
                    let (s, e) = (to(span.0), to(span.1));
                    let s = s.min(r.original.len());
                    value_range(
                        cx,
                        site.value_node,
                        &r.original,
                        (s, e.clamp(s, r.original.len())),
                    )
                }
                None => edit::node_text_range(cx.yaml, site.value_node),
            }
        }
    };
    cx.object_diagnostic(
        rule,
        cx.object(site.object),
        site_path(site),
        range,
        message,
    )
}

/// The string a Multus annotation given as a YAML collection stands for (what the MUL-P04
/// fix writes): a sequence of names becomes the comma-delimited form, other sequences and
/// mappings their JSON text (a mapping wrapped in an array), numbers and booleans their
/// text.
pub fn string_form(y: &crate::syntax::yaml::Yaml, vid: NodeId) -> Option<String> {
    let json = y.to_json(vid);
    match (&json, y.type_word(vid)) {
        (serde_json::Value::Array(items), _)
            if !items.is_empty()
                && items.iter().all(|i| {
                    i.as_str()
                        .is_some_and(|s| !s.trim().is_empty() && !s.contains(['[', '{', '"', ',']))
                }) =>
        {
            Some(
                items
                    .iter()
                    .filter_map(|i| i.as_str())
                    .map(str::trim)
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
    }
}

/// Overrides a finding's severity (rules whose catalog entry has several levels).
pub fn with_severity(mut d: Diagnostic, s: Severity) -> Diagnostic {
    d.severity = s;
    d
}

/// Text edits that change the value of scalar `node` (whose value is `value`): each
/// `(span, text)` replaces those value bytes. Edits are mapped into the source through the
/// value map (keeping quoting, line breaks and indentation); the whole scalar is rewritten
/// when that is not possible (a plain scalar that would stop being plain, escapes).
pub fn value_edits(
    cx: &Checker,
    node: NodeId,
    value: &str,
    edits: &[(Span, String)],
) -> Vec<TextEdit> {
    edit::value_edits(cx.yaml, &cx.value_map(node), node, value, edits)
}

/// "element N" (1-based) for messages about the short form; `networks[i]` for JSON.
pub fn element_label(site: &Site, i: usize) -> String {
    let short = if site.is_default {
        "default-network"
    } else {
        "networks"
    };
    match site.networks.format {
        m::Format::Short => format!("{} element {}", short, i + 1),
        _ => format!("{short}[{i}]"),
    }
}

/// Deletes the annotation `key` of the `annotations` map `ann` under `metadata`; when it is
/// the map's only entry, the emptied `annotations:` key goes too (a block map; a flow map
/// keeps its braces).
pub fn delete_annotation(
    y: &crate::syntax::yaml::Yaml,
    metadata: NodeId,
    ann: NodeId,
    key: NodeId,
) -> Option<TextEdit> {
    let only =
        matches!(&y.node(ann).kind, Kind::Map { entries, flow: false, .. } if entries.len() == 1);
    if only {
        if let Some((k, _)) = y.get_entry(metadata, "annotations") {
            if let Some(e) = edit::delete_entry(y, metadata, k) {
                return Some(e);
            }
        }
    }
    edit::delete_entry(y, ann, key)
}
