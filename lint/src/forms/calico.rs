//! The Calico form: a pod's `cni.projectcalico.org/*` annotations as pools, fixed
//! addresses, floating IPs, MAC and address families.
//!
//! Each annotation is read the way Calico reads it (Go `encoding/json` into `[]string`). An
//! annotation that does not decode is kept as written and reported at its field; the form
//! never rewrites it behind the user's back. The form offers only what Calico accepts:
//! one address per family, `ipAddrs` or `ipAddrsNoIpam` but not both, no fixed address on
//! a controller that runs several pods, pools of the right family.

use super::field::{CalicoField, FieldId};
use super::networks::FieldError;
use crate::syntax::gojson::{self, Value};
use crate::syntax::gonet;
use serde::{Deserialize, Serialize};

// The annotation table is the model's; the form edits the list keys but
// `allowedSourcePrefixes`, and `hwAddr`.
use crate::model::calico::{
    full_key as key, FLOATING_IPS, IPV4POOLS, IPV6POOLS, IP_ADDRS, IP_ADDRS_NO_IPAM, IP_FAMILIES,
};
pub use crate::model::calico::{HW_ADDR, PREFIX};

/// One `[]string` annotation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ListField {
    /// The value as written (`None`: the annotation is absent).
    pub raw: Option<String>,
    /// The decoded strings (`None` when absent or not decodable).
    pub items: Option<Vec<String>>,
    /// Go's decode error, when the value does not decode.
    pub error: Option<String>,
}

impl ListField {
    pub fn read(raw: Option<&str>) -> ListField {
        let Some(raw) = raw else {
            return ListField::default();
        };
        let mut f = ListField {
            raw: Some(raw.to_string()),
            ..ListField::default()
        };
        if raw.is_empty() {
            // Calico treats an empty value as absent.
            f.items = Some(vec![]);
            return f;
        }
        match gojson::unmarshal(raw, &gojson::STRING_SLICE) {
            Ok(v) => {
                f.items = Some(match &v.value {
                    Value::Array(items) => items
                        .iter()
                        .map(|i| match &i.value {
                            Value::String(s) => s.clone(),
                            _ => String::new(),
                        })
                        .collect(),
                    _ => vec![],
                })
            }
            Err(e) => f.error = Some(e.message().to_string()),
        }
        f
    }

    pub fn is_set(&self) -> bool {
        self.raw.as_deref().is_some_and(|r| !r.is_empty())
    }

    /// The decoded strings, or nothing.
    pub fn list(&self) -> &[String] {
        self.items.as_deref().unwrap_or(&[])
    }
}

/// How the pod gets its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Addressing {
    /// From IP pools by Calico IPAM (optionally restricted with `ipv4pools`/`ipv6pools`).
    Pools,
    /// Fixed addresses allocated through Calico IPAM (`ipAddrs`).
    Fixed,
    /// Fixed addresses without IPAM (`ipAddrsNoIpam`).
    FixedNoIpam,
}

/// A pod's Calico annotations as the form sees them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CalicoRead {
    pub ipv4pools: ListField,
    pub ipv6pools: ListField,
    pub ip_families: ListField,
    pub ip_addrs: ListField,
    pub ip_addrs_no_ipam: ListField,
    pub floating_ips: ListField,
    /// `hwAddr` as written (a plain MAC, not JSON).
    pub hw_addr: Option<String>,
    /// Why this pod may not use fixed addresses (several pods share the template), if so.
    pub fixed_blocked: Option<String>,
}

/// One annotation to set (`Some`) or remove (`None`). On the wire `[key, value]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(String, Option<String>)", into = "(String, Option<String>)")]
pub struct Change {
    /// The full annotation key.
    pub key: String,
    pub value: Option<String>,
}

impl Change {
    pub fn set(key: impl Into<String>, value: Option<String>) -> Change {
        Change {
            key: key.into(),
            value,
        }
    }

    /// The form field the annotation is edited in (where a refusal is shown).
    pub fn field(&self) -> FieldId {
        match self.key.strip_prefix(PREFIX) {
            Some(short) => FieldId::Calico(CalicoField::of_key(short)),
            None => FieldId::Networks,
        }
    }
}

