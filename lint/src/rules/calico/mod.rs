//! Calico rules (`spec/calico.md` section 9).

pub mod annotations;
pub mod common;
pub mod hw_and_prefixes;
pub mod ip_addrs;
pub mod ippool;
pub mod nad;
pub mod pools;

/// The Calico model's old path (`rules::calico::model`), kept for callers.
pub use crate::model::calico as model;

use crate::rules::checker::Checker;

/// The Calico rules, in catalog order.
pub static RULES: &[&crate::rules::Rule] = &[
    &annotations::CAL_A001,
    &annotations::CAL_A002,
    &annotations::CAL_A003,
    &annotations::CAL_A004,
    &annotations::CAL_A005,
    &annotations::CAL_A006,
    &annotations::CAL_A007,
    &annotations::CAL_A008,
    &pools::CAL_P001,
    &pools::CAL_P002,
    &pools::CAL_P003,
    &pools::CAL_P004,
    &pools::CAL_P005,
    &pools::CAL_P006,
    &pools::CAL_P007,
    &pools::CAL_P008,
    &pools::CAL_P009,
    &ip_addrs::CAL_S001,
    &ip_addrs::CAL_S002,
    &ip_addrs::CAL_S003,
    &ip_addrs::CAL_S004,
    &ip_addrs::CAL_S005,
    &ip_addrs::CAL_S006,
    &ip_addrs::CAL_S007,
    &ip_addrs::CAL_S008,
    &ip_addrs::CAL_S009,
    &hw_and_prefixes::CAL_H001,
    &hw_and_prefixes::CAL_X001,
    &ippool::CAL_IP001,
    &ippool::CAL_IP002,
    &ippool::CAL_IP003,
    &ippool::CAL_IP004,
    &ippool::CAL_IP005,
    &ippool::CAL_IP006,
    &ippool::CAL_IP007,
    &ippool::CAL_IP008,
    &ippool::CAL_IP009,
    &ippool::CAL_IP010,
    &ippool::CAL_IP011,
    &ippool::CAL_IP012,
    &ippool::CAL_IP013,
    &ippool::CAL_IP014,
    &ippool::CAL_IP015,
    &ippool::CAL_IP016,
    &ippool::CAL_IP017,
    &ippool::CAL_R001,
    &nad::CAL_M002,
    &nad::CAL_M003,
    &nad::CAL_M004,
    &nad::CAL_M005,
    &nad::CAL_M006,
    &nad::CAL_M007,
    &nad::CAL_M009,
    &nad::CAL_M010,
    &nad::CAL_M011,
    &nad::CAL_M012,
];

pub fn check(cx: &mut Checker) {
    let m = cx.calico();
    annotations::check(cx, &m);
    pools::check(cx, &m);
    ip_addrs::check(cx, &m);
    hw_and_prefixes::check(cx, &m);
    ippool::check(cx);
    nad::check(cx, &m);
}
