//! Calico rules (`spec/calico.md` section 9).

pub mod cal_a001;

use crate::checker::Checker;

/// The `cni.projectcalico.org/` annotations whose value Calico decodes as a JSON array of
/// strings.
pub const JSON_ARRAY_KEYS: &[&str] = &[
    "cni.projectcalico.org/ipv4pools",
    "cni.projectcalico.org/ipv6pools",
    "cni.projectcalico.org/ipFamilies",
    "cni.projectcalico.org/ipAddrs",
    "cni.projectcalico.org/ipAddrsNoIpam",
    "cni.projectcalico.org/floatingIPs",
    "cni.projectcalico.org/allowedSourcePrefixes",
];

/// The Calico rules, in catalog order.
pub static RULES: &[&crate::rules::Rule] = &[&cal_a001::CAL_A001];

pub fn check(cx: &mut Checker) {
    cal_a001::check(cx);
}
