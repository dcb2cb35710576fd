//! The shared, parsed view the Calico rules work on: every `cni.projectcalico.org/*`
//! annotation of the input (decoded once, the way Calico decodes it) and the IPPools of the
//! input and the inventory.

use std::net::IpAddr;

use crate::model::k8s::{key_path, Holder, Object, Place};
use crate::model::profile::CalicoEdition;
use crate::model::semantic::Semantic;
use crate::syntax::gojson::{self, Value};
use crate::syntax::gonet;
use crate::syntax::yaml::{Kind, NodeId, Yaml};

pub const PREFIX: &str = "cni.projectcalico.org/";

/// Where Calico reads an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// On a Pod, and on its Namespace (the pod's own value wins).
    PodOrNamespace,
    /// Only on a Pod.
    Pod,
    /// Written by Calico itself on the Pod (never to be authored).
    Managed,
}

/// One `cni.projectcalico.org/*` annotation Calico knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key after `cni.projectcalico.org/`.
    pub short: &'static str,
    pub scope: Scope,
    /// Calico decodes the value as a JSON array of strings (Go `[]string`).
    pub list: bool,
    /// Only Calico Enterprise reads it (Calico OSS ignores it like any unknown key).
    pub enterprise: bool,
}

pub const IPV4POOLS: &str = "ipv4pools";
pub const IPV6POOLS: &str = "ipv6pools";
pub const IP_FAMILIES: &str = "ipFamilies";
pub const IP_ADDRS: &str = "ipAddrs";
pub const IP_ADDRS_NO_IPAM: &str = "ipAddrsNoIpam";
pub const FLOATING_IPS: &str = "floatingIPs";
pub const HW_ADDR: &str = "hwAddr";
pub const ALLOWED_SOURCE_PREFIXES: &str = "allowedSourcePrefixes";
/// Calico Enterprise multi-VRF: the `Network` (one name, a plain string) the pod's
/// interface joins (tigera/docs `calico-enterprise/networking/configuring/multi-vrf.mdx`,
/// "Option 1: Primary interface on the VRF"; read on the Pod or its Namespace).
pub const NETWORKS: &str = "networks";

/// The one table of the annotations Calico knows (short keys), in catalog order.
pub const KEYS: &[Key] = &[
    Key::new(IPV4POOLS, Scope::PodOrNamespace, true),
    Key::new(IPV6POOLS, Scope::PodOrNamespace, true),
    Key::new(IP_FAMILIES, Scope::PodOrNamespace, true),
    Key::new(IP_ADDRS, Scope::Pod, true),
    Key::new(IP_ADDRS_NO_IPAM, Scope::Pod, true),
    Key::new(FLOATING_IPS, Scope::Pod, true),
    Key::new(HW_ADDR, Scope::Pod, false),
    Key::new(ALLOWED_SOURCE_PREFIXES, Scope::Pod, true),
    Key::new("podIP", Scope::Managed, false),
    Key::new("podIPs", Scope::Managed, false),
    Key::new("containerID", Scope::Managed, false),
    Key::enterprise(NETWORKS, Scope::PodOrNamespace, false),
];

/// The pool keys.
pub const POOL_KEYS: &[&str] = &[IPV4POOLS, IPV6POOLS];

impl Key {
    const fn new(short: &'static str, scope: Scope, list: bool) -> Key {
        Key {
            short,
            scope,
            list,
            enterprise: false,
        }
    }

    const fn enterprise(short: &'static str, scope: Scope, list: bool) -> Key {
        Key {
            short,
            scope,
            list,
            enterprise: true,
        }
    }

    /// The known key `short` of any edition (exact, case-sensitive, as Calico compares).
    pub fn get(short: &str) -> Option<&'static Key> {
        KEYS.iter().find(|k| k.short == short)
    }

    /// The key `short` when `edition` reads it.
    pub fn read_by(short: &str, edition: CalicoEdition) -> Option<&'static Key> {
        Key::get(short).filter(|k| k.read_in(edition))
    }

    /// `edition` reads this key.
    pub fn read_in(&self, edition: CalicoEdition) -> bool {
        !self.enterprise || edition == CalicoEdition::Enterprise
    }

    /// The full annotation key.
    pub fn full(&self) -> String {
        full_key(self.short)
    }
}

/// `cni.projectcalico.org/<short>`.
pub fn full_key(short: &str) -> String {
    format!("{PREFIX}{short}")
}

/// A key some Calico edition reads or writes.
pub fn is_known(short: &str) -> bool {
    Key::get(short).is_some()
}

/// A key the profile's Calico `edition` reads or writes.
pub fn is_read(short: &str, edition: CalicoEdition) -> bool {
    Key::read_by(short, edition).is_some()
}

