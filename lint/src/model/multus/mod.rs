//! The typed model of Multus pod annotations (`k8s.v1.cni.cncf.io/networks`,
//! `v1.multus-cni.io/default-network`), parsed exactly as Multus parses them
//! (`parsePodNetworkAnnotation`, `parsePodNetworkObjectName` in multus-cni
//! `pkg/k8sclient/k8sclient.go`), and of NetworkAttachmentDefinitions ([`nad`]).
//!
//! Every part of an element carries its byte span within the annotation *value* (the
//! decoded YAML string); map it to the YAML source with
//! [`crate::syntax::yaml::Yaml::value_map`]`(node).source_range_bytes(value, start, end)`.
//!
//! Editing: [`parse_networks`] → change [`Element`] fields → [`write_networks`] (short form
//! when it can express everything, JSON otherwise).

pub mod field;
pub mod nad;

pub use field::{Field, FieldAt, FIELDS};

use crate::syntax::gojson::{self, GoJsonError, Spanned, Value};
use crate::syntax::gonet;

/// The networks annotation key (NPWG).
pub const NETWORKS_KEY: &str = "k8s.v1.cni.cncf.io/networks";
/// The default-network annotation key (Multus).
pub const DEFAULT_NETWORK_KEY: &str = "v1.multus-cni.io/default-network";
/// The NAD annotation naming a device-plugin resource.
pub const RESOURCE_NAME_KEY: &str = "k8s.v1.cni.cncf.io/resourceName";
/// Output-only status annotations.
pub const NETWORK_STATUS_KEY: &str = "k8s.v1.cni.cncf.io/network-status";
pub const NETWORKS_STATUS_KEY: &str = "k8s.v1.cni.cncf.io/networks-status";
/// The Multus keys (what placement rules look for).
pub const MULTUS_KEYS: &[&str] = &[NETWORKS_KEY, DEFAULT_NETWORK_KEY];

/// Prefix of every JSON-form error.
pub const JSON_ERROR_PREFIX: &str =
    "parsePodNetworkAnnotation: failed to parse pod Network Attachment Selection Annotation JSON format: ";

/// A byte range within the annotation value.
pub type Span = (usize, usize);

/// A value with its span (and, in the JSON form, the span of its key).
#[derive(Debug, Clone, PartialEq)]
pub struct Part<T> {
    pub value: T,
    pub span: Span,
    /// Span of the quoted JSON key (JSON form only).
    pub key: Option<Span>,
    /// The key as written (JSON form; may differ in case from the canonical key).
    pub key_text: Option<String>,
}

impl<T> Part<T> {
    /// A part without position (for values built by an editor).
    pub fn new(value: T) -> Part<T> {
        Part {
            value,
            span: (0, 0),
            key: None,
            key_text: None,
        }
    }
}

/// How the value was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-delimited `[ns/]name[@if]`.
    Short,
    /// A JSON array of `NetworkSelectionElement` objects.
    Json,
    /// Empty value (no networks).
    Empty,
}

/// What went wrong, for rules to pick their ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Short form: more than one `/`.
    ShortSlash,
    /// Short form: more than one `@`.
    ShortAt,
    /// Short form: namespace or name not a DNS-1123 label.
    ShortName,
    /// Short form: interface name too long or with whitespace or `/`.
    ShortIfname,
    /// JSON syntax error.
    JsonSyntax,
    /// JSON top level is not an array.
    JsonNotArray,
    /// JSON value of the wrong type.
    JsonType,
    /// `default-route` entry not an IP (`net.IP.UnmarshalText`).
    DefaultRoute,
    Mac,
    Guid,
    Ips,
}

/// An error exactly as Multus reports it, with the span of the defect.
#[derive(Debug, Clone, PartialEq)]
pub struct MultusError {
    pub kind: ErrorKind,
    /// Full Multus text, e.g. `parsePodNetworkAnnotation: failed to mac: ...`.
    pub message: String,
    pub span: Span,
    /// Index of the element at fault, when known.
    pub element: Option<usize>,
}

/// A `portMappings` entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PortMapping {
    pub host_port: Option<Part<i64>>,
    pub container_port: Option<Part<i64>>,
    pub protocol: Option<Part<String>>,
    pub host_ip: Option<Part<String>>,
    /// Span of the entry object.
    pub span: Span,
}

