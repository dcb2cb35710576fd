use std::net::IpAddr;

use super::common::{entries, is_v4, Entry};
use crate::fix::diagnostic::Applicability;
use crate::fix::edit;
use crate::rules::calico::common::{
    ann_diag, delete_ann, go_ip, item_range, json_list, replace_list, Ann, Calico, Pool, IPV4POOLS,
    IPV6POOLS, PREFIX,
};
use crate::rules::checker::Checker;
use crate::syntax::gonet;

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPv6 CIDR or pool under `ipv4pools`, or an IPv4 one under `ipv6pools`
    /// (pools in the input or inventory are resolved by name).
    ///
    /// ## Why is this bad?
    /// calico-ipam's `ResolvePools` checks the family and fails the pod:
    /// `"fd00::1:0" isn't a IPv4 address` (or `... isn't a IPv6 address`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["fd00::1:0/120"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv6pools: '["fd00::1:0/120"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the entry moves to the key of its family (the emptied key is removed). That
    /// removes the failure, but a pod-level pool key of the other family now restricts (or
    /// overrides the Namespace's) pools for that family, and the author may have meant a
    /// different entry rather than the other key.
    pub static CAL_P003 = ("CAL-P003", "calico-pool-family-mismatch", Error, Sometimes);
}

pub fn check(cx: &mut Checker, m: &Calico, ann: &Ann) {
    let v4 = is_v4(ann);
    for (idx, item, kind) in entries(ann) {
        match kind {
            Entry::OtherFamilyCidr { net } => family_mismatch(cx, m, ann, idx, &net, None),
            Entry::Name => {
                let Some(p) = m.pool_by_name(&item.value) else {
                    continue;
                };
                if let Some((net, _)) = p.cidr {
                    if gonet::is_ipv4(&net) != v4 {
                        family_mismatch(cx, m, ann, idx, &net, Some(p));
                    }
                }
            }
            _ => {}
        }
    }
}

fn family_mismatch(
    cx: &mut Checker,
    m: &Calico,
    ann: &Ann,
    idx: usize,
    net: &IpAddr,
    pool: Option<&Pool>,
) {
    let Some(list) = &ann.list else { return };
    let item = &list[idx];
    let v4 = is_v4(ann);
    let (want, other_short) = if v4 {
        ("IPv4", IPV6POOLS)
    } else {
        ("IPv6", IPV4POOLS)
    };
    let via = pool
        .map(|p| format!(" (pool {} has CIDR {})", p.display_name(), p.cidr_text()))
        .unwrap_or_default();
    let mut d = ann_diag(
        cx,
        &CAL_P003,
        ann,
        item_range(cx, ann, item),
        format!(
            "{}: {} is {} family{via}, not {want}; calico-ipam fails with: \"{}\" isn't a {want} address (move it to {PREFIX}{other_short})",
            ann.key,
            item.value,
            if v4 { "of the IPv6" } else { "of the IPv4" },
            go_ip(net)
        ),
    );
    // The fix: move the entry to the other key.
    let y = cx.yaml;
    let mut rest = ann.strings();
    let moved = rest.remove(idx);
    let other_key = format!("{PREFIX}{other_short}");
    let mut edits = Vec::new();
    match m.sibling(ann, other_short) {
        Some(other) => {
            if let Some(mut items) = other.list.as_ref().map(|_| other.strings()) {
                items.push(moved);
                edits.push(replace_list(cx, other, &items));
                if rest.is_empty() {
                    edits.extend(delete_ann(cx, ann));
                } else {
                    edits.push(replace_list(cx, ann, &rest));
                }
            }
        }
        None => {
            if rest.is_empty() {
                edits.push(edit::rename_key(y, ann.key_node, &other_key));
                edits.push(replace_list(cx, ann, &[moved]));
            } else {
                edits.push(replace_list(cx, ann, &rest));
                edits.extend(edit::insert_entry(
                    y,
                    ann.map,
                    &other_key,
                    &edit::quoted(&json_list(&[moved])),
                ));
            }
        }
    }
    if edits.len() == 2 {
        d.fix = Some(cx.fix(
            format!("Move the entry to {other_key}"),
            Applicability::Unsafe,
            edits,
        ));
    }
    cx.push(d);
}
