//! What the Calico-as-Multus rules share: reading the plugin objects of a NAD config, a
//! minimal edit inside `spec.config`, and for pods, the Calico networks they attach.

use crate::fix::diagnostic::Diagnostic;
use crate::fix::edit::{self, TextEdit};
use crate::model::k8s::{key_path, Holder, Object};
use crate::model::multus::nad::{CniConfig, Nad, NadIndex};
use crate::model::multus::{Element, Networks, NETWORKS_KEY};
use crate::rules::calico::common::{value_sub_range, Ann, Calico};
use crate::rules::checker::Checker;
use crate::rules::Rule;
use crate::syntax::gojson::{Spanned, Value};
use crate::syntax::yaml::{NodeId, Style};

pub type Members = [(Spanned<String>, Spanned<Value>)];

pub fn members(v: &Spanned<Value>) -> Option<&Members> {
    match &v.value {
        Value::Object(m) => Some(m),
        _ => None,
    }
}

pub fn member<'v>(
    v: &'v Spanned<Value>,
    key: &str,
) -> Option<(&'v Spanned<String>, &'v Spanned<Value>)> {
    members(v)?
        .iter()
        .find(|(k, _)| k.value == key)
        .map(|(k, v)| (k, v))
}

pub fn string_of(v: &Spanned<Value>) -> Option<&str> {
    match &v.value {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// The JSON objects of the plugins (the config itself for a single plugin).
pub fn plugin_objects(cfg: &CniConfig) -> Vec<&Spanned<Value>> {
    if !cfg.is_list {
        return vec![&cfg.tree];
    }
    match member(&cfg.tree, "plugins") {
        Some((_, p)) => match &p.value {
            Value::Array(items) => items.iter().filter(|i| members(i).is_some()).collect(),
            _ => vec![],
        },
        None => vec![],
    }
}

pub fn is_calico(o: &Spanned<Value>) -> bool {
    member(o, "type").and_then(|(_, t)| string_of(t)) == Some("calico")
}

pub fn ipam_type(o: &Spanned<Value>) -> Option<String> {
    member(o, "ipam")
        .and_then(|(_, i)| member(i, "type"))
        .and_then(|(_, t)| string_of(t))
        .map(str::to_string)
}

/// The Calico plugin object of a NAD.
pub fn calico_plugin(nad: &Nad) -> Option<&Spanned<Value>> {
    plugin_objects(nad.parsed()?)
        .into_iter()
        .find(|o| is_calico(o))
}

/// A non-Calico plugin using calico-ipam.
pub fn foreign_calico_ipam(nad: &Nad) -> Option<&Spanned<Value>> {
    plugin_objects(nad.parsed()?)
        .into_iter()
        .find(|o| !is_calico(o) && ipam_type(o).as_deref() == Some("calico-ipam"))
}

/// A text edit replacing the bytes `from..to` of the `spec.config` string by `new` (JSON
/// text): a minimal edit inside the scalar when its value map is exact and the style can
/// hold the text as is, otherwise the whole scalar rewritten.
pub fn config_edit(
    cx: &Checker,
    node: NodeId,
    text: &str,
    from: usize,
    to: usize,
    new: &str,
) -> TextEdit {
    let y = cx.yaml;
    let map = cx.value_map(node);
    let style = y.style(node);
    let escaped = match style {
        Some(Style::SingleQuoted) => Some(new.replace('\'', "''")),
        Some(Style::DoubleQuoted) => Some(new.replace('\\', "\\\\").replace('"', "\\\"")),
        Some(Style::Literal) | Some(Style::Folded) if !new.contains('\n') => Some(new.to_string()),
        _ => None,
    };
    if let (true, Some(esc)) = (
        map.is_exact() && !text.is_empty() && to <= text.len(),
        escaped,
    ) {
        if from == to {
            let at = if from == 0 {
                map.source_range_bytes(text, 0, 1).0
            } else {
                map.source_range_bytes(text, from - 1, from).1
            };
            return (at, at, esc);
        }
        let (s, e) = map.source_range_bytes(text, from, to);
        return (s, e, esc);
    }
    let mut spliced = String::with_capacity(text.len() + new.len());
    spliced.push_str(&text[..from]);
    spliced.push_str(new);
    spliced.push_str(&text[to..]);
    edit::replace_scalar(y, node, &spliced)
}

/// A NAD of the input with its `spec.config` string.
pub struct NadSite<'n> {
    pub nad: &'n Nad,
    pub obj: &'n Object,
    /// The config scalar (aliases resolved) and its text.
    pub node: NodeId,
    pub text: &'n str,
}

impl<'n> NadSite<'n> {
    pub fn new<'a: 'n>(cx: &Checker<'a>, nad: &'n Nad) -> Option<NadSite<'n>> {
        let (Some(node), Some(text)) = (nad.config_node, nad.config_text.as_deref()) else {
            return None;
        };
        let node = cx.yaml.resolve(node)?;
        Some(NadSite {
            nad,
            obj: cx.object(nad.object_index),
            node,
            text,
        })
    }
}

