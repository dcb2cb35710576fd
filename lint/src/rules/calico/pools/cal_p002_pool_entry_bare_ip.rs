use super::common::{entries, Entry};
use crate::rules::calico::common::{ann_diag, item_range, Ann};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports a pool entry that is a bare IP address (`10.0.0.0`) instead of a CIDR.
    ///
    /// ## Why is this bad?
    /// A bare IP is not a CIDR, so Calico looks it up as a pool name and fails:
    /// `error parsing pool "10.0.0.0": invalid CIDR address: 10.0.0.0`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["10.0.0.0"]'
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
    ///     cni.projectcalico.org/ipv4pools: '["10.0.0.0/16"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the prefix length is unknown.
    pub static CAL_P002 = ("CAL-P002", "calico-pool-entry-bare-ip", Error, None);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    for (_, item, kind) in entries(ann) {
        if !matches!(kind, Entry::BareIp) {
            continue;
        }
        let entry = item.value.as_str();
        let d = ann_diag(
            cx,
            &CAL_P002,
            ann,
            item_range(cx, ann, item),
            format!(
                "{}: {entry} is a bare IP address, not a CIDR, so Calico looks it up as a pool name and fails with: error parsing pool \"{entry}\": invalid CIDR address: {entry}",
                ann.key
            ),
        );
        cx.push(d);
    }
}
