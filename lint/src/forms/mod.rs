//! Forms over the annotations: read a pod's Multus and Calico annotations into form
//! values ([`view`]), write form values back as minimal edits of the YAML ([`apply`]), and
//! build new manifests ([`wizard`]).
//!
//! The text stays the single source of truth: a form edit becomes a change of one
//! annotation (replace, insert or delete one entry, through [`crate::fix::edit`]); everything
//! else in the text keeps its bytes. The form is then read again from the new text.

pub mod calico;
pub mod field;
pub mod networks;
pub mod wizard;

#[cfg(test)]
mod tests;

use crate::fix::edit::{self, TextEdit};
use crate::model::k8s::Model;
use crate::model::multus::{self, Element, Part};
use crate::rules::checker::Checker;
use crate::syntax::yaml::{Kind, NodeId, Style, Yaml};
use serde::{Deserialize, Serialize};

pub use calico::{Addressing, CalicoRead, Change, ListField};
pub use field::{CalicoField, FieldId, NetField, WizardField};
pub use networks::{FieldError, NetElement, NetworksForm, NetworksRead};

/// What the forms show for one text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FormView {
    /// Every Pod and pod template, in document order.
    pub targets: Vec<Target>,
    /// NetworkAttachmentDefinitions of the text and the inventory (for the name picker).
    pub nads: Vec<NadOption>,
    /// IPPools of the text and the inventory (for the pool pickers).
    pub pools: Vec<PoolOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NadOption {
    pub namespace: String,
    pub name: String,
    /// The CNI plugin type (first plugin of a chain), if the config says.
    pub cni_type: String,
    pub inventory: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolOption {
    pub name: String,
    /// The masked CIDR, `""` if `spec.cidr` does not parse.
    pub cidr: String,
    /// 4, 6, or 0 (unknown).
    pub family: u8,
    pub disabled: bool,
    pub inventory: bool,
}

/// One Pod or pod template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Index into the model's pods (what [`apply`] takes).
    pub pod: usize,
    /// e.g. `Pod default/samplepod` or `Deployment default/web (pod template)`.
    pub label: String,
    pub kind: String,
    /// The namespace the pod runs in.
    pub namespace: String,
    /// Networks the cluster attaches before the annotation's (interface names count them).
    pub default_networks: u32,
    /// `k8s.v1.cni.cncf.io/networks`, when present and a string.
    pub networks: Option<NetworksRead>,
    pub calico: CalicoRead,
    /// Source spans of the form's fields, for placing findings at their field.
    pub fields: Vec<FieldSpan>,
}

/// The source bytes `start..end` belong to form field `field`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldSpan {
    pub field: FieldId,
    pub start: usize,
    pub end: usize,
}

impl Target {
    /// The most specific field whose source span holds `offset`.
    pub fn field_at(&self, offset: usize) -> Option<FieldId> {
        // Later spans are more specific: on a tie the last one wins.
        self.fields
            .iter()
            .rev()
            .filter(|f| f.start <= offset && offset <= f.end)
            .min_by_key(|f| f.end - f.start)
            .map(|f| f.field)
    }

    /// The most specific field whose source span holds the whole range `start..end` (a
    /// finding about a whole attachment belongs to the attachment, not its first field).
    pub fn field_of(&self, start: usize, end: usize) -> Option<FieldId> {
        self.fields
            .iter()
            .rev()
            .filter(|f| f.start <= start && end <= f.end)
            .min_by_key(|f| f.end - f.start)
            .map(|f| f.field)
            .or_else(|| self.field_at(start))
    }

    /// The interface name Multus gives attachment `i` (the requested one, else `net<n>`).
    pub fn assigned_interface(&self, i: usize) -> String {
        format!("net{}", self.default_networks as usize + i + 1)
    }
}

