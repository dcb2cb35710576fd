//! What the IPPool and IPReservation rules share: the objects checked, the pool's CIDR,
//! modes and block size as Calico's validation reads them, and the finding constructor.

use std::net::IpAddr;

use crate::fix::diagnostic::Diagnostic;
use crate::fix::edit;
use crate::model::k8s::Object;
use crate::rules::checker::Checker;
use crate::rules::Rule;
use crate::syntax::gonet;
use crate::syntax::yaml::{NodeId, Yaml};

pub const MODES: &[&str] = &["Always", "CrossSubnet", "Never"];
pub const ASSIGNMENT: &[&str] = &["Automatic", "Manual"];

/// An IPPool or IPReservation of a Calico API group, and its `spec` mapping.
pub struct PoolCx<'o> {
    pub obj: &'o Object,
    pub spec: Option<NodeId>,
}

impl PoolCx<'_> {
    /// The object's name for messages.
    pub fn name(&self) -> String {
        self.obj.name.clone().unwrap_or_else(|| "(unnamed)".into())
    }

    pub fn is_reservation(&self) -> bool {
        self.obj.kind() == "IPReservation"
    }
}

/// The IPPools and IPReservations of the input (`projectcalico.org/v3` or
/// `crd.projectcalico.org/v1`), in input order.
pub fn pools<'a>(cx: &Checker<'a>) -> Vec<PoolCx<'a>> {
    let y = cx.yaml;
    cx.model
        .objects
        .iter()
        .filter(|obj| matches!(obj.kind(), "IPPool" | "IPReservation"))
        .filter(|obj| {
            obj.api_version
                .as_deref()
                .is_some_and(|a| a.contains("projectcalico.org"))
        })
        .map(|obj| PoolCx {
            obj,
            spec: y.get(obj.node, "spec").filter(|&s| y.is_map(s)),
        })
        .collect()
}

pub fn diag(
    cx: &Checker,
    rule: &Rule,
    p: &PoolCx,
    path: &str,
    range: (usize, usize),
    msg: impl Into<String>,
) -> Diagnostic {
    cx.object_diagnostic(rule, p.obj, path.to_string(), range, msg)
}

pub fn span(cx: &Checker, n: NodeId) -> (usize, usize) {
    edit::node_text_range(cx.yaml, n)
}

/// Case-insensitive match of an enum value, ignoring `-` and `_`.
pub fn normalise(v: &str, allowed: &[&'static str]) -> Option<&'static str> {
    let k: String = v
        .chars()
        .filter(|c| *c != '-' && *c != '_' && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    allowed
        .iter()
        .copied()
        .find(|a| a.to_ascii_lowercase() == k)
}

/// A string field of the spec: its value node and text.
pub fn str_of(y: &Yaml, spec: NodeId, key: &str) -> Option<(NodeId, String)> {
    y.get(spec, key)
        .and_then(|v| y.str_value(v).map(|s| (v, s.to_string())))
}

/// A boolean field of the spec is `true`.
pub fn flag(y: &Yaml, spec: NodeId, key: &str) -> bool {
    y.get(spec, key)
        .is_some_and(|v| y.scalar(v) == Some("true"))
}

/// The encapsulation mode `key` (`ipipMode`, `vxlanMode`) is set and, read leniently, not
/// `Never`.
pub fn mode_enabled(y: &Yaml, spec: NodeId, key: &str) -> bool {
    str_of(y, spec, key).is_some_and(|(_, val)| normalise(&val, MODES).unwrap_or(&val) != "Never")
}

/// A valid `spec.cidr`: Calico validates the rest of the spec only after it.
pub struct Cidr {
    /// The value node.
    pub node: NodeId,
    pub text: String,
    pub ip: IpAddr,
    pub net: IpAddr,
    pub prefix: u8,
}

impl Cidr {
    pub fn v4(&self) -> bool {
        gonet::is_ipv4(&self.net)
    }
}

/// The pool's CIDR, when `spec.cidr` is a string that parses (CAL-IP002 reports the rest).
pub fn cidr(y: &Yaml, p: &PoolCx) -> Option<Cidr> {
    let (node, text) = str_of(y, p.spec?, "cidr")?;
    let (ip, net, prefix) = gonet::parse_cidr(text.trim()).ok()?;
    Some(Cidr {
        node,
        text,
        ip,
        net,
        prefix,
    })
}

/// `spec.blockSize` and its bounds for the pool's family.
pub struct BlockSize {
    pub lo: i64,
    pub hi: i64,
    /// The `blockSize` entry (key and value nodes), if written.
    pub entry: Option<(NodeId, NodeId)>,
    /// The block size Calico uses: the written one when in bounds, else the default;
    /// `None` when the written one is out of bounds or not a number.
    pub value: Option<i64>,
}

pub fn block_size(y: &Yaml, spec: NodeId, v4: bool) -> BlockSize {
    let (lo, hi, default) = if v4 { (20, 32, 26) } else { (116, 128, 122) };
    let entry = y.get_entry(spec, "blockSize");
    let value = match entry {
        None => Some(default),
        Some((_, bv)) => match y.scalar(bv).unwrap_or("").trim().parse::<i64>() {
            Ok(b) if (lo..=hi).contains(&b) => Some(b),
            _ => None,
        },
    };
    BlockSize {
        lo,
        hi,
        entry,
        value,
    }
}

/// `spec.allowedUses` (a sequence): its node and the string items with their nodes.
pub fn allowed_uses(y: &Yaml, spec: NodeId) -> Option<(NodeId, Vec<(NodeId, String)>)> {
    let list = y.get(spec, "allowedUses").filter(|&l| y.is_seq(l))?;
    let items = y
        .items(list)
        .iter()
        .filter_map(|&i| y.str_value(i).map(|s| (i, s.to_string())))
        .collect();
    Some((list, items))
}

/// A use every edition of the profile's version knows (`LoadBalancer` since v3.30).
pub fn known_use(cx: &Checker, u: &str) -> bool {
    matches!(u, "Workload" | "Tunnel") || (u == "LoadBalancer" && lb_known(cx))
}

/// The `LoadBalancer` use exists (Calico v3.30+).
pub fn lb_known(cx: &Checker) -> bool {
    crate::rules::calico::common::version_at_least(cx, 3, 30)
}
