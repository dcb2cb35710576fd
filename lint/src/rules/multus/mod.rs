//! Multus rules (`spec/multus.md` section 11).

use crate::checker::Checker;

/// The Multus rules, in catalog order.
pub static RULES: &[&crate::rules::Rule] = &[];

pub fn check(cx: &mut Checker) {
    let _ = cx;
}
