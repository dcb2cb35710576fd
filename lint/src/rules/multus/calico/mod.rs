//! Calico interplay on Multus pods: MUL-C03 (MUL-C01 and MUL-C02 are aliases of the
//! Calico rules CAL-A001 and CAL-S003).

pub mod mul_c03_calico_annotations_not_for_multus_attachments;

use crate::rules::checker::Checker;
use crate::rules::multus::common::Ctx;

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    mul_c03_calico_annotations_not_for_multus_attachments::check(cx, ctx);
}