/// The `bandwidth` object.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bandwidth {
    pub ingress_rate: Option<Part<i64>>,
    pub ingress_burst: Option<Part<i64>>,
    pub egress_rate: Option<Part<i64>>,
    pub egress_burst: Option<Part<i64>>,
}

/// One network selection element.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Element {
    /// The whole element: the trimmed short-form item or the JSON object.
    pub span: Span,
    /// The short-form item as written (trimmed), `None` in the JSON form.
    pub raw: Option<String>,
    pub name: Option<Part<String>>,
    /// The namespace as written (`None`: the pod's, or multusNamespace for default-network).
    pub namespace: Option<Part<String>>,
    pub interface: Option<Part<String>>,
    /// Deprecated `interfaceRequest` (JSON form only).
    pub interface_request: Option<Part<String>>,
    pub ips: Option<Part<Vec<Part<String>>>>,
    pub mac: Option<Part<String>>,
    pub infiniband_guid: Option<Part<String>>,
    pub default_route: Option<Part<Vec<Part<String>>>>,
    pub port_mappings: Option<Part<Vec<PortMapping>>>,
    pub bandwidth: Option<Part<Bandwidth>>,
    pub cni_args: Option<Part<serde_json::Value>>,
    pub device_id: Option<Part<String>>,
    pub ipam_claim_reference: Option<Part<String>>,
    /// Keys Multus ignores, with their values.
    pub unknown: Vec<Part<serde_json::Value>>,
    /// The short-form parse error of this item, if any.
    pub error: Option<MultusError>,
}

impl Element {
    /// An element selecting `name` (for editors).
    pub fn new(name: &str) -> Element {
        Element {
            name: Some(Part::new(name.to_string())),
            ..Element::default()
        }
    }

    pub fn name_str(&self) -> &str {
        self.name.as_ref().map(|p| p.value.as_str()).unwrap_or("")
    }

    /// The namespace as written, `""` when none.
    pub fn namespace_str(&self) -> &str {
        self.namespace
            .as_ref()
            .map(|p| p.value.as_str())
            .unwrap_or("")
    }

    /// The namespace Multus looks the NAD up in (`default_ns` when none is written).
    pub fn resolved_namespace<'a>(&'a self, default_ns: &'a str) -> &'a str {
        match self.namespace_str() {
            "" => default_ns,
            ns => ns,
        }
    }

    /// The requested interface name (`interface`, else `interfaceRequest`), if any.
    pub fn requested_interface(&self) -> Option<&Part<String>> {
        self.interface
            .as_ref()
            .filter(|p| !p.value.is_empty())
            .or_else(|| {
                self.interface_request
                    .as_ref()
                    .filter(|p| !p.value.is_empty())
            })
    }
}

/// A parsed annotation value.
#[derive(Debug, Clone, PartialEq)]
pub struct Networks {
    pub format: Format,
    pub elements: Vec<Element>,
    /// The error Multus reports for the whole annotation (the first one it meets).
    pub error: Option<MultusError>,
    /// The namespace elements default to.
    pub default_namespace: String,
}

impl Networks {
    /// The interface name Multus will give each element: the requested one, else
    /// `net<i>` counting the cluster network (0) and `default_networks` before the
    /// annotation's elements.
    pub fn interfaces(&self, default_networks: u32) -> Vec<String> {
        assigned_interfaces(&self.elements, default_networks)
    }
}

/// See [`Networks::interfaces`].
pub fn assigned_interfaces(elements: &[Element], default_networks: u32) -> Vec<String> {
    elements
        .iter()
        .enumerate()
        .map(|(i, e)| match e.requested_interface() {
            Some(p) => p.value.clone(),
            None => format!("net{}", default_networks as usize + i + 1),
        })
        .collect()
}

/// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$` (no length limit, as in Multus).
pub fn is_dns_label_unbounded(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// A DNS-1123 label (≤ 63).
pub fn is_dns_label(s: &str) -> bool {
    s.len() <= 63 && is_dns_label_unbounded(s)
}

/// A DNS-1123 subdomain (≤ 253): dot-separated labels.
pub fn is_dns_subdomain(s: &str) -> bool {
    s.len() <= 253 && !s.is_empty() && s.split('.').all(is_dns_label_unbounded)
}

/// Go's `strings.TrimSpace` (Unicode white space), returning the trimmed slice and the
/// byte offset of its start.
fn trim_space(s: &str) -> (&str, usize) {
    let t = s.trim_start();
    let off = s.len() - t.len();
    (t.trim_end(), off)
}

/// Multus' short-form ifname check: at most 15 bytes, no whitespace or `/`.
pub fn short_ifname_ok(s: &str) -> bool {
    s.len() <= 15 && !s.contains([' ', '\t', '\n', '\u{b}', '\u{c}', '\r', '/'])
}

/// Whether the kernel accepts `s` as an interface name (`dev_valid_name`): 1..=15 bytes,
/// not `.`/`..`, no `/`, `:` or whitespace.
pub fn kernel_ifname_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 15
        && s != "."
        && s != ".."
        && !s.chars().any(|c| c == '/' || c == ':' || c.is_whitespace())
}

/// Parses an annotation value as Multus does. `default_namespace` is the pod namespace
/// for the networks annotation, multusNamespace for the default-network annotation.
pub fn parse_networks(value: &str, default_namespace: &str) -> Networks {
    let mut n = Networks {
        format: Format::Empty,
        elements: vec![],
        error: None,
        default_namespace: default_namespace.to_string(),
    };
    if value.is_empty() {
        return n;
    }
    if value.contains(['[', '{', '"']) {
        n.format = Format::Json;
        parse_json(value, &mut n);
    } else {
        n.format = Format::Short;
        parse_short(value, &mut n);
    }
    n
}

fn parse_short(value: &str, n: &mut Networks) {
    let mut at = 0;
    for (i, item) in value.split(',').enumerate() {
        let (t, off) = trim_space(item);
        let base = at + off;
        at += item.len() + 1;
        let mut e = Element {
            span: (base, base + t.len()),
            raw: Some(t.to_string()),
            ..Element::default()
        };
        let err = |kind, inner: String, span: Span| MultusError {
            kind,
            message: format!("parsePodNetworkAnnotation: parsePodNetworkObjectName: {inner}"),
            span,
            element: Some(i),
        };
        let slash: Vec<&str> = t.split('/').collect();
        let (ns_part, rest, rest_off) = match slash.len() {
            1 => (None, t, 0),
            2 => (Some(slash[0]), slash[1], slash[0].len() + 1),
            _ => {
                let p = slash[0].len() + 1 + slash[1].len();
                e.error = Some(err(
                    ErrorKind::ShortSlash,
                    "Invalid network object (failed at '/')".into(),
                    (base + p, base + p + 1),
                ));
                n.elements.push(e);
                continue;
            }
        };
        if let Some(ns) = ns_part {
            let (v, o) = trim_space(ns);
            if !v.is_empty() || !ns.is_empty() {
                e.namespace = Some(Part {
                    value: v.to_string(),
                    span: (base + o, base + o + v.len()),
                    key: None,
                    key_text: None,
                });
            } else {
                e.namespace = Some(Part {
                    value: String::new(),
                    span: (base, base),
                    key: None,
                    key_text: None,
                });
            }
        }
        let at_items: Vec<&str> = rest.split('@').collect();
        let (nm, o) = trim_space(at_items[0]);
        let nb = base + rest_off;
        e.name = Some(Part {
            value: nm.to_string(),
            span: (nb + o, nb + o + nm.len()),
            key: None,
            key_text: None,
        });
        match at_items.len() {
            1 => {}
            2 => {
                let ioff = at_items[0].len() + 1;
                let (v, o) = trim_space(at_items[1]);
                if !v.is_empty() {
                    e.interface = Some(Part {
                        value: v.to_string(),
                        span: (nb + ioff + o, nb + ioff + o + v.len()),
                        key: None,
                        key_text: None,
                    });
                }
            }
            _ => {
                let p = rest_off + at_items[0].len() + 1 + at_items[1].len();
                e.error = Some(err(
                    ErrorKind::ShortAt,
                    "Invalid network object (failed at '@')".into(),
                    (base + p, base + p + 1),
                ));
                n.elements.push(e);
                continue;
            }
        }
        for p in [e.namespace.as_ref(), e.name.as_ref()]
            .into_iter()
            .flatten()
        {
            if !p.value.is_empty() && !is_dns_label_unbounded(&p.value) {
                e.error = Some(err(ErrorKind::ShortName, format!("Failed to parse: one or more items did not match comma-delimited format (must consist of lower case alphanumeric characters). Must start and end with an alphanumeric character), mismatch @ '{}'", p.value), p.span));
                break;
            }
        }
        if e.error.is_none() {
            if let Some(p) = &e.interface {
                if !short_ifname_ok(&p.value) {
                    e.error = Some(err(ErrorKind::ShortIfname, format!("Failed to parse interface name: must be less than 15 chars and not contain '/' or spaces. interface name '{}'", p.value), p.span));
                }
            }
        }
        n.elements.push(e);
    }
    n.error = n.elements.iter().find_map(|e| e.error.clone());
}

