//! The fields of a network-selection element (Multus' `NetworkSelectionElement`, plus the
//! NPWG `ipam-claim-reference`): one table that the parser, the writer, the rules and the
//! forms read, instead of each spelling the keys.

use super::{Element, Part, Span};

/// A field of a network-selection element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Namespace,
    Interface,
    /// Deprecated (`compatibility pre v3.2`).
    InterfaceRequest,
    Ips,
    Mac,
    InfinibandGuid,
    DefaultRoute,
    PortMappings,
    Bandwidth,
    CniArgs,
    DeviceId,
    /// Read only by IPAMClaim-aware controllers; Multus' struct has no such field.
    IpamClaimReference,
}

/// Every field, in the NPWG order the writer uses ([`super::element_fields`]).
pub const FIELDS: &[Field] = &[
    Field::Name,
    Field::Namespace,
    Field::Interface,
    Field::InterfaceRequest,
    Field::Ips,
    Field::Mac,
    Field::InfinibandGuid,
    Field::DefaultRoute,
    Field::PortMappings,
    Field::Bandwidth,
    Field::CniArgs,
    Field::DeviceId,
    Field::IpamClaimReference,
];

impl Field {
    /// The canonical JSON key.
    pub const fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Namespace => "namespace",
            Field::Interface => "interface",
            Field::InterfaceRequest => "interfaceRequest",
            Field::Ips => "ips",
            Field::Mac => "mac",
            Field::InfinibandGuid => "infiniband-guid",
            Field::DefaultRoute => "default-route",
            Field::PortMappings => "portMappings",
            Field::Bandwidth => "bandwidth",
            Field::CniArgs => "cni-args",
            Field::DeviceId => "deviceID",
            Field::IpamClaimReference => "ipam-claim-reference",
        }
    }

    /// Whether Multus decodes it (binding keys with Go's case-insensitive matching); the
    /// others bind only when written exactly.
    pub const fn multus_decodes(self) -> bool {
        !matches!(self, Field::IpamClaimReference)
    }

    /// Whether the short form (`namespace/name@interface`) can express it.
    pub const fn in_short_form(self) -> bool {
        matches!(self, Field::Name | Field::Namespace | Field::Interface)
    }

    /// The CNI capability that carries the request to the plugin (`runtimeConfig`).
    pub const fn capability(self) -> Option<&'static str> {
        match self {
            Field::Ips => Some("ips"),
            Field::Mac => Some("mac"),
            Field::InfinibandGuid => Some("infinibandGUID"),
            Field::PortMappings => Some("portMappings"),
            Field::Bandwidth => Some("bandwidth"),
            _ => None,
        }
    }

    /// The field a JSON key as written binds to.
    pub fn of_key(written: &str) -> Option<Field> {
        FIELDS.iter().copied().find(|f| {
            if f.multus_decodes() {
                super::key_matches(written, f.key())
            } else {
                written == f.key()
            }
        })
    }
}

/// Where a field of an element is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldAt<'a> {
    /// The value.
    pub span: Span,
    /// The quoted key (JSON form only).
    pub key: Option<Span>,
    /// The key as written (JSON form only).
    pub key_text: Option<&'a str>,
}

fn at<T>(p: &Option<Part<T>>) -> Option<FieldAt<'_>> {
    p.as_ref().map(|p| FieldAt {
        span: p.span,
        key: p.key,
        key_text: p.key_text.as_deref(),
    })
}

impl Element {
    /// Where field `f` is, `None` when the element does not have it.
    pub fn field(&self, f: Field) -> Option<FieldAt<'_>> {
        match f {
            Field::Name => at(&self.name),
            Field::Namespace => at(&self.namespace),
            Field::Interface => at(&self.interface),
            Field::InterfaceRequest => at(&self.interface_request),
            Field::Ips => at(&self.ips),
            Field::Mac => at(&self.mac),
            Field::InfinibandGuid => at(&self.infiniband_guid),
            Field::DefaultRoute => at(&self.default_route),
            Field::PortMappings => at(&self.port_mappings),
            Field::Bandwidth => at(&self.bandwidth),
            Field::CniArgs => at(&self.cni_args),
            Field::DeviceId => at(&self.device_id),
            Field::IpamClaimReference => at(&self.ipam_claim_reference),
        }
    }
}