impl From<(String, Option<String>)> for Change {
    fn from((key, value): (String, Option<String>)) -> Change {
        Change { key, value }
    }
}

impl From<Change> for (String, Option<String>) {
    fn from(c: Change) -> (String, Option<String>) {
        (c.key, c.value)
    }
}

/// A JSON array of strings, compact (`["a","b"]`), as Calico expects.
pub fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// The change that makes `short` hold `items`; an empty list removes the annotation (on
/// a Pod, `[]` would override the Namespace's pools with "any pool").
pub fn set_list(short: &str, items: &[String]) -> Change {
    let items: Vec<String> = items
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    Change::set(key(short), (!items.is_empty()).then(|| json_list(&items)))
}

/// The address family of an IP or CIDR text: 4, 6, or `None`.
pub fn family(s: &str) -> Option<u8> {
    let s = s.trim();
    let ip = if s.contains('/') {
        gonet::parse_cidr(s).ok().map(|(ip, _, _)| ip)
    } else {
        gonet::parse_ip(s)
    }?;
    Some(if gonet::is_ipv4(&ip) { 4 } else { 6 })
}

impl CalicoRead {
    /// Reads the annotations from a lookup by full key.
    pub fn read<'a>(get: impl Fn(&str) -> Option<&'a str>) -> CalicoRead {
        let list = |short: &str| ListField::read(get(&key(short)));
        CalicoRead {
            ipv4pools: list(IPV4POOLS),
            ipv6pools: list(IPV6POOLS),
            ip_families: list(IP_FAMILIES),
            ip_addrs: list(IP_ADDRS),
            ip_addrs_no_ipam: list(IP_ADDRS_NO_IPAM),
            floating_ips: list(FLOATING_IPS),
            hw_addr: get(&key(HW_ADDR)).map(str::to_string),
            fixed_blocked: None,
        }
    }

    pub fn field(&self, short: &str) -> Option<&ListField> {
        Some(match short {
            "ipv4pools" => &self.ipv4pools,
            "ipv6pools" => &self.ipv6pools,
            "ipFamilies" => &self.ip_families,
            "ipAddrs" => &self.ip_addrs,
            "ipAddrsNoIpam" => &self.ip_addrs_no_ipam,
            "floatingIPs" => &self.floating_ips,
            _ => return None,
        })
    }

    /// The addressing the annotations select (`ipAddrs` wins when both are set, as in
    /// Calico's switch; the form then shows the conflict).
    pub fn addressing(&self) -> Addressing {
        if self.ip_addrs.is_set() {
            Addressing::Fixed
        } else if self.ip_addrs_no_ipam.is_set() {
            Addressing::FixedNoIpam
        } else {
            Addressing::Pools
        }
    }

    /// The fixed-address annotation in use, if any.
    fn fixed_field(&self) -> Option<(&'static str, &ListField)> {
        match self.addressing() {
            Addressing::Fixed => Some(("ipAddrs", &self.ip_addrs)),
            Addressing::FixedNoIpam => Some(("ipAddrsNoIpam", &self.ip_addrs_no_ipam)),
            Addressing::Pools => None,
        }
    }

    /// The fixed address of `fam` (4 or 6), if one is set.
    pub fn fixed(&self, fam: u8) -> String {
        self.fixed_field()
            .and_then(|(_, f)| f.list().iter().find(|s| family(s) == Some(fam)).cloned())
            .unwrap_or_default()
    }

    /// The families `ipFamilies` requests (`None`: not set, the CNI configuration decides).
    pub fn families(&self) -> Option<Vec<String>> {
        self.ip_families
            .items
            .clone()
            .filter(|_| self.ip_families.is_set())
    }

    /// Why the pool fields do not apply, if they do not.
    pub fn pools_disabled(&self) -> Option<String> {
        self.fixed_field().map(|(k, _)| {
            format!("Calico ignores ipv4pools and ipv6pools when {k} is set: the fixed address path never picks from pools.")
        })
    }

    /// Why IPv6 pools do not apply, if they do not.
    pub fn v6_pools_disabled(&self) -> Option<String> {
        self.pools_disabled().or_else(|| {
            self.families()
                .filter(|f| !f.iter().any(|x| x == "IPv6"))
                .map(|_| "ipFamilies does not request IPv6, so Calico assigns no IPv6 address and ipv6pools has no effect.".to_string())
        })
    }

    /// Switches the addressing, moving fixed addresses between `ipAddrs` and
    /// `ipAddrsNoIpam` and removing what the new mode makes dead (pools next to fixed
    /// addresses). Refused for pods that share a template (see [`Self::fixed_blocked`]).
    pub fn set_addressing(&self, mode: Addressing) -> Result<Vec<Change>, String> {
        let current = self.addressing();
        if mode == current {
            return Ok(vec![]);
        }
        if mode != Addressing::Pools {
            if let Some(why) = &self.fixed_blocked {
                return Err(format!(
                    "Fixed addresses need a pod of its own: {why}, and every pod would request the same address. Use a pool per workload instead."
                ));
            }
        }
        let addrs: Vec<String> = self
            .fixed_field()
            .map(|(_, f)| f.list().to_vec())
            .unwrap_or_default();
        let mut out = vec![];
        let unset = |short: &str, f: &ListField, out: &mut Vec<Change>| {
            if f.raw.is_some() {
                out.push(Change::set(key(short), None));
            }
        };
        match mode {
            Addressing::Pools => {
                unset("ipAddrs", &self.ip_addrs, &mut out);
                unset("ipAddrsNoIpam", &self.ip_addrs_no_ipam, &mut out);
            }
            Addressing::Fixed | Addressing::FixedNoIpam => {
                let (to, from, from_field) = if mode == Addressing::Fixed {
                    ("ipAddrs", "ipAddrsNoIpam", &self.ip_addrs_no_ipam)
                } else {
                    ("ipAddrsNoIpam", "ipAddrs", &self.ip_addrs)
                };
                unset(from, from_field, &mut out);
                unset("ipv4pools", &self.ipv4pools, &mut out);
                unset("ipv6pools", &self.ipv6pools, &mut out);
                if !addrs.is_empty() {
                    out.push(set_list(to, &addrs));
                }
            }
        }
        Ok(out)
    }

    /// Sets the fixed IPv4 and IPv6 address (one per family, as Calico allows); empty
    /// strings leave a family out. `mode` says which annotation to use when the pod has
    /// none yet (pool mode): `ipAddrs` unless [`Addressing::FixedNoIpam`].
    pub fn set_fixed(
        &self,
        v4: &str,
        v6: &str,
        mode: Addressing,
    ) -> Result<Vec<Change>, FieldError> {
        let (v4, v6) = (v4.trim(), v6.trim());
        for (fam, v, field) in [(4, v4, CalicoField::FixedV4), (6, v6, CalicoField::FixedV6)] {
            let field = FieldId::Calico(Some(field));
            if v.is_empty() {
                continue;
            }
            if v.contains('/') {
                return Err(FieldError::new(
                    field,
                    format!(
                        "Calico wants a bare address, without a prefix length: {}",
                        v.split('/').next().unwrap_or(v)
                    ),
                ));
            }
            match family(v) {
                Some(f) if f == fam => {}
                Some(_) => {
                    return Err(FieldError::new(
                        field,
                        format!("{v} is not an IPv{fam} address"),
                    ))
                }
                None => {
                    return Err(FieldError::new(
                        field,
                        format!("invalid IP format: {v} (Calico parses it with Go's net.ParseIP)"),
                    ))
                }
            }
        }
        if !v4.is_empty() || !v6.is_empty() {
            if let Some(why) = &self.fixed_blocked {
                return Err(FieldError::new(
                    FieldId::Calico(Some(CalicoField::Addressing)),
                    format!("Fixed addresses need a pod of its own: {why}."),
                ));
            }
        }
        let addrs: Vec<String> = [v4, v6]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let target = match (self.addressing(), mode) {
            (Addressing::FixedNoIpam, _) | (Addressing::Pools, Addressing::FixedNoIpam) => {
                "ipAddrsNoIpam"
            }
            _ => "ipAddrs",
        };
        let mut out = vec![];
        if self.addressing() == Addressing::Pools && !addrs.is_empty() {
            // Entering fixed mode: the pool annotations would be dead.
            for (short, f) in [
                ("ipv4pools", &self.ipv4pools),
                ("ipv6pools", &self.ipv6pools),
            ] {
                if f.raw.is_some() {
                    out.push(Change::set(key(short), None));
                }
            }
        }
        out.push(set_list(target, &addrs));
        Ok(out)
    }

    /// Sets `ipFamilies`: `None` removes it (the CNI configuration decides); otherwise at
    /// least one family (an empty list would request no address at all).
    pub fn set_families(&self, v4: bool, v6: bool) -> Vec<Change> {
        let mut fams = vec![];
        if v4 {
            fams.push("IPv4".to_string());
        }
        if v6 {
            fams.push("IPv6".to_string());
        }
        vec![set_list("ipFamilies", &fams)]
    }

    /// Sets `hwAddr` (a plain MAC string; empty removes it).
    pub fn set_hw_addr(&self, mac: &str) -> Result<Vec<Change>, String> {
        let mac = mac.trim();
        if mac.is_empty() {
            return Ok(vec![Change::set(key(HW_ADDR), None)]);
        }
        match gonet::parse_mac(mac) {
            Ok(bytes) if bytes.len() == 6 && bytes[0] & 1 == 0 => {
                Ok(vec![Change::set(key(HW_ADDR), Some(mac.to_string()))])
            }
            Ok(bytes) if bytes.len() == 6 => Err(format!(
                "{mac} is a multicast address (the first octet is odd); the kernel refuses it for an interface"
            )),
            Ok(_) => Err(format!("{mac} is not an Ethernet (6-byte) MAC address")),
            Err(e) => Err(format!("invalid MAC address {mac}: {e}")),
        }
    }

    /// Sets `floatingIPs` from a comma- or space-separated list of bare addresses.
    pub fn set_floating(&self, text: &str) -> Result<Vec<Change>, String> {
        let items = super::split_list(text);
        for i in &items {
            if gonet::parse_ip(i).is_none() {
                return Err(format!(
                    "{i} is not a bare IP address; Calico silently drops floating IPs it cannot parse"
                ));
            }
        }
        Ok(vec![set_list("floatingIPs", &items)])
    }

    /// Adds pool `entry` (a pool name or CIDR) to the list of family `fam`.
    pub fn add_pool(&self, fam: u8, entry: &str) -> Result<Vec<Change>, String> {
        let short = if fam == 4 { "ipv4pools" } else { "ipv6pools" };
        let field = self.field(short).expect("pool key");
        if let Some(e) = &field.error {
            return Err(format!("fix the {short} annotation first: {e}"));
        }
        if let Some(why) = if fam == 4 {
            self.pools_disabled()
        } else {
            self.v6_pools_disabled()
        } {
            return Err(why);
        }
        let entry = entry.trim();
        if entry.is_empty() {
            return Err("type a pool name or CIDR".into());
        }
        if entry.contains('/') {
            match family(entry) {
                Some(f) if f != fam => {
                    return Err(format!(
                        "{entry} is an IPv{f} CIDR; Calico fails with \"{} isn't a IPv{fam} address\" in {short}",
                        entry.split('/').next().unwrap_or(entry)
                    ))
                }
                None => return Err(format!("{entry} is not a CIDR")),
                _ => {}
            }
        } else if family(entry).is_some() {
            return Err(format!(
                "{entry} is an address, not a pool: give the pool's name or its CIDR"
            ));
        }
        let mut items = field.list().to_vec();
        if items.iter().any(|i| i == entry) {
            return Ok(vec![]);
        }
        items.push(entry.to_string());
        Ok(vec![set_list(short, &items)])
    }

    /// Removes entry `index` from list `short`.
    pub fn remove_item(&self, short: &str, index: usize) -> Vec<Change> {
        let Some(field) = self.field(short) else {
            return vec![];
        };
        let mut items = field.list().to_vec();
        if index < items.len() {
            items.remove(index);
            vec![set_list(short, &items)]
        } else {
            vec![]
        }
    }
}
