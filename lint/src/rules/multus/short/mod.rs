//! The comma-delimited short form (`parsePodNetworkObjectName`): MUL-S01..S06.

pub mod mul_s01_empty_network_name;
pub mod mul_s02_short_form_invalid_name;
pub mod mul_s03_short_form_extra_slash;
pub mod mul_s04_short_form_extra_at;
pub mod mul_s05_short_form_invalid_interface;
pub mod mul_s06_short_form_wrong_separator;

use crate::model::multus::Format;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{element_label, Ctx};

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    let mut out = Vec::new();
    for site in &ctx.sites {
        if site.networks.format != Format::Short {
            continue;
        }
        for (i, e) in site.networks.elements.iter().enumerate() {
            let label = element_label(site, i);
            mul_s03_short_form_extra_slash::check(cx, site, e, &label, &mut out);
            mul_s04_short_form_extra_at::check(cx, site, e, &label, &mut out);
            mul_s06_short_form_wrong_separator::check(cx, site, e, &label, &mut out);
            mul_s02_short_form_invalid_name::check(cx, site, i, e, &label, &mut out);
            mul_s01_empty_network_name::check(cx, site, i, e, &label, &mut out);
            mul_s05_short_form_invalid_interface::check(cx, site, e, &label, &mut out);
        }
    }
    for d in out {
        cx.push(d);
    }
}
