//! Typed ids of the form fields, shared by the engine (which places findings and refused
//! values at a field) and the UI (which shows them there). On the wire and in the DOM a field
//! id is its text: `networks`, `networks.add`, `networks[1]`, `networks[1].ips`, `calico`,
//! `calico.ipv4pools`, `calico.fixed_v4`, `wizard.subnet`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Declares a field-name enum with its text.
macro_rules! names {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            fn parse(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}

names! {
    /// A field of one Multus attachment.
    NetField {
        Name = "name",
        Namespace = "namespace",
        Interface = "interface",
        Ips = "ips",
        Mac = "mac",
        DefaultRoute = "default_route",
        PortMappings = "port_mappings",
        Bandwidth = "bandwidth",
        CniArgs = "cni_args",
        InfinibandGuid = "infiniband_guid",
        DeviceId = "device_id",
        IpamClaimReference = "ipam_claim_reference",
    }
}

names! {
    /// A field of the Calico form (list fields are named by their annotation's short key).
    CalicoField {
        Addressing = "addressing",
        Fixed = "fixed",
        FixedV4 = "fixed_v4",
        FixedV6 = "fixed_v6",
        Ipv4Pools = "ipv4pools",
        Ipv6Pools = "ipv6pools",
        IpFamilies = "ipFamilies",
        FloatingIps = "floatingIPs",
        HwAddr = "hwAddr",
    }
}

names! {
    /// A field of the New wizard.
    WizardField {
        Kind = "kind",
        Cni = "cni",
        Ipam = "ipam",
        Name = "name",
        Namespace = "namespace",
        Network = "network",
        Master = "master",
        Bridge = "bridge",
        Resource = "resource",
        Subnet = "subnet",
        Address = "address",
        Image = "image",
        Replicas = "replicas",
    }
}

impl CalicoField {
    /// The field a Calico annotation (short key) is edited in: `ipAddrs` and
    /// `ipAddrsNoIpam` share the fixed-address field; `None` for keys the form does not edit.
    pub fn of_key(short: &str) -> Option<CalicoField> {
        match short {
            "ipAddrs" | "ipAddrsNoIpam" => Some(CalicoField::Fixed),
            s => CalicoField::parse(s).filter(|f| {
                !matches!(
                    f,
                    CalicoField::Addressing
                        | CalicoField::Fixed
                        | CalicoField::FixedV4
                        | CalicoField::FixedV6
                )
            }),
        }
    }
}

/// Where a message shows in the forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    /// The networks annotation as a whole.
    Networks,
    /// The "Add an attachment" row.
    NetworksAdd,
    /// Attachment `i` as a whole.
    Attachment(usize),
    /// One field of attachment `i`.
    Net(usize, NetField),
    /// The Calico annotations as a whole (`None`), or one field.
    Calico(Option<CalicoField>),
    Wizard(WizardField),
}

impl FieldId {
    /// An id-safe form for the DOM (`networks[1].ips` → `networks-1-ips`).
    pub fn dom_id(&self) -> String {
        self.to_string()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .replace("--", "-")
            .trim_end_matches('-')
            .to_string()
    }
}

impl fmt::Display for FieldId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldId::Networks => f.write_str("networks"),
            FieldId::NetworksAdd => f.write_str("networks.add"),
            FieldId::Attachment(i) => write!(f, "networks[{i}]"),
            FieldId::Net(i, n) => write!(f, "networks[{i}].{}", n.as_str()),
            FieldId::Calico(None) => f.write_str("calico"),
            FieldId::Calico(Some(c)) => write!(f, "calico.{}", c.as_str()),
            FieldId::Wizard(w) => write!(f, "wizard.{}", w.as_str()),
        }
    }
}

/// Text that is no field id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownField(pub String);

impl fmt::Display for UnknownField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no form field {:?}", self.0)
    }
}

impl FromStr for FieldId {
    type Err = UnknownField;

    fn from_str(s: &str) -> Result<FieldId, UnknownField> {
        let unknown = || UnknownField(s.to_string());
        Ok(match s {
            "networks" => FieldId::Networks,
            "networks.add" => FieldId::NetworksAdd,
            "calico" => FieldId::Calico(None),
            _ => {
                if let Some(rest) = s.strip_prefix("networks[") {
                    let (i, rest) = rest.split_once(']').ok_or_else(unknown)?;
                    let i: usize = i.parse().map_err(|_| unknown())?;
                    match rest.strip_prefix('.') {
                        None if rest.is_empty() => FieldId::Attachment(i),
                        Some(n) => FieldId::Net(i, NetField::parse(n).ok_or_else(unknown)?),
                        None => return Err(unknown()),
                    }
                } else if let Some(c) = s.strip_prefix("calico.") {
                    FieldId::Calico(Some(CalicoField::parse(c).ok_or_else(unknown)?))
                } else if let Some(w) = s.strip_prefix("wizard.") {
                    FieldId::Wizard(WizardField::parse(w).ok_or_else(unknown)?)
                } else {
                    return Err(unknown());
                }
            }
        })
    }
}

/// Tests and callers may compare with the text form.
impl PartialEq<&str> for FieldId {
    fn eq(&self, other: &&str) -> bool {
        other.parse::<FieldId>().is_ok_and(|o| o == *self)
    }
}

impl Serialize for FieldId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FieldId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FieldId, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_id_round_trips_through_its_text() {
        let mut all = vec![
            FieldId::Networks,
            FieldId::NetworksAdd,
            FieldId::Attachment(3),
            FieldId::Calico(None),
        ];
        all.extend(NetField::ALL.iter().map(|&n| FieldId::Net(12, n)));
        all.extend(CalicoField::ALL.iter().map(|&c| FieldId::Calico(Some(c))));
        all.extend(WizardField::ALL.iter().map(|&w| FieldId::Wizard(w)));
        for id in all {
            assert_eq!(id.to_string().parse::<FieldId>(), Ok(id));
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(serde_json::from_str::<FieldId>(&json).unwrap(), id);
        }
        assert_eq!(FieldId::Net(1, NetField::Ips).dom_id(), "networks-1-ips");
        for bad in [
            "",
            "networks[x]",
            "networks[1].nope",
            "networks[1]x",
            "calico.x",
        ] {
            assert!(bad.parse::<FieldId>().is_err(), "{bad}");
        }
    }
}
