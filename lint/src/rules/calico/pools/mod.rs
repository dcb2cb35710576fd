//! CAL-P001..CAL-P009: pool references in `ipv4pools`/`ipv6pools` and `ipFamilies`.

pub mod cal_p001_pool_entry_invalid;
pub mod cal_p002_pool_entry_bare_ip;
pub mod cal_p003_pool_family_mismatch;
pub mod cal_p004_pool_cidr_not_masked;
pub mod cal_p005_pool_not_found;
pub mod cal_p006_pool_not_usable;
pub mod cal_p007_pool_selector_bypassed;
pub mod cal_p008_ipv6pools_needs_ipv6;
pub mod cal_p009_ip_families_invalid;
pub mod common;

pub use cal_p001_pool_entry_invalid::CAL_P001;
pub use cal_p002_pool_entry_bare_ip::CAL_P002;
pub use cal_p003_pool_family_mismatch::CAL_P003;
pub use cal_p004_pool_cidr_not_masked::CAL_P004;
pub use cal_p005_pool_not_found::CAL_P005;
pub use cal_p006_pool_not_usable::CAL_P006;
pub use cal_p007_pool_selector_bypassed::CAL_P007;
pub use cal_p008_ipv6pools_needs_ipv6::CAL_P008;
pub use cal_p009_ip_families_invalid::CAL_P009;

use crate::model::calico::{Calico, IPV4POOLS, IPV6POOLS, IP_FAMILIES};
use crate::rules::checker::Checker;

/// Each annotation Calico reads (pods, and Namespaces for the pool keys).
pub fn check(cx: &mut Checker, m: &Calico) {
    for ann in m.read_anns() {
        match ann.short.as_str() {
            IPV4POOLS | IPV6POOLS => {
                cal_p001_pool_entry_invalid::check(cx, ann);
                cal_p002_pool_entry_bare_ip::check(cx, ann);
                cal_p003_pool_family_mismatch::check(cx, m, ann);
                cal_p004_pool_cidr_not_masked::check(cx, ann);
                cal_p005_pool_not_found::check(cx, m, ann);
                cal_p006_pool_not_usable::check(cx, m, ann);
                cal_p007_pool_selector_bypassed::check(cx, m, ann);
            }
            IP_FAMILIES => cal_p009_ip_families_invalid::check(cx, ann),
            _ => {}
        }
        if ann.short == IPV6POOLS && ann.list.is_some() {
            cal_p008_ipv6pools_needs_ipv6::check(cx, m, ann);
        }
    }
}