/// A finding over the bytes `span` of the config.
pub fn nad_diag(
    cx: &Checker,
    rule: &Rule,
    s: &NadSite,
    span: (usize, usize),
    msg: String,
) -> Diagnostic {
    let r = value_sub_range(cx, s.node, s.text, span.0, span.1);
    cx.object_diagnostic(rule, s.obj, "spec.config".into(), r, msg)
}

/// The Calico NAD has `policy: {type: k8s}`: only then does Calico read the pod's
/// annotations for it (CAL-M003).
pub fn reads_annotations(calico_plugin: &Spanned<Value>) -> bool {
    member(calico_plugin, "policy")
        .and_then(|(_, pol)| member(pol, "type"))
        .and_then(|(_, t)| string_of(t))
        == Some("k8s")
}

/// Whether any NAD (input or inventory) is Calico or uses calico-ipam: only then are pods
/// concerned.
pub fn any_calico(index: &NadIndex) -> bool {
    index
        .nads
        .iter()
        .any(|n| calico_plugin(n).is_some() || foreign_calico_ipam(n).is_some())
}

/// A pod (or template) attaching Calico networks through its networks annotation.
pub struct PodNets<'p> {
    pub obj: &'p Object,
    /// The networks annotation's value node, text and path.
    pub nv: NodeId,
    pub value: &'p str,
    pub path: String,
    /// The elements naming a Calico NAD, with the NAD.
    pub calico: Vec<(&'p Element, &'p Nad)>,
    /// The NADs using calico-ipam under another plugin.
    pub foreign: Vec<&'p Nad>,
    /// The pod's Calico annotations.
    pub anns: Vec<&'p Ann<'p>>,
}

/// The networks annotation of a pod holder: its value node and text.
pub fn networks_value<'a>(cx: &Checker<'a>, h: &Holder) -> Option<(NodeId, &'a str)> {
    if !matches!(
        h.place,
        crate::model::k8s::Place::Pod | crate::model::k8s::Place::Template
    ) {
        return None;
    }
    let y = cx.yaml;
    let anns = y.get(h.metadata, "annotations")?;
    let (_, nv) = y.get_entry(anns, NETWORKS_KEY)?;
    let nv = y.resolve(nv)?;
    Some((nv, y.str_value(nv)?))
}

impl<'p> PodNets<'p> {
    /// `None` when the pod attaches no Calico network and no calico-ipam one.
    pub fn new<'a: 'p>(
        cx: &Checker<'a>,
        m: &'p Calico<'p>,
        index: &'p NadIndex,
        h: &Holder,
        nv: NodeId,
        value: &'p str,
        nets: &'p Networks,
    ) -> Option<PodNets<'p>> {
        let mut calico: Vec<(&Element, &Nad)> = Vec::new();
        let mut foreign: Vec<&Nad> = Vec::new();
        for e in &nets.elements {
            let Some(nad) = index.get(e.resolved_namespace(&nets.default_namespace), e.name_str())
            else {
                continue;
            };
            if calico_plugin(nad).is_some() {
                calico.push((e, nad));
            } else if foreign_calico_ipam(nad).is_some() {
                foreign.push(nad);
            }
        }
        if calico.is_empty() && foreign.is_empty() {
            return None;
        }
        Some(PodNets {
            obj: cx.object(h.object),
            nv,
            value,
            path: key_path("", &format!("{}.annotations", h.path), NETWORKS_KEY),
            calico,
            foreign,
            anns: m
                .anns
                .iter()
                .filter(|a| a.holder.metadata == h.metadata)
                .collect(),
        })
    }

    /// The pod's annotation `short`, when set.
    pub fn get(&self, short: &str) -> Option<&'p Ann<'p>> {
        self.anns
            .iter()
            .copied()
            .find(|a| a.short == short && a.is_set())
    }

    /// A finding over the bytes `from..to` of the networks annotation.
    pub fn diag(
        &self,
        cx: &Checker,
        rule: &Rule,
        from: usize,
        to: usize,
        msg: String,
    ) -> Diagnostic {
        let r = value_sub_range(cx, self.nv, self.value, from, to);
        cx.object_diagnostic(rule, self.obj, self.path.clone(), r, msg)
    }
}
