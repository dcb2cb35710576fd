use crate::fix::diagnostic::{Applicability, Severity};
use crate::rules::calico::common::{ann_diag, item_range, replace_items, Ann};
use crate::rules::checker::Checker;
use crate::syntax::gonet;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every element of `ipAddrs`, `ipAddrsNoIpam` and `floatingIPs` is a bare
    /// IP address as Go's `net.ParseIP` reads it (no prefix length, no spaces, no names).
    ///
    /// ## Why is this bad?
    /// Calico fails the pod with `invalid IP format: 10.244.3.251/32`. Floating IPs that are
    /// not addresses are silently dropped.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["10.244.3.251/32"]'
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
    ///     cni.projectcalico.org/ipAddrs: '["10.244.3.251"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Offered for a host prefix only (`/32` on IPv4, `/128` on IPv6): the address is the
    /// same. Safe on `ipAddrs`/`ipAddrsNoIpam`, where Calico fails on the element, so the fix
    /// only removes the failure; unsafe on `floatingIPs`, where Calico silently drops the
    /// element today, so the fix makes the pod get a floating IP it does not get now. Only
    /// the element's characters are edited; the value's layout is kept.
    pub static CAL_S001 = ("CAL-S001", "calico-ip-not-bare-address", Error, Sometimes);
}

/// `ipAddrs`, `ipAddrsNoIpam` and `floatingIPs`.
pub fn check(cx: &mut Checker, ann: &Ann) {
    let Some(list) = &ann.list else { return };
    for (idx, item) in list.iter().enumerate() {
        if gonet::parse_ip(&item.value).is_some() {
            continue;
        }
        let v = &item.value;
        let floating = ann.short == "floatingIPs";
        let msg = if floating {
            format!(
                "{}: {v:?} is not a bare IP address; Calico silently drops floating IPs it cannot parse",
                ann.key
            )
        } else {
            format!(
                "{}: {v:?} is not a bare IP address (net.ParseIP); Calico fails with: invalid IP format: {v}",
                ann.key
            )
        };
        let mut d = ann_diag(cx, &CAL_S001, ann, item_range(cx, ann, item), msg);
        if floating {
            d.severity = Severity::Warning;
        }
        if let Ok((ip, _, prefix)) = gonet::parse_cidr(v) {
            let host = (ip.is_ipv4() && prefix == 32) || (ip.is_ipv6() && prefix == 128);
            if host {
                let bare = v.split('/').next().unwrap_or(v).to_string();
                // On floatingIPs the entry is dropped today: making it count programs a
                // floating IP the cluster does not have now.
                let applicability = if floating {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                };
                d.fix = Some(cx.fix(
                    format!("Drop the /{prefix}"),
                    applicability,
                    replace_items(cx, ann, &[(idx, bare)]),
                ));
            }
        }
        cx.push(d);
    }
}
