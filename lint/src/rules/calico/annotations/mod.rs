//! CAL-A001..CAL-A008: the shape and placement of `cni.projectcalico.org/*` annotations.

pub mod cal_a001_pools_not_json_array;
pub mod cal_a002_annotation_not_a_string;
pub mod cal_a003_unknown_annotation_key;
pub mod cal_a004_annotation_in_labels;
pub mod cal_a005_annotation_on_controller;
pub mod cal_a006_annotation_empty;
pub mod cal_a007_managed_annotation_authored;
pub mod cal_a008_annotation_on_host_network_pod;

pub use cal_a001_pools_not_json_array::CAL_A001;
pub use cal_a002_annotation_not_a_string::CAL_A002;
pub use cal_a003_unknown_annotation_key::{suggest_key, CAL_A003};
pub use cal_a004_annotation_in_labels::CAL_A004;
pub use cal_a005_annotation_on_controller::CAL_A005;
pub use cal_a006_annotation_empty::CAL_A006;
pub use cal_a007_managed_annotation_authored::CAL_A007;
pub use cal_a008_annotation_on_host_network_pod::CAL_A008;

use crate::model::calico::Calico;
use crate::rules::checker::Checker;

/// CAL-A001 reads every annotation as written; the others each decoded Calico annotation,
/// then the labels (CAL-A004).
pub fn check(cx: &mut Checker, m: &Calico) {
    cal_a001_pools_not_json_array::check(cx);
    for ann in &m.anns {
        cal_a002_annotation_not_a_string::check(cx, ann);
        cal_a003_unknown_annotation_key::check(cx, ann);
        cal_a005_annotation_on_controller::check(cx, ann);
        cal_a006_annotation_empty::check(cx, ann);
        cal_a007_managed_annotation_authored::check(cx, ann);
        cal_a008_annotation_on_host_network_pod::check(cx, ann);
    }
    cal_a004_annotation_in_labels::check(cx);
}
