use crate::fix::diagnostic::{Applicability, Severity};
use crate::rules::calico::common::{ann_diag, item_range, replace_list, Ann};
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
    /// Safe for a host prefix only (`/32` on IPv4, `/128` on IPv6): the address is the same.
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
                let mut items = ann.strings();
                items[idx] = v.split('/').next().unwrap_or(v).to_string();
                d.fix = Some(cx.fix(
                    format!("Drop the /{prefix}"),
                    Applicability::Safe,
                    vec![replace_list(cx, ann, &items)],
                ));
            }
        }
        cx.push(d);
    }
}
