//! The Multus networks form: `k8s.v1.cni.cncf.io/networks` as a list of attachments with
//! plain fields, and back.
//!
//! Reading goes through [`multus::parse_networks`] (exactly what Multus accepts); writing
//! goes through [`multus::write_networks`] / [`multus::write_networks_json`], so the form
//! and the rules share one model. Fields the form does not edit (`interfaceRequest`, keys
//! Multus ignores) are kept as they were.

use super::field::{FieldId, NetField};
use crate::model::multus::{self, Bandwidth, Element, ErrorKind, Part, PortMapping};
use serde::{Deserialize, Serialize};

/// The annotation as the form sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworksRead {
    /// The annotation value as written.
    pub raw: String,
    /// The attachments, when Multus can decode the value (value errors such as a bad MAC
    /// still give a form; the field shows the finding).
    pub form: Option<NetworksForm>,
    /// The error Multus reports for the value, if any.
    pub error: Option<String>,
}

/// The attachments of one pod, in order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NetworksForm {
    /// Written as JSON (`true`) or in the short form `ns/name@if` (`false`).
    pub json: bool,
    pub elements: Vec<NetElement>,
}

/// One attachment. Empty strings and empty lists mean "not set".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NetElement {
    pub name: String,
    pub namespace: String,
    pub interface: String,
    pub ips: Vec<String>,
    pub mac: String,
    pub default_route: Vec<String>,
    pub port_mappings: Vec<PortMap>,
    pub bandwidth: Option<Bw>,
    /// `cni-args` as JSON text (an object).
    pub cni_args: String,
    pub infiniband_guid: String,
    pub device_id: String,
    pub ipam_claim_reference: String,
    /// Keys the form does not edit (`interfaceRequest`, unknown keys), as written.
    pub kept: Vec<(String, serde_json::Value)>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PortMap {
    pub host_port: Option<i64>,
    pub container_port: Option<i64>,
    pub protocol: String,
    pub host_ip: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Bw {
    pub ingress_rate: Option<i64>,
    pub ingress_burst: Option<i64>,
    pub egress_rate: Option<i64>,
    pub egress_burst: Option<i64>,
}

/// A form value that cannot be written, with the field it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// e.g. `networks[1].cni_args`.
    pub field: FieldId,
    pub message: String,
}

impl FieldError {
    pub fn new(field: FieldId, message: impl Into<String>) -> FieldError {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

/// Reads an annotation value (the pod's namespace resolves elements without one).
pub fn read(raw: &str, namespace: &str) -> NetworksRead {
    from_parsed(raw, &multus::parse_networks(raw, namespace))
}

/// The form of `raw`, already parsed by [`multus::parse_networks`] into `n`.
pub fn from_parsed(raw: &str, n: &multus::Networks) -> NetworksRead {
    let decoded = match &n.error {
        None => true,
        // Multus decoded the elements, then rejected a value: the form can show them.
        Some(e) => matches!(e.kind, ErrorKind::Mac | ErrorKind::Guid | ErrorKind::Ips),
    };
    NetworksRead {
        raw: raw.to_string(),
        form: decoded.then(|| NetworksForm {
            json: n.format == multus::Format::Json,
            elements: n.elements.iter().map(NetElement::from_element).collect(),
        }),
        error: n.error.as_ref().map(|e| e.message.clone()),
    }
}

fn text(p: &Option<Part<String>>) -> String {
    p.as_ref().map(|p| p.value.clone()).unwrap_or_default()
}

fn texts(p: &Option<Part<Vec<Part<String>>>>) -> Vec<String> {
    p.as_ref()
        .map(|l| l.value.iter().map(|i| i.value.clone()).collect())
        .unwrap_or_default()
}

fn int(p: &Option<Part<i64>>) -> Option<i64> {
    p.as_ref().map(|p| p.value)
}

fn part<T>(v: T) -> Option<Part<T>> {
    Some(Part::new(v))
}

fn opt_text(s: &str) -> Option<Part<String>> {
    let s = s.trim();
    (!s.is_empty()).then(|| Part::new(s.to_string()))
}

fn opt_list(items: &[String]) -> Option<Part<Vec<Part<String>>>> {
    let items: Vec<Part<String>> = items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| Part::new(s.to_string()))
        .collect();
    (!items.is_empty()).then(|| Part::new(items))
}

impl NetElement {
    /// An attachment of the NetworkAttachmentDefinition `name`.
    pub fn named(name: &str) -> NetElement {
        NetElement {
            name: name.to_string(),
            ..NetElement::default()
        }
    }

