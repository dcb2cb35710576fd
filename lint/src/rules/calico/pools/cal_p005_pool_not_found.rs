use super::common::{entries, Entry};
use crate::rules::calico::common::{ann_diag, go_ip, item_range, Ann, Calico};
use crate::rules::checker::Checker;
use crate::syntax::gonet;

crate::declare_rule! {
    /// ## What it does
    /// When the input or the inventory holds IPPools, reports a pool name or CIDR that
    /// matches no pool exactly. Without any IPPool nothing is reported.
    ///
    /// ## Why is this bad?
    /// A name that matches no pool fails with `error parsing pool "x": invalid CIDR
    /// address: x`; a CIDR must equal a pool's CIDR exactly (subsets are not accepted):
    /// `the given pool (20.0.0.0/24) does not exist, or is not enabled`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["10.0.1.0/24"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["pool-a"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the message suggests the containing pool or the closest name.
    pub static CAL_P005 = ("CAL-P005", "calico-pool-not-found", Error, None);
}

/// Only when the input or the inventory has pools (otherwise nothing is known).
pub fn check(cx: &mut Checker, m: &Calico, ann: &Ann) {
    if !m.has_pools() {
        return;
    }
    for (_, item, kind) in entries(ann) {
        let entry = item.value.as_str();
        let message = match kind {
            Entry::Cidr { net, prefix, .. } if m.pool_by_cidr((net, prefix)).is_none() => {
                let cidr = format!("{}/{}", go_ip(&net), prefix);
                let hint = m
                    .pools
                    .iter()
                    .find(|p| p.cidr.is_some_and(|c| gonet::cidrs_overlap(c, (net, prefix))))
                    .map(|p| {
                        format!(
                            "; {cidr} is not exactly a pool (subsets are not accepted): it overlaps pool {} ({}), use its name or exact CIDR, or create a pool for the sub-range",
                            p.display_name(),
                            p.cidr_text()
                        )
                    })
                    .unwrap_or_default();
                format!(
                    "{}: no IPPool has the CIDR {cidr}; calico-ipam fails with: the given pool ({cidr}) does not exist, or is not enabled{hint}",
                    ann.key
                )
            }
            Entry::Name if m.pool_by_name(entry).is_none() => {
                let close = m
                    .pools
                    .iter()
                    .filter_map(|p| p.name.as_deref())
                    .filter(|n| {
                        n.eq_ignore_ascii_case(entry)
                            || crate::syntax::text::edit_distance(n, entry) <= 2
                    })
                    .map(|n| format!("; did you mean {n}?"))
                    .next()
                    .unwrap_or_default();
                format!(
                    "{}: no IPPool is named {entry}; calico-ipam fails with: error parsing pool \"{entry}\": invalid CIDR address: {entry}{close}",
                    ann.key
                )
            }
            _ => continue,
        };
        let d = ann_diag(cx, &CAL_P005, ann, item_range(cx, ann, item), message);
        cx.push(d);
    }
}
