use crate::fix::diagnostic::AFTER_RECOVERY;
use crate::rules::calico::common::{ann_diag, item_range, lenient_ip, Ann};
use crate::rules::checker::Checker;
use crate::syntax::gonet;

crate::declare_rule! {
    /// ## What it does
    /// Reports more than one IPv4 (or IPv6) address in `ipAddrs`/`ipAddrsNoIpam`.
    ///
    /// ## Why is this bad?
    /// A pod gets one address per family: `cannot have more than one IPv4 address for
    /// "cni.projectcalico.org/ipAddrs" annotation`. Addresses for several replicas need a
    /// pool per workload and `ipv4pools`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["10.0.0.5", "10.0.0.6"]'
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
    ///     cni.projectcalico.org/ipAddrs: '["10.0.0.5", "fd00::5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which address to keep is the user's choice.
    pub static CAL_S002 = ("CAL-S002", "calico-ip-addrs-one-per-family", Error, None);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    let Some(list) = &ann.list else { return };
    let (mut v4, mut v6) = (false, false);
    // Calico stops at the first element that is not a bare IP (CAL-S001); past it the
    // elements are read leniently and the finding says so.
    let mut recovered = false;
    for item in list {
        let ip = match gonet::parse_ip(&item.value) {
            Some(ip) => ip,
            None => {
                recovered = true;
                match lenient_ip(&item.value) {
                    Some(ip) => ip,
                    None => continue,
                }
            }
        };
        let (seen, fam) = if gonet::is_ipv4(&ip) {
            (&mut v4, "IPv4")
        } else {
            (&mut v6, "IPv6")
        };
        if *seen {
            let d = ann_diag(
                cx,
                &CAL_S002,
                ann,
                item_range(cx, ann, item),
                format!(
                    "{}: a pod gets one address per family, but {} is a second {fam} address; Calico fails with: cannot have more than one {fam} address for \"{}\" annotation{}",
                    ann.key,
                    item.value,
                    ann.key,
                    if recovered { AFTER_RECOVERY } else { "" }
                ),
            );
            cx.push(d);
            return;
        }
        *seen = true;
    }
}
