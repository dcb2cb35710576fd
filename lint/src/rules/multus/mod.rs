//! Multus rules (`spec/multus.md` section 11): the registry ([`RULES`]) and the dispatcher.
//!
//! One file per rule, named `<id>_<name>` (the rule name without `multus-`), in a folder per
//! family, the ID's letter: `placement/` (P), `short/` (S, the comma-delimited form), `json/`
//! (J), `default_net/` (D), `cross/` (X, references resolved against NADs), `nad/` (N),
//! `calico/` (C). A family's `mod.rs` walks what its rules look at (sites, elements, NAD
//! objects) and calls each rule's `check` in a fixed order. The annotations are parsed once
//! per check ([`common::Ctx`]); [`common`] holds the shared finding and fix helpers.

pub mod calico;
pub mod common;
pub mod cross;
pub mod default_net;
pub mod json;
pub mod json_repair;
pub mod nad;
pub mod placement;
pub mod short;

use crate::rules::checker::Checker;
use crate::rules::Rule;
use common::Ctx;

/// The Multus rules, in catalog order.
pub static RULES: &[&Rule] = &[
    &placement::mul_p01_annotation_on_controller::MUL_P01,
    &placement::mul_p02_key_in_labels::MUL_P02,
    &placement::mul_p03_annotation_key_typo::MUL_P03,
    &placement::mul_p04_annotation_not_string::MUL_P04,
    &placement::mul_p05_network_status_in_manifest::MUL_P05,
    &placement::mul_p07_metadata_field_outside_metadata::MUL_P07,
    &placement::mul_p08_networks_empty::MUL_P08,
    &short::mul_s01_empty_network_name::MUL_S01,
    &short::mul_s02_short_form_invalid_name::MUL_S02,
    &short::mul_s03_short_form_extra_slash::MUL_S03,
    &short::mul_s04_short_form_extra_at::MUL_S04,
    &short::mul_s05_short_form_invalid_interface::MUL_S05,
    &short::mul_s06_short_form_wrong_separator::MUL_S06,
    &json::mul_j01_networks_invalid_json::MUL_J01,
    &json::mul_j02_networks_not_array::MUL_J02,
    &json::mul_j03_networks_wrong_type::MUL_J03,
    &json::mul_j04_json_missing_name::MUL_J04,
    &json::mul_j05_json_name_with_namespace::MUL_J05,
    &json::mul_j06_json_invalid_name::MUL_J06,
    &json::mul_j07_json_unknown_key::MUL_J07,
    &json::mul_j08_json_interface_request::MUL_J08,
    &json::mul_j09_json_invalid_ip::MUL_J09,
    &json::mul_j10_json_invalid_mac::MUL_J10,
    &json::mul_j11_json_invalid_infiniband_guid::MUL_J11,
    &json::mul_j12_json_default_route_not_ip::MUL_J12,
    &json::mul_j13_json_multiple_default_routes::MUL_J13,
    &json::mul_j14_json_empty_default_route::MUL_J14,
    &json::mul_j15_json_invalid_interface::MUL_J15,
    &json::mul_j16_interface_name_clash::MUL_J16,
    &json::mul_j17_json_invalid_port_mapping::MUL_J17,
    &json::mul_j18_json_invalid_bandwidth::MUL_J18,
    &json::mul_j20_json_ipam_claim_with_ips::MUL_J20,
    &json::mul_j21_static_address_in_template::MUL_J21,
    &json::mul_j22_default_route_effects::MUL_J22,
    &default_net::mul_d01_default_network_multiple::MUL_D01,
    &default_net::mul_d02_default_network_empty::MUL_D02,
    &default_net::mul_d03_default_network_namespace::MUL_D03,
    &default_net::mul_d04_default_network_runtime_request::MUL_D04,
    &cross::mul_x01_nad_not_found::MUL_X01,
    &cross::mul_x02_cross_namespace_reference::MUL_X02,
    &cross::mul_x03_missing_capability::MUL_X03,
    &cross::mul_x04_static_ipam_needs_cidr::MUL_X04,
    &cross::mul_x05_host_local_multiple_ips::MUL_X05,
    &cross::mul_x06_device_resource_not_requested::MUL_X06,
    &cross::mul_x07_gateway_outside_subnet::MUL_X07,
    &nad::mul_n01_nad_wrong_api_version_or_kind::MUL_N01,
    &nad::mul_n02_nad_invalid_name::MUL_N02,
    &nad::mul_n03_nad_config_not_string::MUL_N03,
    &nad::mul_n04_nad_config_invalid_json::MUL_N04,
    &nad::mul_n05_nad_config_not_object::MUL_N05,
    &nad::mul_n06_nad_config_missing_type::MUL_N06,
    &nad::mul_n07_nad_config_type_and_plugins::MUL_N07,
    &nad::mul_n08_nad_config_cni_version::MUL_N08,
    &nad::mul_n09_nad_config_name_differs::MUL_N09,
    &nad::mul_n10_nad_config_from_node_file::MUL_N10,
    &nad::mul_n11_nad_config_field_type::MUL_N11,
    &nad::mul_n12_nad_config_outside_spec::MUL_N12,
    &calico::mul_c03_calico_annotations_not_for_multus_attachments::MUL_C03,
];

pub fn check(cx: &mut Checker) {
    let before = cx.diagnostics.len();
    let ctx = Ctx::build(cx);
    placement::check(cx);
    short::check(cx, &ctx);
    json::check(cx, &ctx);
    default_net::check(cx, &ctx);
    cross::check(cx, &ctx);
    nad::check(cx, &ctx);
    calico::check(cx, &ctx);
    // Findings read from a recovered value keep no fix: their edits would be in the
    // recovered text's coordinates, and the earlier error's fix comes first.
    for d in &mut cx.diagnostics[before..] {
        if d.message.ends_with(crate::fix::diagnostic::AFTER_RECOVERY) {
            d.fix = None;
        }
    }
}