    pub fn from_element(e: &Element) -> NetElement {
        let mut kept = Vec::new();
        if let Some(p) = &e.interface_request {
            kept.push((
                p.key_text
                    .clone()
                    .unwrap_or_else(|| multus::Field::InterfaceRequest.key().into()),
                serde_json::Value::String(p.value.clone()),
            ));
        }
        for u in &e.unknown {
            if let Some(k) = &u.key_text {
                kept.push((k.clone(), u.value.clone()));
            }
        }
        NetElement {
            name: text(&e.name),
            namespace: text(&e.namespace),
            interface: text(&e.interface),
            ips: texts(&e.ips),
            mac: text(&e.mac),
            default_route: texts(&e.default_route),
            port_mappings: e
                .port_mappings
                .as_ref()
                .map(|p| {
                    p.value
                        .iter()
                        .map(|m| PortMap {
                            host_port: int(&m.host_port),
                            container_port: int(&m.container_port),
                            protocol: text(&m.protocol),
                            host_ip: text(&m.host_ip),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            bandwidth: e.bandwidth.as_ref().map(|b| Bw {
                ingress_rate: int(&b.value.ingress_rate),
                ingress_burst: int(&b.value.ingress_burst),
                egress_rate: int(&b.value.egress_rate),
                egress_burst: int(&b.value.egress_burst),
            }),
            cni_args: e
                .cni_args
                .as_ref()
                .map(|p| serde_json::to_string(&p.value).unwrap_or_default())
                .unwrap_or_default(),
            infiniband_guid: text(&e.infiniband_guid),
            device_id: text(&e.device_id),
            ipam_claim_reference: text(&e.ipam_claim_reference),
            kept,
        }
    }

    /// The engine's element for this attachment; `i` names the field of an error.
    pub fn to_element(&self, i: usize) -> Result<Element, FieldError> {
        let field = |f: NetField, message: String| FieldError {
            field: FieldId::Net(i, f),
            message,
        };
        if self.name.trim().is_empty() {
            return Err(field(
                NetField::Name,
                "a NetworkAttachmentDefinition name is required".into(),
            ));
        }
        let cni_args = match self.cni_args.trim() {
            "" => None,
            t => match serde_json::from_str::<serde_json::Value>(t) {
                Ok(v @ serde_json::Value::Object(_)) => part(v),
                Ok(_) => {
                    return Err(field(
                        NetField::CniArgs,
                        "cni-args must be a JSON object, e.g. {\"foo\": \"bar\"}".into(),
                    ))
                }
                Err(e) => return Err(field(NetField::CniArgs, format!("not JSON: {e}"))),
            },
        };
        let mut e = Element {
            name: opt_text(&self.name),
            namespace: opt_text(&self.namespace),
            interface: opt_text(&self.interface),
            ips: opt_list(&self.ips),
            mac: opt_text(&self.mac),
            default_route: opt_list(&self.default_route),
            port_mappings: (!self.port_mappings.is_empty()).then(|| {
                Part::new(
                    self.port_mappings
                        .iter()
                        .map(|m| PortMapping {
                            host_port: m.host_port.map(Part::new),
                            container_port: m.container_port.map(Part::new),
                            protocol: opt_text(&m.protocol),
                            host_ip: opt_text(&m.host_ip),
                            span: (0, 0),
                        })
                        .collect(),
                )
            }),
            bandwidth: self.bandwidth.as_ref().map(|b| {
                Part::new(Bandwidth {
                    ingress_rate: b.ingress_rate.map(Part::new),
                    ingress_burst: b.ingress_burst.map(Part::new),
                    egress_rate: b.egress_rate.map(Part::new),
                    egress_burst: b.egress_burst.map(Part::new),
                })
            }),
            cni_args,
            infiniband_guid: opt_text(&self.infiniband_guid),
            device_id: opt_text(&self.device_id),
            ipam_claim_reference: opt_text(&self.ipam_claim_reference),
            ..Element::default()
        };
        for (k, v) in &self.kept {
            if multus::Field::of_key(k) == Some(multus::Field::InterfaceRequest) {
                if let serde_json::Value::String(s) = v {
                    e.interface_request = Some(Part {
                        key_text: Some(k.clone()),
                        ..Part::new(s.clone())
                    });
                    continue;
                }
            }
            e.unknown.push(Part {
                key_text: Some(k.clone()),
                ..Part::new(v.clone())
            });
        }
        Ok(e)
    }
}

impl NetworksForm {
    /// Whether every attachment can be written in the short form.
    pub fn short_possible(&self) -> bool {
        self.elements.iter().enumerate().all(|(i, e)| {
            e.to_element(i)
                .is_ok_and(|e| multus::short_form_expresses(&e))
        })
    }

    /// The annotation value: JSON when asked for or needed, else the short form. `None`
    /// when there is no attachment (the annotation should be removed).
    pub fn write(&self) -> Result<Option<String>, FieldError> {
        if self.elements.is_empty() {
            return Ok(None);
        }
        let elements = self
            .elements
            .iter()
            .enumerate()
            .map(|(i, e)| e.to_element(i))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(if self.json {
            multus::write_networks_json(&elements)
        } else {
            multus::write_networks(&elements)
        }))
    }
}
