//! CAL-S001..CAL-S009: specific addresses (`ipAddrs`, `ipAddrsNoIpam`, `floatingIPs`) and
//! the feature-gated annotations.

pub mod cal_s001_ip_not_bare_address;
pub mod cal_s002_ip_addrs_one_per_family;
pub mod cal_s003_ip_addrs_and_no_ipam;
pub mod cal_s004_ip_addrs_multiple_pods;
pub mod cal_s005_ip_addrs_rolling_update;
pub mod cal_s006_pools_ignored_with_ip_addrs;
pub mod cal_s007_ip_not_in_pool;
pub mod cal_s008_feature_not_enabled;
pub mod cal_s009_pod_annotation_on_namespace;

pub use cal_s001_ip_not_bare_address::CAL_S001;
pub use cal_s002_ip_addrs_one_per_family::CAL_S002;
pub use cal_s003_ip_addrs_and_no_ipam::CAL_S003;
pub use cal_s004_ip_addrs_multiple_pods::CAL_S004;
pub use cal_s005_ip_addrs_rolling_update::CAL_S005;
pub use cal_s006_pools_ignored_with_ip_addrs::CAL_S006;
pub use cal_s007_ip_not_in_pool::CAL_S007;
pub use cal_s008_feature_not_enabled::CAL_S008;
pub use cal_s009_pod_annotation_on_namespace::CAL_S009;

use crate::model::calico::{
    Calico, FLOATING_IPS, IPV4POOLS, IPV6POOLS, IP_ADDRS, IP_ADDRS_NO_IPAM,
};
use crate::rules::checker::Checker;

/// Each pod annotation, then each annotation (CAL-S009: on Namespaces).
pub fn check(cx: &mut Checker, m: &Calico) {
    for ann in m.pod_anns() {
        match ann.short.as_str() {
            IP_ADDRS | IP_ADDRS_NO_IPAM => {
                cal_s001_ip_not_bare_address::check(cx, ann);
                cal_s002_ip_addrs_one_per_family::check(cx, ann);
                cal_s003_ip_addrs_and_no_ipam::check(cx, m, ann);
                cal_s007_ip_not_in_pool::check(cx, m, ann);
                cal_s004_ip_addrs_multiple_pods::check(cx, ann);
                cal_s005_ip_addrs_rolling_update::check(cx, ann);
            }
            FLOATING_IPS => cal_s001_ip_not_bare_address::check(cx, ann),
            IPV4POOLS | IPV6POOLS => cal_s006_pools_ignored_with_ip_addrs::check(cx, m, ann),
            _ => {}
        }
        cal_s008_feature_not_enabled::check(cx, ann);
    }
    for ann in &m.anns {
        cal_s009_pod_annotation_on_namespace::check(cx, ann);
    }
}
