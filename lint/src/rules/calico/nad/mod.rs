//! CAL-M002..CAL-M012: Calico as a Multus attachment. The NetworkAttachmentDefinition
//! config (`spec.config`, parsed by the shared NAD model) is checked for the Calico fields,
//! and pods attaching Calico networks are checked against their own Calico annotations.
//! CAL-M001 and CAL-M008 are aliases of Multus rules (MUL-N04, MUL-S*/MUL-J*).

pub mod cal_m002_nad_assign_flag_not_string;
pub mod cal_m003_nad_without_k8s_policy;
pub mod cal_m004_nad_ipam_not_calico;
pub mod cal_m005_nad_primary_network_name;
pub mod cal_m006_nad_second_calico_interface;
pub mod cal_m007_pod_pools_override_nad;
pub mod cal_m009_nad_ips_or_mac_requested;
pub mod cal_m010_pools_with_foreign_plugin;
pub mod cal_m011_ipam_config_not_top_level;
pub mod cal_m012_nad_nodename;
pub mod common;

pub use cal_m002_nad_assign_flag_not_string::CAL_M002;
pub use cal_m003_nad_without_k8s_policy::CAL_M003;
pub use cal_m004_nad_ipam_not_calico::CAL_M004;
pub use cal_m005_nad_primary_network_name::CAL_M005;
pub use cal_m006_nad_second_calico_interface::CAL_M006;
pub use cal_m007_pod_pools_override_nad::CAL_M007;
pub use cal_m009_nad_ips_or_mac_requested::CAL_M009;
pub use cal_m010_pools_with_foreign_plugin::CAL_M010;
pub use cal_m011_ipam_config_not_top_level::CAL_M011;
pub use cal_m012_nad_nodename::CAL_M012;

use crate::model::calico::Calico;
use crate::rules::checker::Checker;
use common::{any_calico, networks_value, NadSite, PodNets};

/// Each NAD of the input, then each pod attaching a Calico network (or calico-ipam under
/// another plugin).
pub fn check(cx: &mut Checker, m: &Calico) {
    let index = cx.nads();
    for nad in index.nads.iter().filter(|n| !n.from_inventory) {
        let Some(site) = NadSite::new(cx, nad) else {
            continue;
        };
        cal_m002_nad_assign_flag_not_string::check(cx, &site);
        cal_m003_nad_without_k8s_policy::check(cx, &site);
        cal_m005_nad_primary_network_name::check(cx, &site);
        cal_m012_nad_nodename::check(cx, &site);
        cal_m011_ipam_config_not_top_level::check(cx, &site);
    }
    if !any_calico(&index) {
        return;
    }
    for h in &cx.model.holders {
        let Some((nv, value)) = networks_value(cx, h) else {
            continue;
        };
        let obj = cx.object(h.object);
        let nets = cx.networks(nv, value, &obj.effective_namespace);
        let Some(pod) = PodNets::new(cx, m, &index, h, nv, value, &nets) else {
            continue;
        };
        cal_m006_nad_second_calico_interface::check(cx, &pod);
        cal_m009_nad_ips_or_mac_requested::check(cx, &pod);
        cal_m004_nad_ipam_not_calico::check(cx, &pod);
        cal_m007_pod_pools_override_nad::check(cx, &pod);
        cal_m010_pools_with_foreign_plugin::check(cx, &pod);
    }
}
