//! `v1.multus-cni.io/default-network` (`tryLoadK8sPodDefaultNetwork`): MUL-D01..D04.

pub mod mul_d01_default_network_multiple;
pub mod mul_d02_default_network_empty;
pub mod mul_d03_default_network_namespace;
pub mod mul_d04_default_network_runtime_request;

use crate::model::multus::{Element, Format};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{Ctx, Site};

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    let mut out = Vec::new();
    for site in ctx.sites.iter().filter(|s| s.is_default) {
        mul_d02_default_network_empty::check(cx, site, &mut out);
        mul_d01_default_network_multiple::check(cx, site, &mut out);
        mul_d03_default_network_namespace::check(cx, ctx, site, &mut out);
        mul_d04_default_network_runtime_request::check(cx, site, &mut out);
    }
    for d in out {
        cx.push(d);
    }
}

/// The one element of a default-network value that names a network Multus looks up (not
/// empty, unreadable, several networks, or a name with `/` or `@`).
pub fn single_element<'s>(site: &'s Site) -> Option<&'s Element> {
    let n = &site.networks;
    if n.format == Format::Empty
        || (n.error.is_some() && n.elements.is_empty())
        || n.elements.len() > 1
    {
        return None;
    }
    let e = n.elements.first()?;
    if e.error.is_some() || e.name_str().is_empty() || e.name_str().contains(['/', '@']) {
        return None;
    }
    Some(e)
}