/// A key only Calico Enterprise reads.
pub fn is_enterprise_only(short: &str) -> bool {
    Key::get(short).is_some_and(|k| k.enterprise)
}

/// A key written by Calico itself.
pub fn is_managed(short: &str) -> bool {
    Key::get(short).is_some_and(|k| k.scope == Scope::Managed)
}

/// A key Calico reads only on a Pod.
pub fn is_pod_only(short: &str) -> bool {
    Key::get(short).is_some_and(|k| k.scope == Scope::Pod)
}

/// A key Calico also reads on a Namespace.
pub fn is_namespace_key(short: &str) -> bool {
    Key::get(short).is_some_and(|k| k.scope == Scope::PodOrNamespace)
}

/// A key whose value Calico decodes as a JSON array of strings.
pub fn is_list(short: &str) -> bool {
    Key::get(short).is_some_and(|k| k.list)
}

/// One element of a decoded `[]string` annotation: the string and the byte span of its
/// content inside the annotation value (without the JSON quotes when unescaped).
#[derive(Debug, Clone)]
pub struct Item {
    pub value: String,
    pub start: usize,
    pub end: usize,
}

/// One `cni.projectcalico.org/*` annotation.
#[derive(Debug, Clone)]
pub struct Ann<'a> {
    pub holder: &'a Holder,
    /// The whole key as written.
    pub key: String,
    /// The key after `cni.projectcalico.org/`.
    pub short: String,
    pub key_node: NodeId,
    /// The value node (aliases resolved).
    pub value_node: NodeId,
    /// The `annotations` mapping holding the entry.
    pub map: NodeId,
    /// The value when it is a YAML scalar (a plain `null` is `None`).
    pub text: Option<String>,
    /// The value decoded as Go `[]string` (`None` when it does not decode, or is empty).
    pub list: Option<Vec<Item>>,
    /// The value is JSON `null` or `[]`.
    pub empty_list: bool,
}

impl<'a> Ann<'a> {
    pub fn path(&self) -> String {
        key_path("", &format!("{}.annotations", self.holder.path), &self.key)
    }
    /// A non-empty string value: what Calico treats as "set".
    pub fn is_set(&self) -> bool {
        self.text.as_deref().is_some_and(|t| !t.is_empty())
    }
    pub fn strings(&self) -> Vec<String> {
        self.list
            .as_ref()
            .map(|l| l.iter().map(|i| i.value.clone()).collect())
            .unwrap_or_default()
    }
}

/// An IPPool of the input or the inventory.
#[derive(Debug, Clone)]
pub struct Pool {
    pub name: Option<String>,
    /// Masked network and prefix length, when `spec.cidr` parses.
    pub cidr: Option<(IpAddr, u8)>,
    pub disabled: bool,
    pub allowed_uses: Option<Vec<String>>,
    pub node_selector: Option<String>,
    pub namespace_selector: Option<String>,
    pub inventory: bool,
    /// The object's mapping node (in its own YAML).
    pub node: NodeId,
}

impl Pool {
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or("(unnamed)")
    }
    pub fn cidr_text(&self) -> String {
        self.cidr
            .map(|(ip, p)| format!("{ip}/{p}"))
            .unwrap_or_default()
    }
    pub fn allows_workload(&self) -> bool {
        self.allowed_uses
            .as_ref()
            .is_none_or(|u| u.iter().any(|x| x == "Workload"))
    }
}

/// The parsed view built once per check.
pub struct Calico<'a> {
    pub anns: Vec<Ann<'a>>,
    pub pools: Vec<Pool>,
    /// (metadata node, short key) → index into `anns`, for sibling lookups.
    by_holder: std::collections::HashMap<(NodeId, String), usize>,
}