/// The form view of a checked (or [`crate::analyze`]d) text.
pub fn view(cx: &Checker) -> FormView {
    let y = cx.yaml;
    let model = cx.model;
    let mut out = FormView::default();
    for (pi, site) in model.pods.iter().enumerate() {
        let obj = &model.objects[site.object];
        let label = if site.path.is_empty() {
            obj.display()
        } else {
            format!("{} (pod template)", obj.display())
        };
        let mut target = Target {
            pod: pi,
            label,
            kind: obj.kind().to_string(),
            namespace: obj.effective_namespace.clone(),
            default_networks: cx
                .profile
                .multus
                .default_networks_for(&obj.effective_namespace),
            networks: None,
            calico: CalicoRead::default(),
            fields: vec![],
        };
        let anns: Vec<(NodeId, NodeId, &str)> = site
            .metadata
            .and_then(|m| y.get(m, "annotations"))
            .map(|a| {
                y.entries(a)
                    .into_iter()
                    .filter_map(|(k, v)| Some((k, y.resolve(v)?, y.scalar(k)?)))
                    .collect()
            })
            .unwrap_or_default();
        let string = |v: NodeId| match &y.node(v).kind {
            Kind::Scalar { value, .. } if !y.is_null(v) => Some(value.as_ref()),
            _ => None,
        };
        let get = |key: &str| {
            anns.iter()
                .find(|(_, _, k)| *k == key)
                .and_then(|&(_, v, _)| string(v))
        };
        target.calico = CalicoRead::read(get);
        if site.path.is_empty() {
            target.calico.fixed_blocked = None;
        } else {
            target.calico.fixed_blocked = crate::model::workload::parallel_pods(cx, site.object);
        }
        for &(k, v, key) in &anns {
            let span = |field: FieldId, n: NodeId| FieldSpan {
                field,
                start: y.node(n).start,
                end: y.node(n).end,
            };
            if key == multus::NETWORKS_KEY {
                target.fields.push(span(FieldId::Networks, k));
                target.fields.push(span(FieldId::Networks, v));
                if let Some(value) = string(v) {
                    let parsed = cx.networks(v, value, &obj.effective_namespace);
                    let read = networks::from_parsed(value, &parsed);
                    let map = cx.value_map(v);
                    for (i, e) in parsed.elements.iter().enumerate() {
                        element_spans(&mut target.fields, i, e, |a, b| {
                            map.source_range_bytes(value, a, b)
                        });
                    }
                    target.networks = Some(read);
                }
            } else if let Some(short) = key.strip_prefix(calico::PREFIX) {
                let field = FieldId::Calico(CalicoField::of_key(short));
                target.fields.push(span(field, k));
                target.fields.push(span(field, v));
            }
        }
        out.targets.push(target);
    }
    for n in &cx.nads().nads {
        let cni_type = n
            .parsed()
            .and_then(|c| c.plugins.first().map(|p| p.type_str().to_string()))
            .unwrap_or_default();
        out.nads.push(NadOption {
            namespace: n.namespace.clone(),
            name: n.name.clone(),
            cni_type,
            inventory: n.from_inventory,
        });
    }
    let cm = cx.calico();
    for p in &cm.pools {
        out.pools.push(PoolOption {
            name: p.name.clone().unwrap_or_default(),
            cidr: p.cidr_text(),
            family: match p.cidr {
                Some((ip, _)) if crate::syntax::gonet::is_ipv4(&ip) => 4,
                Some(_) => 6,
                None => 0,
            },
            disabled: p.disabled,
            inventory: p.inventory,
        });
    }
    out
}

/// Adds the source spans of element `i` and its fields.
fn element_spans(
    out: &mut Vec<FieldSpan>,
    i: usize,
    e: &Element,
    src: impl Fn(usize, usize) -> (usize, usize),
) {
    let mut push = |field: FieldId, span: (usize, usize)| {
        let (start, end) = src(span.0, span.1);
        out.push(FieldSpan { field, start, end });
    };
    push(FieldId::Attachment(i), e.span);
    fn spans<T>(p: &Option<Part<T>>) -> Vec<(usize, usize)> {
        p.as_ref()
            .map(|p| {
                let mut v = vec![p.span];
                v.extend(p.key);
                v
            })
            .unwrap_or_default()
    }
    let fields: [(NetField, Vec<(usize, usize)>); 13] = [
        (NetField::Name, spans(&e.name)),
        (NetField::Namespace, spans(&e.namespace)),
        (NetField::Interface, spans(&e.interface)),
        (NetField::Interface, spans(&e.interface_request)),
        (NetField::Ips, spans(&e.ips)),
        (NetField::Mac, spans(&e.mac)),
        (NetField::DefaultRoute, spans(&e.default_route)),
        (NetField::PortMappings, spans(&e.port_mappings)),
        (NetField::Bandwidth, spans(&e.bandwidth)),
        (NetField::CniArgs, spans(&e.cni_args)),
        (NetField::InfinibandGuid, spans(&e.infiniband_guid)),
        (NetField::DeviceId, spans(&e.device_id)),
        (NetField::IpamClaimReference, spans(&e.ipam_claim_reference)),
    ];
    for (f, list) in fields {
        for s in list {
            push(FieldId::Net(i, f), s);
        }
    }
}

