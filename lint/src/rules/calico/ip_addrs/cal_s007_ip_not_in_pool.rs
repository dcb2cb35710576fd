use crate::fix::diagnostic::AFTER_RECOVERY;
use crate::rules::calico::common::{
    ann_diag, go_ip, has_bad_address, item_range, lenient_ip, version_at_least, Ann, Calico,
    IP_ADDRS,
};
use crate::rules::checker::Checker;
use crate::syntax::gonet;

crate::declare_rule! {
    /// ## What it does
    /// When the input or inventory holds IPPools, reports an `ipAddrs` address that is not
    /// inside any enabled pool.
    ///
    /// ## Why is this bad?
    /// calico-ipam's `AssignIP` fails: `error getting IP from IPAM: The provided IP address
    /// is not in a configured pool`. Disabled pools count as absent.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: default-ipv4-ippool
    /// spec:
    ///   cidr: 192.168.0.0/16
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["10.0.0.5"]'
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
    ///   name: default-ipv4-ippool
    /// spec:
    ///   cidr: 192.168.0.0/16
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["192.168.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_S007 = ("CAL-S007", "calico-ip-not-in-pool", Error, None);
}

/// `ipAddrs` (not `ipAddrsNoIpam`), when the input or the inventory has pools.
pub fn check(cx: &mut Checker, m: &Calico, ann: &Ann) {
    if ann.short != IP_ADDRS || !m.has_pools() {
        return;
    }
    let Some(list) = &ann.list else { return };
    let uses_enforced = version_at_least(cx, 3, 33);
    // Past an element Calico rejects (CAL-S001) it never reaches IPAM: the addresses are
    // read leniently (the address part of a CIDR) and the findings say so.
    let recovered = has_bad_address(ann);
    for item in list {
        let Some(ip) = lenient_ip(&item.value) else {
            continue;
        };
        let containing: Vec<_> = m
            .pools
            .iter()
            .filter(|p| p.cidr.is_some_and(|c| gonet::cidr_contains(c, ip)))
            .collect();
        if containing
            .iter()
            .any(|p| !p.disabled && (!uses_enforced || p.allows_workload()))
        {
            continue;
        }
        let why = match containing.first() {
            Some(p) if p.disabled => format!(
                " ({} is inside pool {}, which is disabled; disabled pools count as absent)",
                go_ip(&ip),
                p.display_name()
            ),
            Some(p) => format!(
                " (pool {} does not allow the Workload use; Calico after v3.32.1 fails with: IP address {} is in IP pool \"{}\", which is not allowed for use \"Workload\")",
                p.display_name(),
                go_ip(&ip),
                p.display_name()
            ),
            None => String::new(),
        };
        let d = ann_diag(
            cx,
            &CAL_S007,
            ann,
            item_range(cx, ann, item),
            format!(
                "{}: {} is not inside any enabled IPPool{why}; calico-ipam fails with: error getting IP from IPAM: The provided IP address is not in a configured pool{}",
                ann.key,
                item.value,
                if recovered { AFTER_RECOVERY } else { "" }
            ),
        );
        cx.push(d);
    }
}
