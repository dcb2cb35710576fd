//! NetworkAttachmentDefinitions: `spec.config` parsed as Multus/libcni read it
//! (`GetCNIConfigFromSpec`, `LoadDelegateNetConf`), and an index of NADs by
//! (namespace, name) over the input and the inventory.
//!
//! Spans in [`CniConfig`] are byte ranges within the `spec.config` string value.

use std::collections::BTreeMap;
use std::net::IpAddr;

use crate::model::k8s::Object;
use crate::model::semantic::Semantic;
use crate::syntax::gojson::{self, Spanned, SyntaxError, Value};
use crate::syntax::gonet;
use crate::syntax::yaml::{NodeId, Yaml};

use super::{Part, RESOURCE_NAME_KEY};

/// The seven CNI spec versions (containernetworking/cni `pkg/version` `All`).
pub const CNI_VERSIONS: &[&str] = &[
    "0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0",
];

pub const NAD_KIND: &str = "NetworkAttachmentDefinition";
pub const NAD_API_VERSION: &str = "k8s.cni.cncf.io/v1";

/// One plugin of a config (the config itself for a single-plugin config).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plugin {
    /// Span of the plugin object.
    pub span: (usize, usize),
    /// `type`, when it is a string.
    pub type_: Option<Part<String>>,
    /// Span of a `type` of another JSON type.
    pub type_wrong: Option<(usize, usize)>,
    /// `capabilities` entries whose value is a boolean.
    pub capabilities: Vec<(String, bool)>,
    /// Span of the `capabilities` object (or of its wrong-typed value).
    pub capabilities_span: Option<(usize, usize)>,
    pub ipam: Option<Ipam>,
    pub cni_version: Option<Part<String>>,
    /// host-device: a device named in the config (`device`, `hwaddr`, `kernelpath`,
    /// `pciBusID`), so it needs no device ID from Multus.
    pub device_given: bool,
}

/// Plugin types that take their device from the `deviceID` Multus injects from the
/// device-plugin allocation of the NAD's `resourceName` (`delegateAddDeviceID`): without
/// one they fail (`SRIOV-CNI failed to load netconf: LoadConf(): VF pci addr is required`).
pub const DEVICE_PLUGIN_TYPES: &[&str] = &[
    "sriov",
    "ib-sriov",
    "accelerated-bridge",
    "vdpa",
    "rdma",
    "host-device",
];

/// Plugin types that work without an injected device: Multus leaves `deviceID` empty and
/// goes on (the `resourceName` of an OVS NAD is the bridge marker's scheduling resource).
pub const DEVICELESS_PLUGIN_TYPES: &[&str] = &[
    "ovs",
    "bridge",
    "macvlan",
    "ipvlan",
    "vlan",
    "ptp",
    "loopback",
    "tuning",
    "portmap",
    "bandwidth",
    "firewall",
    "sbr",
    "vrf",
    "dummy",
    "tap",
    "static",
    "host-local",
    "dhcp",
    "whereabouts",
    "calico",
    "flannel",
    "cilium-cni",
    "kube-ovn",
    "ovn-k8s-cni-overlay",
    "bond",
    "route-override",
];

/// Whether a NAD's plugins need a device from the device plugin: `Some(true)` when one of
/// them does, `Some(false)` when every plugin is known to work without one, `None` when the
/// config is not readable or names a plugin podnet does not know.
pub fn needs_device(config: &Config) -> Option<bool> {
    let Config::Parsed(c) = config else {
        return None;
    };
    let mut known = !c.plugins.is_empty();
    for p in &c.plugins {
        let t = p.type_str();
        if t == "host-device" {
            if !p.device_given {
                return Some(true);
            }
        } else if DEVICE_PLUGIN_TYPES.contains(&t) {
            return Some(true);
        } else if !(DEVICELESS_PLUGIN_TYPES.contains(&t) || t.starts_with("ovs-mirror-")) {
            known = false;
        }
    }
    if known {
        Some(false)
    } else {
        None
    }
}

impl Plugin {
    pub fn type_str(&self) -> &str {
        self.type_.as_ref().map(|p| p.value.as_str()).unwrap_or("")
    }
    pub fn has_capability(&self, cap: &str) -> bool {
        self.capabilities.iter().any(|(c, v)| c == cap && *v)
    }
}

/// The `ipam` section of a plugin.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ipam {
    pub span: (usize, usize),
    pub type_: Option<String>,
    /// static IPAM `addresses[].address`.
    pub addresses: Vec<String>,
    /// Subnets from `subnet`, `ranges[][].subnet`, static `addresses`, whereabouts `range`.
    pub subnets: Vec<(IpAddr, u8)>,
}

