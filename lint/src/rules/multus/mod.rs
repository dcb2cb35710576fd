//! Multus rules (`spec/multus.md` section 11).
//!
//! The annotations are parsed once per check ([`Ctx`]) with [`crate::model::multus`]; each family
//! file reads the parsed model and reports with spans mapped back into the YAML source.

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
pub use crate::syntax::text::edit_distance;
pub use common::*;

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
    &json::MUL_J01,
    &json::MUL_J02,
    &json::MUL_J03,
    &json::MUL_J04,
    &json::MUL_J05,
    &json::MUL_J06,
    &json::MUL_J07,
    &json::MUL_J08,
    &json::MUL_J09,
    &json::MUL_J10,
    &json::MUL_J11,
    &json::MUL_J12,
    &json::MUL_J13,
    &json::MUL_J14,
    &json::MUL_J15,
    &json::MUL_J16,
    &json::MUL_J17,
    &json::MUL_J18,
    &json::MUL_J20,
    &json::MUL_J21,
    &json::MUL_J22,
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
    let ctx = Ctx::build(cx);
    placement::check(cx);
    short::check(cx, &ctx);
    json::check(cx, &ctx);
    default_net::check(cx, &ctx);
    cross::check(cx, &ctx);
    nad::check(cx, &ctx);
    calico::check(cx, &ctx);
}