impl<'a> Calico<'a> {
    pub fn build(cx: &Semantic<'a>) -> Calico<'a> {
        let y = cx.yaml;
        let mut anns = Vec::new();
        for a in cx.annotations() {
            let Some(short) = a.key.strip_prefix(PREFIX) else {
                continue;
            };
            let Some(vid) = y.resolve(a.value_node) else {
                continue;
            };
            let Some(map) = y.get(a.holder.metadata, "annotations") else {
                continue;
            };
            let text = match &y.node(vid).kind {
                Kind::Scalar { value, .. } if !y.is_null(vid) => Some(value.to_string()),
                _ => None,
            };
            let mut list = None;
            let mut empty_list = false;
            if let Some(t) = text.as_deref().filter(|t| !t.is_empty()) {
                if let Ok(v) = gojson::unmarshal(t, &gojson::STRING_SLICE) {
                    match &v.value {
                        Value::Array(items) if !items.is_empty() => {
                            list = Some(
                                items
                                    .iter()
                                    .map(|i| {
                                        let s = match &i.value {
                                            Value::String(s) => s.clone(),
                                            _ => String::new(),
                                        };
                                        let raw = &t[i.start..i.end];
                                        let (start, end) = if raw.len() >= 2
                                            && !raw.contains('\\')
                                            && raw.len() - 2 == s.len()
                                        {
                                            (i.start + 1, i.end - 1)
                                        } else {
                                            (i.start, i.end)
                                        };
                                        Item {
                                            value: s,
                                            start,
                                            end,
                                        }
                                    })
                                    .collect(),
                            )
                        }
                        _ => empty_list = true,
                    }
                }
            }
            anns.push(Ann {
                holder: a.holder,
                key: a.key.to_string(),
                short: short.to_string(),
                key_node: a.key_node,
                value_node: vid,
                map,
                text,
                list,
                empty_list,
            });
        }
        let mut pools = Vec::new();
        for (py, o, inv) in cx.all_objects() {
            if o.kind() != "IPPool" {
                continue;
            }
            pools.push(pool_of(py, o, inv));
        }
        let by_holder = anns
            .iter()
            .enumerate()
            .map(|(i, a)| ((a.holder.metadata, a.short.clone()), i))
            .collect();
        Calico {
            anns,
            pools,
            by_holder,
        }
    }

    /// The annotation `short` of the same metadata as `ann`.
    pub fn sibling(&self, ann: &Ann, short: &str) -> Option<&Ann<'a>> {
        self.by_holder
            .get(&(ann.holder.metadata, short.to_string()))
            .map(|&i| &self.anns[i])
    }

    /// Annotations of pods (Pod and pod templates).
    pub fn pod_anns(&self) -> impl Iterator<Item = &Ann<'a>> {
        self.anns
            .iter()
            .filter(|a| matches!(a.holder.place, Place::Pod | Place::Template))
    }

    /// Annotations Calico reads: pods, and Namespaces for the pool keys.
    pub fn read_anns(&self) -> impl Iterator<Item = &Ann<'a>> {
        self.anns.iter().filter(|a| {
            matches!(a.holder.place, Place::Pod | Place::Template)
                || (a.holder.place == Place::Namespace && is_namespace_key(&a.short))
        })
    }

    pub fn has_pools(&self) -> bool {
        !self.pools.is_empty()
    }

    /// The enabled pool whose CIDR is exactly `net`.
    pub fn pool_by_cidr(&self, net: (IpAddr, u8)) -> Option<&Pool> {
        self.pools.iter().find(|p| p.cidr == Some(net))
    }

    pub fn pool_by_name(&self, name: &str) -> Option<&Pool> {
        self.pools.iter().find(|p| p.name.as_deref() == Some(name))
    }
}

fn pool_of(y: &Yaml, o: &Object, inventory: bool) -> Pool {
    let spec = y.get(o.node, "spec").filter(|&s| y.is_map(s));
    let field = |k: &str| spec.and_then(|s| y.get(s, k));
    let cidr = field("cidr")
        .and_then(|c| y.str_value(c))
        .and_then(|c| gonet::parse_cidr(c.trim()).ok())
        .map(|(_, net, p)| (net, p));
    let disabled = field("disabled").is_some_and(|d| y.scalar(d) == Some("true"));
    let allowed_uses = field("allowedUses").filter(|&u| y.is_seq(u)).map(|u| {
        y.items(u)
            .iter()
            .filter_map(|&i| y.str_value(i).map(str::to_string))
            .collect()
    });
    Pool {
        name: o.name.clone(),
        cidr,
        disabled,
        allowed_uses,
        node_selector: field("nodeSelector")
            .and_then(|s| y.str_value(s))
            .map(str::to_string),
        namespace_selector: field("namespaceSelector")
            .and_then(|s| y.str_value(s))
            .map(str::to_string),
        inventory,
        node: o.node,
    }
}

/// Kubernetes' DNS-1123 subdomain (what an IPPool name must be).
pub fn is_dns1123_subdomain(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// Go's formatting of an IP (IPv4-mapped addresses print as IPv4).
pub fn go_ip(ip: &IpAddr) -> String {
    match gonet::to4(ip) {
        Some(v4) => v4.to_string(),
        None => ip.to_string(),
    }
}

/// A scalar field's text and node of a mapping.
pub fn str_field<'y>(y: &'y Yaml, map: NodeId, key: &str) -> Option<(NodeId, &'y str)> {
    let v = y.get(map, key)?;
    Some((v, y.str_value(v)?))
}