/// The entries of a list typed into one field: separated by commas, spaces or line breaks.
pub fn split_list(s: &str) -> Vec<String> {
    s.split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// The YAML text of a new annotation value.
fn value_text(value: &str) -> String {
    if edit::is_plain_safe(value) {
        value.to_string()
    } else {
        edit::quoted(value)
    }
}

/// Replaces scalar `id` with `value`, keeping its quoting style where the value allows (a
/// value that needed quotes and no longer does becomes plain again).
fn replace_value(y: &Yaml, id: NodeId, value: &str) -> TextEdit {
    let (s, e) = edit::node_text_range(y, id);
    let old_needed_quotes = y.str_value(id).is_some_and(|v| !edit::is_plain_safe(v));
    let text = match y.style(id) {
        Some(Style::Plain) if edit::is_plain_safe(value) => value.to_string(),
        Some(Style::SingleQuoted | Style::DoubleQuoted)
            if old_needed_quotes && edit::is_plain_safe(value) =>
        {
            value.to_string()
        }
        // Double quotes stay while the value needs no escapes in them (JSON does).
        Some(Style::DoubleQuoted) if !value.contains(['"', '\\']) => edit::double_quoted(value),
        _ => edit::quoted(value),
    };
    (s, e, text)
}

/// One step towards setting annotation `key` of pod `pod` to `value` (`None` removes it).
/// `Ok(None)`: nothing (more) to do.
fn step(y: &Yaml, pod: usize, key: &str, value: Option<&str>) -> Result<Option<TextEdit>, String> {
    let model = Model::build(y, &Default::default());
    let site = model
        .pods
        .get(pod)
        .ok_or("the pod is no longer in the text")?;
    let Some(md) = site.metadata else {
        let Some(v) = value else { return Ok(None) };
        return edit::insert_block_map(
            y,
            site.holder,
            &["metadata", "annotations"],
            key,
            &value_text(v),
        )
        .map(Some)
        .ok_or_else(|| "cannot add metadata to this pod (flow-style mapping?)".to_string());
    };
    let ann = y.get_entry(md, "annotations");
    let Some((akey, amap)) = ann else {
        let Some(v) = value else { return Ok(None) };
        if y.is_map(md) && edit::is_flow(y, md) {
            return edit::insert_entry(
                y,
                md,
                "annotations",
                &format!("{{{}: {}}}", value_text(key), value_text(v)),
            )
            .map(Some)
            .ok_or_else(|| "cannot add annotations".to_string());
        }
        return edit::insert_block_map(y, md, &["annotations"], key, &value_text(v))
            .map(Some)
            .ok_or_else(|| "cannot add annotations to this metadata".to_string());
    };
    let amap_r = y.resolve(amap).unwrap_or(amap);
    if !y.is_map(amap_r) {
        if y.is_null(amap_r) && value.is_some() {
            // `annotations:` with no value: drop the empty key, then add it anew.
            return edit::delete_entry(y, md, akey)
                .map(Some)
                .ok_or_else(|| "cannot edit the empty annotations key".to_string());
        }
        return Err("metadata.annotations is not a mapping".into());
    }
    let entry = y
        .entries(amap_r)
        .into_iter()
        .find(|&(k, _)| y.scalar(k) == Some(key));
    match (entry, value) {
        (Some((_, v)), Some(value)) => {
            let vr = y.resolve(v).unwrap_or(v);
            if y.str_value(vr) == Some(value) {
                return Ok(None);
            }
            if !matches!(y.node(vr).kind, Kind::Scalar { .. }) || vr != v {
                // Not a scalar (or an alias): replace the whole node.
                let n = y.node(v);
                return Ok(Some((n.start, n.end, edit::quoted(value))));
            }
            Ok(Some(replace_value(y, vr, value)))
        }
        (Some((k, _)), None) => {
            if y.entries(amap_r).len() == 1 && !edit::is_flow(y, amap_r) {
                // The last annotation: remove the `annotations:` key with it.
                return edit::delete_entry(y, md, akey)
                    .map(Some)
                    .ok_or_else(|| "cannot remove the annotation".to_string());
            }
            edit::delete_entry(y, amap_r, k)
                .map(Some)
                .ok_or_else(|| "cannot remove the annotation".to_string())
        }
        (None, Some(v)) => edit::insert_entry(y, amap_r, key, &value_text(v))
            .map(Some)
            .ok_or_else(|| "cannot add the annotation".to_string()),
        (None, None) => Ok(None),
    }
}

/// Applies annotation changes to pod `pod` of `source` (index into the model's pods, as in
/// [`Target::pod`]), one minimal edit each. Everything outside the changed entries keeps
/// its bytes.
pub fn apply(source: &str, pod: usize, changes: &[Change]) -> Result<String, String> {
    let mut text = source.to_string();
    for Change { key, value } in changes {
        // A change takes at most two steps (drop an empty `annotations:`, then add).
        for _ in 0..3 {
            let y = Yaml::parse(&text);
            if y.issues
                .iter()
                .any(|i| matches!(i, crate::syntax::yaml::YamlIssue::Syntax { .. }))
            {
                return Err("the YAML has a syntax error; fix it first".into());
            }
            match step(&y, pod, key, value.as_deref())? {
                Some(e) => text = edit::apply(&text, &[e]),
                None => break,
            }
        }
    }
    Ok(text)
}

/// Writes the networks form of pod `pod` into `source`.
pub fn apply_networks(source: &str, pod: usize, form: &NetworksForm) -> Result<String, FieldError> {
    let value = form.write()?;
    apply(source, pod, &[Change::set(multus::NETWORKS_KEY, value)])
        .map_err(|message| FieldError::new(FieldId::Networks, message))
}

/// What [`apply`] answers across the engine module's boundary: on the wire `{"ok": text}`
/// or `{"err": message}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applied {
    Ok(String),
    Err(String),
}

impl From<Result<String, String>> for Applied {
    fn from(r: Result<String, String>) -> Applied {
        match r {
            Ok(text) => Applied::Ok(text),
            Err(e) => Applied::Err(e),
        }
    }
}

impl From<Applied> for Result<String, String> {
    fn from(a: Applied) -> Result<String, String> {
        match a {
            Applied::Ok(text) => Ok(text),
            Applied::Err(e) => Err(e),
        }
    }
}
