//! Cross-object checks: each element resolved against its NAD (MUL-X01..X05, X07) and the
//! device resources of a pod's NADs (MUL-X06).

pub mod mul_x01_nad_not_found;
pub mod mul_x02_cross_namespace_reference;
pub mod mul_x03_missing_capability;
pub mod mul_x04_static_ipam_needs_cidr;
pub mod mul_x05_host_local_multiple_ips;
pub mod mul_x06_device_resource_not_requested;
pub mod mul_x07_gateway_outside_subnet;

use crate::model::multus::nad::Nad;
use crate::model::multus::{Element, Format};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{element_label, Ctx, Site};

/// One element Multus would look up, with its label, namespace and NAD (if found).
pub struct Target<'a> {
    pub site: &'a Site<'a>,
    pub e: &'a Element,
    pub label: String,
    /// The namespace the NAD is looked up in.
    pub ns: String,
    pub name: &'a str,
    pub nad: Option<&'a Nad>,
}

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let globals = cx.profile.multus.global_namespaces();
    for site in &ctx.sites {
        if site.networks.format == Format::Empty {
            continue;
        }
        for (i, e) in site.networks.elements.iter().enumerate() {
            if !resolvable(e) {
                continue;
            }
            let ns = e
                .resolved_namespace(&site.networks.default_namespace)
                .to_string();
            let t = Target {
                site,
                e,
                label: element_label(site, i),
                name: e.name_str(),
                nad: ctx.nads.get(&ns, e.name_str()),
                ns,
            };
            mul_x02_cross_namespace_reference::check(cx, &t, &globals, &mut out);
            mul_x07_gateway_outside_subnet::check(cx, &t, &mut out);
            mul_x01_nad_not_found::check(cx, &t, &mut missing);
            mul_x03_missing_capability::check(cx, &t, &mut out);
            mul_x04_static_ipam_needs_cidr::check(cx, &t, &mut out);
            mul_x05_host_local_multiple_ips::check(cx, &t, &mut out);
        }
    }
    mul_x01_nad_not_found::group(missing, &mut out);
    mul_x06_device_resource_not_requested::check(cx, ctx, &mut out);
    for d in out {
        cx.push(d);
    }
}

/// Whether the element is a lookup Multus would perform (parsed, named, not a path).
pub fn resolvable(e: &Element) -> bool {
    e.error.is_none() && !e.name_str().is_empty() && !e.name_str().contains(['/', '@'])
}