fn json_err(kind: ErrorKind, go: &GoJsonError, element: Option<usize>) -> MultusError {
    MultusError {
        kind,
        message: format!("{JSON_ERROR_PREFIX}{}", go.message()),
        span: go.span(),
        element,
    }
}

fn parse_json(value: &str, n: &mut Networks) {
    let tree = match gojson::parse(value) {
        Ok(t) => t,
        Err(e) => {
            n.error = Some(json_err(
                ErrorKind::JsonSyntax,
                &GoJsonError::Syntax(e),
                None,
            ));
            return;
        }
    };
    let items: &[Spanned<Value>] = match &tree.value {
        Value::Array(items) => items,
        Value::Null => &[],
        _ => {
            if let Err(e) = gojson::decode(&tree, &gojson::MULTUS_SELECTIONS) {
                n.error = Some(json_err(
                    ErrorKind::JsonNotArray,
                    &GoJsonError::Type(e),
                    None,
                ));
            }
            return;
        }
    };
    for item in items {
        n.elements.push(element_from_json(value, item));
    }
    if let Err(e) = gojson::decode(&tree, &gojson::MULTUS_SELECTIONS) {
        let idx = items
            .iter()
            .position(|i| i.start <= e.start && e.end <= i.end);
        let kind = if e.msg.starts_with("invalid IP address") {
            ErrorKind::DefaultRoute
        } else {
            ErrorKind::JsonType
        };
        n.error = Some(json_err(kind, &GoJsonError::Type(e), idx));
        return;
    }
    // The post-decode loop of parsePodNetworkAnnotation, first failure wins.
    for (i, e) in n.elements.iter().enumerate() {
        if let Some(err) = element_value_error(e, i) {
            n.error = Some(err);
            return;
        }
    }
}

/// The MAC, GUID and IP checks Multus runs on a decoded element, in its order.
pub fn element_value_error(e: &Element, i: usize) -> Option<MultusError> {
    if let Some(m) = e.mac.as_ref().filter(|m| !m.value.is_empty()) {
        if let Err(err) = gonet::parse_mac(&m.value) {
            return Some(MultusError {
                kind: ErrorKind::Mac,
                message: format!("parsePodNetworkAnnotation: failed to mac: {err}"),
                span: m.span,
                element: Some(i),
            });
        }
    }
    if let Some(m) = e.infiniband_guid.as_ref().filter(|m| !m.value.is_empty()) {
        if let Err(err) = gonet::parse_mac(&m.value) {
            return Some(MultusError {
                kind: ErrorKind::Guid,
                message: format!(
                    "parsePodNetworkAnnotation: failed to validate infiniband GUID: {err}"
                ),
                span: m.span,
                element: Some(i),
            });
        }
    }
    if let Some(ips) = &e.ips {
        for ip in &ips.value {
            if let Some(err) = ip_error(&ip.value) {
                return Some(MultusError {
                    kind: ErrorKind::Ips,
                    message: err,
                    span: ip.span,
                    element: Some(i),
                });
            }
        }
    }
    None
}

/// Multus' check of one `ips` entry: `None` when accepted.
pub fn ip_error(ip: &str) -> Option<String> {
    let q = serde_json::to_string(ip).unwrap_or_default();
    if ip.contains('/') {
        gonet::parse_cidr(ip)
            .err()
            .map(|e| format!("failed to parse CIDR {q}: {e}"))
    } else if gonet::parse_ip(ip).is_none() {
        Some(format!("failed to parse IP address {q}"))
    } else {
        None
    }
}

/// Go's case-insensitive field matching: the canonical key `key` matches.
pub(crate) fn key_matches(written: &str, canonical: &str) -> bool {
    written == canonical || written.eq_ignore_ascii_case(canonical)
}

