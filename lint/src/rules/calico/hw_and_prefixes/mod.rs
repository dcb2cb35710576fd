//! CAL-H001 (`hwAddr`) and CAL-X001 (`allowedSourcePrefixes`).

pub mod cal_h001_hwaddr_invalid;
pub mod cal_x001_source_prefix_invalid;

pub use cal_h001_hwaddr_invalid::CAL_H001;
pub use cal_x001_source_prefix_invalid::CAL_X001;

use crate::model::calico::{Calico, ALLOWED_SOURCE_PREFIXES, HW_ADDR};
use crate::rules::checker::Checker;

pub fn check(cx: &mut Checker, m: &Calico) {
    for ann in m.pod_anns() {
        match ann.short.as_str() {
            HW_ADDR => cal_h001_hwaddr_invalid::check(cx, ann),
            ALLOWED_SOURCE_PREFIXES => cal_x001_source_prefix_invalid::check(cx, ann),
            _ => {}
        }
    }
}
