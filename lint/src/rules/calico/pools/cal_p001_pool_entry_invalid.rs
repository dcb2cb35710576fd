use super::common::{entries, Entry};
use crate::fix::diagnostic::Applicability;
use crate::rules::calico::common::{
    ann_diag, is_dns1123_subdomain, item_range, replace_items, Ann,
};
use crate::rules::checker::Checker;
use crate::syntax::gonet;

crate::declare_rule! {
    /// ## What it does
    /// Reports a pool entry that is neither a CIDR Go's `net.ParseCIDR` accepts nor a valid
    /// IPPool name (a lowercase DNS-1123 subdomain): spaces, uppercase letters, `_`.
    ///
    /// ## Why is this bad?
    /// Such an entry can never match a pool. calico-ipam fails with `error parsing pool
    /// "Pool_A": invalid CIDR address: Pool_A` and the pod stays in `ContainerCreating`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '[" pool-a"]'
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
    ///     cni.projectcalico.org/ipv4pools: '["pool-a"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe, and only offered, when trimming surrounding whitespace yields a valid CIDR or
    /// pool name. Case and other characters are never guessed.
    pub static CAL_P001 = ("CAL-P001", "calico-pool-entry-invalid", Error, Sometimes);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    for (idx, item, kind) in entries(ann) {
        if !matches!(kind, Entry::BadName) {
            continue;
        }
        let entry = item.value.as_str();
        let mut d = ann_diag(
            cx,
            &CAL_P001,
            ann,
            item_range(cx, ann, item),
            format!(
                "{}: {entry:?} is neither a CIDR nor a valid IPPool name (lowercase letters, digits, '-' and '.'); calico-ipam fails with: error parsing pool \"{entry}\": invalid CIDR address: {entry}",
                ann.key
            ),
        );
        let t = entry.trim();
        if t != entry && (gonet::parse_cidr(t).is_ok() || is_dns1123_subdomain(t)) {
            d.fix = Some(cx.fix(
                "Trim the whitespace",
                Applicability::Safe,
                replace_items(cx, ann, &[(idx, t.to_string())]),
            ));
        }
        cx.push(d);
    }
}
