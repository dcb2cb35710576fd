use std::net::IpAddr;

use super::common::{diag, span, PoolCx};
use crate::rules::calico::common::go_ip;
use crate::rules::checker::Checker;
use crate::syntax::gonet;

crate::declare_rule! {
    /// ## What it does
    /// Reports IPPools of the input that overlap each other (or a pool of the inventory with
    /// another name).
    ///
    /// ## Why is this bad?
    /// Creating the second pool fails: `IPPool(ippool-cs-1) CIDR overlaps with
    /// IPPool(default-ipv4-ippool) CIDR 192.168.0.0/16`. Since v3.32 an overlapping pool created
    /// through the CRD gets `Allocatable=False` (`CIDROverlap`) and is skipped by IPAM.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: default-ipv4-ippool
    /// spec:
    ///   cidr: 192.168.0.0/16
    /// ---
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: ippool-cs-1
    /// spec:
    ///   cidr: 192.168.10.0/24
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: default-ipv4-ippool
    /// spec:
    ///   cidr: 192.168.0.0/17
    /// ---
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: ippool-cs-1
    /// spec:
    ///   cidr: 192.168.128.0/24
    /// ```
    ///
    /// ## Fix safety
    /// No fix: shrink or replace the existing pool first (Calico's pool migration guide).
    pub static CAL_IP010 = ("CAL-IP010", "calico-ippool-overlap", Error, None);
}

/// `seen`: the name and network of each earlier pool of the input with a valid CIDR.
pub fn check(cx: &mut Checker, p: &PoolCx, net: (IpAddr, u8), seen: &[(String, (IpAddr, u8))]) {
    let name = p.obj.name.clone().unwrap_or_default();
    let mut others: Vec<(String, (IpAddr, u8))> = seen.to_vec();
    // Inventory pools with another name (a pool of the same name is this pool, updated).
    if let Some(inv) = &cx.inventory {
        for o in &inv.model.objects {
            if o.kind() == "IPPool" && o.name.as_deref() != Some(name.as_str()) {
                let spec = inv.yaml.get(o.node, "spec");
                let c = spec
                    .and_then(|s| inv.yaml.get(s, "cidr"))
                    .and_then(|c| inv.yaml.str_value(c))
                    .and_then(|c| gonet::parse_cidr(c.trim()).ok());
                if let Some((_, n, pr)) = c {
                    others.push((o.name.clone().unwrap_or_default(), (n, pr)));
                }
            }
        }
    }
    let Some((other, onet)) = others
        .iter()
        .find(|(n, c)| *n != name && gonet::cidrs_overlap(*c, net))
    else {
        return;
    };
    let y = cx.yaml;
    let r = p
        .spec
        .and_then(|s| y.get(s, "cidr"))
        .map(|v| span(cx, v))
        .unwrap_or((0, 0));
    let d = diag(
        cx,
        &CAL_IP010,
        p,
        "spec.cidr",
        r,
        format!(
            "IPPool {name} ({}/{}) overlaps IPPool {other} ({}/{}); Calico rejects the second pool: IPPool({name}) CIDR overlaps with IPPool({other}) CIDR {}/{} (since v3.32 an overlapping pool created through the CRD is marked Allocatable=False, CIDROverlap, and skipped by IPAM)",
            go_ip(&net.0), net.1, go_ip(&onet.0), onet.1, go_ip(&onet.0), onet.1
        ),
    );
    cx.push(d);
}
