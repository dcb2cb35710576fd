//! What the pool rules share: each entry of `ipv4pools`/`ipv6pools` classified the way
//! calico-ipam reads it (a CIDR, else a pool name), and the pool it refers to.

use std::net::IpAddr;

use crate::rules::calico::common::{is_dns1123_subdomain, Ann, Calico, Item, Pool, IPV4POOLS};
use crate::syntax::gonet;

/// One entry of a pool annotation.
pub enum Entry {
    /// A CIDR of the annotation's family.
    Cidr { ip: IpAddr, net: IpAddr, prefix: u8 },
    /// A CIDR of the other family.
    OtherFamilyCidr { net: IpAddr },
    /// An IP address without a prefix.
    BareIp,
    /// Neither a CIDR nor a valid IPPool name.
    BadName,
    /// A valid IPPool name.
    Name,
}

/// The annotation is `ipv4pools` (else `ipv6pools`).
pub fn is_v4(ann: &Ann) -> bool {
    ann.short == IPV4POOLS
}

/// The decoded entries of a pool annotation with their index and kind.
pub fn entries<'a>(ann: &'a Ann) -> impl Iterator<Item = (usize, &'a Item, Entry)> + 'a {
    let v4 = is_v4(ann);
    ann.list
        .iter()
        .flatten()
        .enumerate()
        .map(move |(idx, item)| (idx, item, classify(&item.value, v4)))
}

fn classify(entry: &str, v4: bool) -> Entry {
    if let Ok((ip, net, prefix)) = gonet::parse_cidr(entry) {
        if gonet::is_ipv4(&net) != v4 {
            return Entry::OtherFamilyCidr { net };
        }
        return Entry::Cidr { ip, net, prefix };
    }
    if gonet::parse_ip(entry).is_some() {
        Entry::BareIp
    } else if !is_dns1123_subdomain(entry) {
        Entry::BadName
    } else {
        Entry::Name
    }
}

/// The pool a CIDR or name entry resolves to, when it is of the annotation's family (what
/// calico-ipam then uses, if the pool is usable).
pub fn resolved_pool<'m>(m: &'m Calico, v4: bool, entry: &str, kind: &Entry) -> Option<&'m Pool> {
    match kind {
        Entry::Cidr { net, prefix, .. } => m.pool_by_cidr((*net, *prefix)),
        Entry::Name => m
            .pool_by_name(entry)
            .filter(|p| p.cidr.is_none_or(|(net, _)| gonet::is_ipv4(&net) == v4)),
        _ => None,
    }
}