/// A parsed `spec.config` JSON object.
#[derive(Debug, Clone, PartialEq)]
pub struct CniConfig {
    pub tree: Spanned<Value>,
    pub cni_version: Option<Spanned<Value>>,
    pub name: Option<Spanned<Value>>,
    /// Top-level `type` (any JSON type).
    pub type_: Option<Spanned<Value>>,
    /// Top-level `plugins` (any JSON type).
    pub plugins_value: Option<Spanned<Value>>,
    /// Whether Multus treats it as a conflist (`type` empty or absent).
    pub is_list: bool,
    /// The plugins: the `plugins` objects for a list, else the config itself.
    pub plugins: Vec<Plugin>,
    /// Top-level key spans by key (first occurrence).
    pub keys: BTreeMap<String, (usize, usize)>,
}

impl CniConfig {
    /// `cniVersion` when it is a string.
    pub fn version_str(&self) -> Option<&str> {
        match &self.cni_version.as_ref()?.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn name_str(&self) -> Option<&str> {
        match &self.name.as_ref()?.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    /// The plugin owning the IPAM (first plugin with an `ipam` section).
    pub fn ipam(&self) -> Option<&Ipam> {
        self.plugins.iter().find_map(|p| p.ipam.as_ref())
    }
    pub fn has_capability(&self, cap: &str) -> bool {
        self.plugins.iter().any(|p| p.has_capability(cap))
    }
}

/// What `spec.config` is.
#[derive(Debug, Clone, PartialEq)]
pub enum Config {
    /// No `spec.config` (or empty): Multus reads a node file.
    Missing,
    /// Not a YAML string (its YAML type word).
    NotString(&'static str),
    /// Not valid JSON.
    Invalid(SyntaxError),
    /// Valid JSON of another kind than object (Go's kind name).
    NotObject(&'static str),
    Parsed(Box<CniConfig>),
}

/// One NetworkAttachmentDefinition.
#[derive(Debug, Clone)]
pub struct Nad {
    pub name: String,
    pub namespace: String,
    pub from_inventory: bool,
    /// `k8s.v1.cni.cncf.io/resourceName`.
    pub resource_name: Option<String>,
    pub config: Config,
    /// The decoded `spec.config` string, when it is a string.
    pub config_text: Option<String>,
    /// The `spec.config` node (in the YAML the NAD comes from).
    pub config_node: Option<NodeId>,
    /// Index of the object in its model.
    pub object_index: usize,
}

impl Nad {
    pub fn parsed(&self) -> Option<&CniConfig> {
        match &self.config {
            Config::Parsed(c) => Some(c),
            _ => None,
        }
    }
}

/// Whether an object is a NAD (by kind; apiVersion is checked by MUL-N01).
pub fn is_nad(o: &Object) -> bool {
    o.kind() == NAD_KIND
}

/// Builds the model of a NAD object.
pub fn from_object(y: &Yaml, o: &Object, index: usize, from_inventory: bool) -> Nad {
    let resource_name = y
        .get(o.node, "metadata")
        .and_then(|m| y.get(m, "annotations"))
        .and_then(|a| y.get(a, RESOURCE_NAME_KEY))
        .and_then(|v| y.str_value(v))
        .map(str::to_string);
    let config_node = y.get(o.node, "spec").and_then(|s| y.get(s, "config"));
    let (config, config_text) = match config_node {
        None => (Config::Missing, None),
        Some(c) if y.is_null(c) => (Config::Missing, None),
        Some(c) => match y.scalar(c) {
            Some(text) if y.type_word(c) == "string" => {
                if text.is_empty() {
                    (Config::Missing, Some(String::new()))
                } else {
                    (parse_config(text), Some(text.to_string()))
                }
            }
            _ => (Config::NotString(y.type_word(c)), None),
        },
    };
    Nad {
        name: o.name.clone().unwrap_or_default(),
        namespace: o.effective_namespace.clone(),
        from_inventory,
        resource_name,
        config,
        config_text,
        config_node,
        object_index: index,
    }
}

/// Parses a `spec.config` string.
pub fn parse_config(text: &str) -> Config {
    let tree = match gojson::parse(text) {
        Ok(t) => t,
        Err(e) => return Config::Invalid(e),
    };
    let Value::Object(members) = &tree.value else {
        return Config::NotObject(tree.value.kind_name());
    };
    let get = |k: &str| {
        members
            .iter()
            .find(|(key, _)| key.value == k)
            .map(|(_, v)| v.clone())
    };
    let mut keys = BTreeMap::new();
    for (k, _) in members {
        keys.entry(k.value.clone()).or_insert((k.start, k.end));
    }
    let cni_version = get("cniVersion");
    let name = get("name");
    let type_ = get("type");
    let plugins_value = get("plugins");
    let is_list = !matches!(&type_, Some(Spanned { value: Value::String(s), .. }) if !s.is_empty());
    let plugins = if is_list {
        match &plugins_value {
            Some(Spanned {
                value: Value::Array(items),
                ..
            }) => items.iter().map(plugin_of).collect(),
            _ => vec![],
        }
    } else {
        vec![plugin_of(&tree)]
    };
    Config::Parsed(Box::new(CniConfig {
        cni_version,
        name,
        type_,
        plugins_value,
        is_list,
        plugins,
        keys,
        tree,
    }))
}

fn member<'v>(v: &'v Spanned<Value>, k: &str) -> Option<&'v Spanned<Value>> {
    match &v.value {
        Value::Object(m) => m.iter().find(|(key, _)| key.value == k).map(|(_, v)| v),
        _ => None,
    }
}

fn str_of(v: Option<&Spanned<Value>>) -> Option<Part<String>> {
    match v {
        Some(
            s @ Spanned {
                value: Value::String(x),
                ..
            },
        ) => Some(Part {
            value: x.clone(),
            span: (s.start, s.end),
            key: None,
            key_text: None,
        }),
        _ => None,
    }
}

fn plugin_of(v: &Spanned<Value>) -> Plugin {
    let mut p = Plugin {
        span: (v.start, v.end),
        ..Plugin::default()
    };
    p.type_ = str_of(member(v, "type"));
    if p.type_.is_none() {
        p.type_wrong = member(v, "type").map(|t| (t.start, t.end));
    }
    p.cni_version = str_of(member(v, "cniVersion"));
    p.device_given = ["device", "hwaddr", "kernelpath", "pciBusID"]
        .iter()
        .any(|k| str_of(member(v, k)).is_some_and(|s| !s.value.is_empty()));
    if let Some(c) = member(v, "capabilities") {
        p.capabilities_span = Some((c.start, c.end));
        if let Value::Object(m) = &c.value {
            for (k, val) in m {
                if let Value::Bool(b) = val.value {
                    p.capabilities.push((k.value.clone(), b));
                }
            }
        }
    }
    if let Some(i) = member(v, "ipam").filter(|i| matches!(i.value, Value::Object(_))) {
        let mut ipam = Ipam {
            span: (i.start, i.end),
            type_: str_of(member(i, "type")).map(|p| p.value),
            ..Ipam::default()
        };
        let mut add_subnet = |s: &str| {
            if let Ok((_, net, prefix)) = gonet::parse_cidr(s) {
                ipam.subnets.push((net, prefix));
            }
        };
        for key in ["subnet", "range"] {
            if let Some(s) = str_of(member(i, key)) {
                add_subnet(&s.value);
            }
        }
        if let Some(Spanned {
            value: Value::Array(ranges),
            ..
        }) = member(i, "ranges")
        {
            for r in ranges {
                if let Value::Array(set) = &r.value {
                    for rr in set {
                        if let Some(s) = str_of(member(rr, "subnet")) {
                            add_subnet(&s.value);
                        }
                    }
                }
            }
        }
        if let Some(Spanned {
            value: Value::Array(addrs),
            ..
        }) = member(i, "addresses")
        {
            for a in addrs {
                if let Some(s) = str_of(member(a, "address")) {
                    add_subnet(&s.value);
                    ipam.addresses.push(s.value);
                }
            }
        }
        p.ipam = Some(ipam);
    }
    p
}

/// NADs of the input and the inventory, by (namespace, name).
#[derive(Debug, Clone, Default)]
pub struct NadIndex {
    pub nads: Vec<Nad>,
}

impl NadIndex {
    /// Every NAD of the checked text (first) and of the inventory.
    pub fn build(cx: &Semantic) -> NadIndex {
        let mut nads = Vec::new();
        for (i, o) in cx.model.objects.iter().enumerate() {
            if is_nad(o) {
                nads.push(from_object(cx.yaml, o, i, false));
            }
        }
        if let Some(inv) = &cx.inventory {
            for (i, o) in inv.model.objects.iter().enumerate() {
                if is_nad(o) {
                    nads.push(from_object(inv.yaml, o, i, true));
                }
            }
        }
        NadIndex { nads }
    }

    /// The NAD `namespace/name`.
    pub fn get(&self, namespace: &str, name: &str) -> Option<&Nad> {
        self.nads
            .iter()
            .find(|n| n.namespace == namespace && n.name == name)
    }

    /// Namespaces other than `namespace` holding a NAD called `name`.
    pub fn other_namespaces(&self, namespace: &str, name: &str) -> Vec<String> {
        let mut v: Vec<String> = self
            .nads
            .iter()
            .filter(|n| n.name == name && n.namespace != namespace)
            .map(|n| n.namespace.clone())
            .collect();
        v.dedup();
        v
    }
}