fn string_part(value: &str, k: &Spanned<String>, v: &Spanned<Value>) -> Option<Part<String>> {
    let _ = value;
    match &v.value {
        Value::String(s) => Some(Part {
            value: s.clone(),
            span: (v.start, v.end),
            key: Some((k.start, k.end)),
            key_text: Some(k.value.clone()),
        }),
        _ => None,
    }
}

fn int_of(v: &Spanned<Value>) -> Option<Part<i64>> {
    match &v.value {
        Value::Number(s) => {
            let n = s
                .parse::<i64>()
                .ok()
                .or_else(|| s.parse::<f64>().ok().map(|f| f as i64))?;
            Some(Part {
                value: n,
                span: (v.start, v.end),
                key: None,
                key_text: None,
            })
        }
        _ => None,
    }
}

fn string_list(k: &Spanned<String>, v: &Spanned<Value>) -> Option<Part<Vec<Part<String>>>> {
    let Value::Array(items) = &v.value else {
        return None;
    };
    let list = items
        .iter()
        .filter_map(|i| match &i.value {
            Value::String(s) => Some(Part {
                value: s.clone(),
                span: (i.start, i.end),
                key: None,
                key_text: None,
            }),
            _ => None,
        })
        .collect();
    Some(Part {
        value: list,
        span: (v.start, v.end),
        key: Some((k.start, k.end)),
        key_text: Some(k.value.clone()),
    })
}

fn raw_json(text: &str, v: &Spanned<Value>) -> serde_json::Value {
    serde_json::from_str(&text[v.start..v.end]).unwrap_or(serde_json::Value::Null)
}

fn element_from_json(text: &str, item: &Spanned<Value>) -> Element {
    let mut e = Element {
        span: (item.start, item.end),
        ..Element::default()
    };
    let Value::Object(members) = &item.value else {
        return e;
    };
    for (k, v) in members {
        let key = k.value.as_str();
        let sp = |x: Option<Part<String>>| x;
        match Field::of_key(key) {
            Some(Field::Name) => e.name = sp(string_part(text, k, v)).or(e.name.take()),
            Some(Field::Namespace) => e.namespace = string_part(text, k, v).or(e.namespace.take()),
            Some(Field::Interface) => e.interface = string_part(text, k, v).or(e.interface.take()),
            Some(Field::InterfaceRequest) => {
                e.interface_request = string_part(text, k, v).or(e.interface_request.take())
            }
            Some(Field::Mac) => e.mac = string_part(text, k, v).or(e.mac.take()),
            Some(Field::InfinibandGuid) => {
                e.infiniband_guid = string_part(text, k, v).or(e.infiniband_guid.take())
            }
            Some(Field::DeviceId) => e.device_id = string_part(text, k, v).or(e.device_id.take()),
            Some(Field::Ips) => e.ips = string_list(k, v).or(e.ips.take()),
            Some(Field::DefaultRoute) => {
                e.default_route = string_list(k, v).or(e.default_route.take())
            }
            Some(Field::PortMappings) => {
                if let Value::Array(items) = &v.value {
                    let list = items
                        .iter()
                        .map(|pm| {
                            let mut p = PortMapping {
                                span: (pm.start, pm.end),
                                ..PortMapping::default()
                            };
                            if let Value::Object(fields) = &pm.value {
                                for (fk, fv) in fields {
                                    let with_key = |mut x: Part<i64>| {
                                        x.key = Some((fk.start, fk.end));
                                        x.key_text = Some(fk.value.clone());
                                        x
                                    };
                                    let f = fk.value.as_str();
                                    if key_matches(f, "hostPort") {
                                        p.host_port = int_of(fv).map(with_key);
                                    } else if key_matches(f, "containerPort") {
                                        p.container_port = int_of(fv).map(with_key);
                                    } else if key_matches(f, "protocol") {
                                        p.protocol = string_part(text, fk, fv);
                                    } else if key_matches(f, "hostIP") {
                                        p.host_ip = string_part(text, fk, fv);
                                    }
                                }
                            }
                            p
                        })
                        .collect();
                    e.port_mappings = Some(Part {
                        value: list,
                        span: (v.start, v.end),
                        key: Some((k.start, k.end)),
                        key_text: Some(k.value.clone()),
                    });
                }
            }
            Some(Field::Bandwidth) => {
                if let Value::Object(fields) = &v.value {
                    let mut b = Bandwidth::default();
                    for (fk, fv) in fields {
                        let f = fk.value.as_str();
                        let x = int_of(fv).map(|mut x| {
                            x.key = Some((fk.start, fk.end));
                            x.key_text = Some(fk.value.clone());
                            x
                        });
                        if key_matches(f, "ingressRate") {
                            b.ingress_rate = x;
                        } else if key_matches(f, "ingressBurst") {
                            b.ingress_burst = x;
                        } else if key_matches(f, "egressRate") {
                            b.egress_rate = x;
                        } else if key_matches(f, "egressBurst") {
                            b.egress_burst = x;
                        }
                    }
                    e.bandwidth = Some(Part {
                        value: b,
                        span: (v.start, v.end),
                        key: Some((k.start, k.end)),
                        key_text: Some(k.value.clone()),
                    });
                }
            }
            Some(Field::CniArgs) => {
                if matches!(v.value, Value::Object(_)) {
                    e.cni_args = Some(Part {
                        value: raw_json(text, v),
                        span: (v.start, v.end),
                        key: Some((k.start, k.end)),
                        key_text: Some(k.value.clone()),
                    });
                }
            }
            Some(Field::IpamClaimReference) => {
                e.ipam_claim_reference = string_part(text, k, v);
            }
            None => e.unknown.push(Part {
                value: raw_json(text, v),
                span: (v.start, v.end),
                key: Some((k.start, k.end)),
                key_text: Some(k.value.clone()),
            }),
        }
    }
    e
}

