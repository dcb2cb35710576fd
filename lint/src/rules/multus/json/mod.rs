//! The JSON form (`parsePodNetworkAnnotation`, `NetworkSelectionElement`): MUL-J01..J22.

pub mod mul_j01_networks_invalid_json;
pub mod mul_j02_networks_not_array;
pub mod mul_j03_networks_wrong_type;
pub mod mul_j04_json_missing_name;
pub mod mul_j05_json_name_with_namespace;
pub mod mul_j06_json_invalid_name;
pub mod mul_j07_json_unknown_key;
pub mod mul_j08_json_interface_request;
pub mod mul_j09_json_invalid_ip;
pub mod mul_j10_json_invalid_mac;
pub mod mul_j11_json_invalid_infiniband_guid;
pub mod mul_j12_json_default_route_not_ip;
pub mod mul_j13_json_multiple_default_routes;
pub mod mul_j14_json_empty_default_route;
pub mod mul_j15_json_invalid_interface;
pub mod mul_j16_interface_name_clash;
pub mod mul_j17_json_invalid_port_mapping;
pub mod mul_j18_json_invalid_bandwidth;
pub mod mul_j20_json_ipam_claim_with_ips;
pub mod mul_j21_static_address_in_template;
pub mod mul_j22_default_route_effects;

use crate::model::multus::{self as m, Format};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{Ctx, Site};

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    let mut out = Vec::new();
    for site in &ctx.sites {
        if site.networks.format != Format::Json {
            continue;
        }
        // Multus stops at these: the element rules must not run.
        if mul_j01_networks_invalid_json::check(cx, site, &mut out)
            || mul_j02_networks_not_array::check(cx, site, &mut out)
        {
            continue;
        }
        mul_j03_networks_wrong_type::check(cx, site, &mut out);
        let mut gws = mul_j13_json_multiple_default_routes::Gateways::default();
        for (i, e) in site.networks.elements.iter().enumerate() {
            let label = format!(
                "{}[{i}]",
                if site.is_default {
                    "default-network"
                } else {
                    "networks"
                }
            );
            mul_j04_json_missing_name::check(cx, site, e, &label, &mut out);
            mul_j05_json_name_with_namespace::check(cx, site, e, &label, &mut out);
            mul_j06_json_invalid_name::check(cx, site, e, &label, &mut out);
            mul_j07_json_unknown_key::check(cx, site, e, &label, &mut out);
            mul_j08_json_interface_request::check(cx, site, e, &label, &mut out);
            mul_j09_json_invalid_ip::check(cx, site, e, &label, &mut out);
            mul_j10_json_invalid_mac::check(cx, site, e, &label, &mut out);
            mul_j11_json_invalid_infiniband_guid::check(cx, site, e, &label, &mut out);
            mul_j14_json_empty_default_route::check(cx, site, e, &label, &mut out);
            mul_j22_default_route_effects::check(cx, site, e, &label, &mut out);
            mul_j12_json_default_route_not_ip::check(cx, site, e, &label, &mut out);
            mul_j13_json_multiple_default_routes::check(cx, site, e, &label, &mut gws, &mut out);
            mul_j15_json_invalid_interface::check(cx, site, e, &label, &mut out);
            mul_j17_json_invalid_port_mapping::check(cx, site, e, &label, &mut out);
            mul_j18_json_invalid_bandwidth::check(cx, site, e, &label, &mut out);
            mul_j20_json_ipam_claim_with_ips::check(cx, site, e, &label, &mut out);
            mul_j21_static_address_in_template::check(cx, site, e, &label, &mut out);
        }
    }
    mul_j16_interface_name_clash::check(cx, ctx, &mut out);
    for d in out {
        cx.push(d);
    }
}

/// The annotation key of a site, for messages.
pub fn what(site: &Site) -> &'static str {
    if site.is_default {
        m::DEFAULT_NETWORK_KEY
    } else {
        m::NETWORKS_KEY
    }
}
