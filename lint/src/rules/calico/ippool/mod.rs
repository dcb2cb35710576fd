//! CAL-IP001..CAL-IP017 (IPPool) and CAL-R001 (IPReservation): Calico's validation of
//! both API groups (`projectcalico.org/v3`, `crd.projectcalico.org/v1`).

pub mod cal_ip001_ippool_crd_api_version;
pub mod cal_ip002_ippool_cidr_invalid;
pub mod cal_ip003_ippool_cidr_not_masked;
pub mod cal_ip004_ippool_link_local;
pub mod cal_ip005_ippool_block_size_range;
pub mod cal_ip006_ippool_smaller_than_block;
pub mod cal_ip007_ippool_mode_invalid;
pub mod cal_ip008_ippool_ipip_and_vxlan;
pub mod cal_ip009_ippool_ipip_on_ipv6;
pub mod cal_ip010_ippool_overlap;
pub mod cal_ip011_ippool_allowed_uses_invalid;
pub mod cal_ip012_ippool_global_selector;
pub mod cal_ip013_cluster_scoped_namespace;
pub mod cal_ip014_ippool_name_invalid;
pub mod cal_ip015_ippool_encap_without_nat;
pub mod cal_ip016_ippool_deprecated_fields;
pub mod cal_ip017_ippool_unknown_field;
pub mod cal_r001_ipreservation_cidr_invalid;
pub mod common;

pub use cal_ip001_ippool_crd_api_version::CAL_IP001;
pub use cal_ip002_ippool_cidr_invalid::CAL_IP002;
pub use cal_ip003_ippool_cidr_not_masked::CAL_IP003;
pub use cal_ip004_ippool_link_local::CAL_IP004;
pub use cal_ip005_ippool_block_size_range::CAL_IP005;
pub use cal_ip006_ippool_smaller_than_block::CAL_IP006;
pub use cal_ip007_ippool_mode_invalid::CAL_IP007;
pub use cal_ip008_ippool_ipip_and_vxlan::CAL_IP008;
pub use cal_ip009_ippool_ipip_on_ipv6::CAL_IP009;
pub use cal_ip010_ippool_overlap::CAL_IP010;
pub use cal_ip011_ippool_allowed_uses_invalid::CAL_IP011;
pub use cal_ip012_ippool_global_selector::CAL_IP012;
pub use cal_ip013_cluster_scoped_namespace::CAL_IP013;
pub use cal_ip014_ippool_name_invalid::CAL_IP014;
pub use cal_ip015_ippool_encap_without_nat::CAL_IP015;
pub use cal_ip016_ippool_deprecated_fields::CAL_IP016;
pub use cal_ip017_ippool_unknown_field::CAL_IP017;
pub use cal_r001_ipreservation_cidr_invalid::CAL_R001;

use crate::rules::checker::Checker;
use common::{cidr, mode_enabled, pools};

/// Each pool in input order, as Calico validates it: the rules after the CIDR
/// (CAL-IP003..IP006, IP009, IP011, IP012, IP015, IP010) only when it is valid.
pub fn check(cx: &mut Checker) {
    let mut seen = Vec::new();
    for p in pools(cx) {
        cal_ip013_cluster_scoped_namespace::check(cx, &p);
        cal_ip014_ippool_name_invalid::check(cx, &p);
        if p.is_reservation() {
            cal_r001_ipreservation_cidr_invalid::check(cx, &p);
            continue;
        }
        cal_ip001_ippool_crd_api_version::check(cx, &p);
        cal_ip002_ippool_cidr_invalid::check(cx, &p);
        cal_ip016_ippool_deprecated_fields::check(cx, &p);
        let c = cidr(cx.yaml, &p);
        cal_ip017_ippool_unknown_field::check(cx, &p, c.is_some());
        cal_ip007_ippool_mode_invalid::check(cx, &p);
        cal_ip008_ippool_ipip_and_vxlan::check(cx, &p);
        let (Some(spec), Some(c)) = (p.spec, c) else {
            continue;
        };
        cal_ip003_ippool_cidr_not_masked::check(cx, &p, &c);
        cal_ip004_ippool_link_local::check(cx, &p, &c);
        cal_ip005_ippool_block_size_range::check(cx, &p, spec, &c);
        cal_ip006_ippool_smaller_than_block::check(cx, &p, spec, &c);
        cal_ip009_ippool_ipip_on_ipv6::check(cx, &p, spec, &c);
        cal_ip015_ippool_encap_without_nat::check(cx, &p, spec);
        let y = cx.yaml;
        let encap = mode_enabled(y, spec, "ipipMode") || mode_enabled(y, spec, "vxlanMode");
        cal_ip011_ippool_allowed_uses_invalid::check(cx, &p, spec, encap);
        cal_ip012_ippool_global_selector::check(cx, &p, spec);
        let net = (c.net, c.prefix);
        cal_ip010_ippool_overlap::check(cx, &p, net, &seen);
        seen.push((p.obj.name.clone().unwrap_or_default(), net));
    }
}