/// Whether the element can be written in the short form without losing anything.
pub fn short_form_expresses(e: &Element) -> bool {
    let plain = FIELDS
        .iter()
        .filter(|f| !f.in_short_form())
        .all(|f| e.field(*f).is_none())
        && e.unknown.is_empty();
    plain
        && is_dns_label_unbounded(e.name_str())
        && (e.namespace_str().is_empty() || is_dns_label_unbounded(e.namespace_str()))
        && e.interface.as_ref().is_none_or(|i| {
            i.value.is_empty()
                || (short_ifname_ok(&i.value) && !i.value.contains([',', '@', '[', '{', '"']))
        })
}

/// One element as a JSON value.
pub fn element_json(e: &Element) -> serde_json::Value {
    serde_json::Value::Object(element_fields(e).into_iter().collect())
}

/// One element as compact JSON text, keys in the NPWG order (unknown keys last).
pub fn element_json_text(e: &Element) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let obj = |pairs: Vec<(&str, Option<String>)>| {
        let inner: Vec<String> = pairs
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| format!("{}:{v}", q(k))))
            .collect();
        format!("{{{}}}", inner.join(","))
    };
    let int = |p: &Option<Part<i64>>| p.as_ref().map(|p| p.value.to_string());
    let st = |p: &Option<Part<String>>| p.as_ref().map(|p| q(&p.value));
    let fields: Vec<String> = element_fields(e)
        .into_iter()
        .map(|(k, v)| {
            let text = match k.as_str() {
                k if k == Field::PortMappings.key()
                    && e.unknown.iter().all(|u| u.key_text.as_deref() != Some(k)) =>
                {
                    let items: Vec<String> = e
                        .port_mappings
                        .as_ref()
                        .map(|p| &p.value[..])
                        .unwrap_or(&[])
                        .iter()
                        .map(|pm| {
                            obj(vec![
                                ("hostPort", int(&pm.host_port)),
                                ("containerPort", int(&pm.container_port)),
                                ("protocol", st(&pm.protocol)),
                                ("hostIP", st(&pm.host_ip)),
                            ])
                        })
                        .collect();
                    format!("[{}]", items.join(","))
                }
                k if k == Field::Bandwidth.key() && e.bandwidth.is_some() => {
                    let b = e
                        .bandwidth
                        .as_ref()
                        .map(|b| b.value.clone())
                        .unwrap_or_default();
                    obj(vec![
                        ("ingressRate", int(&b.ingress_rate)),
                        ("ingressBurst", int(&b.ingress_burst)),
                        ("egressRate", int(&b.egress_rate)),
                        ("egressBurst", int(&b.egress_burst)),
                    ])
                }
                _ => serde_json::to_string(&v).unwrap_or_default(),
            };
            format!("{}:{text}", q(&k))
        })
        .collect();
    format!("{{{}}}", fields.join(","))
}

/// The element's keys and values in the order [`element_json_text`] writes them.
pub fn element_fields(e: &Element) -> Vec<(String, serde_json::Value)> {
    use serde_json::{json, Map, Value as J};
    let mut m: Vec<(String, J)> = Vec::new();
    let s = |p: &Option<Part<String>>| p.as_ref().map(|p| J::String(p.value.clone()));
    let list = |p: &Option<Part<Vec<Part<String>>>>| {
        p.as_ref()
            .map(|p| J::Array(p.value.iter().map(|i| J::String(i.value.clone())).collect()))
    };
    let mut put = |k: &str, v: Option<J>| {
        if let Some(v) = v {
            m.push((k.to_string(), v));
        }
    };
    for &f in FIELDS {
        let v = match f {
            Field::Name => s(&e.name),
            Field::Namespace => s(&e.namespace).filter(|v| v != ""),
            Field::Interface => s(&e.interface).filter(|v| v != ""),
            Field::InterfaceRequest => s(&e.interface_request),
            Field::Ips => list(&e.ips),
            Field::Mac => s(&e.mac),
            Field::InfinibandGuid => s(&e.infiniband_guid),
            Field::DefaultRoute => list(&e.default_route),
            Field::PortMappings => e.port_mappings.as_ref().map(|p| {
                J::Array(
                    p.value
                        .iter()
                        .map(|pm| {
                            let mut o = Map::new();
                            if let Some(x) = &pm.host_port {
                                o.insert("hostPort".into(), json!(x.value));
                            }
                            if let Some(x) = &pm.container_port {
                                o.insert("containerPort".into(), json!(x.value));
                            }
                            if let Some(x) = &pm.protocol {
                                o.insert("protocol".into(), json!(x.value));
                            }
                            if let Some(x) = &pm.host_ip {
                                o.insert("hostIP".into(), json!(x.value));
                            }
                            J::Object(o)
                        })
                        .collect(),
                )
            }),
            Field::Bandwidth => e.bandwidth.as_ref().map(|b| {
                let mut o = Map::new();
                for (k, v) in [
                    ("ingressRate", &b.value.ingress_rate),
                    ("ingressBurst", &b.value.ingress_burst),
                    ("egressRate", &b.value.egress_rate),
                    ("egressBurst", &b.value.egress_burst),
                ] {
                    if let Some(v) = v {
                        o.insert(k.into(), json!(v.value));
                    }
                }
                J::Object(o)
            }),
            Field::CniArgs => e.cni_args.as_ref().map(|p| p.value.clone()),
            Field::DeviceId => s(&e.device_id),
            Field::IpamClaimReference => s(&e.ipam_claim_reference),
        };
        put(f.key(), v);
    }
    for u in &e.unknown {
        if let Some(k) = &u.key_text {
            m.push((k.clone(), u.value.clone()));
        }
    }
    m
}

/// One element in the short form (`ns/name@if`); only meaningful when
/// [`short_form_expresses`] holds.
pub fn element_short(e: &Element) -> String {
    let mut s = String::new();
    if !e.namespace_str().is_empty() {
        s.push_str(e.namespace_str());
        s.push('/');
    }
    s.push_str(e.name_str());
    if let Some(i) = e.interface.as_ref().filter(|i| !i.value.is_empty()) {
        s.push('@');
        s.push_str(&i.value);
    }
    s
}

/// Writes elements back: the short form (`a,ns/b@if`) when every element can be
/// expressed in it, else compact JSON. An empty list is written `[]` (no networks).
pub fn write_networks(elements: &[Element]) -> String {
    if elements.is_empty() {
        return "[]".into();
    }
    if elements.iter().all(short_form_expresses) {
        return elements
            .iter()
            .map(element_short)
            .collect::<Vec<_>>()
            .join(",");
    }
    write_networks_json(elements)
}

/// Writes elements as a compact JSON array.
pub fn write_networks_json(elements: &[Element]) -> String {
    let items: Vec<String> = elements.iter().map(element_json_text).collect();
    format!("[{}]", items.join(","))
}

#[cfg(test)]
mod tests;
