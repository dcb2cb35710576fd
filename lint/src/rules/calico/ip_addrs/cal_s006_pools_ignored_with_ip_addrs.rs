use crate::fix::diagnostic::Applicability;
use crate::rules::calico::common::{ann_diag, delete_ann, key_range, lenient_ip, Ann, Calico};
use crate::rules::checker::Checker;
use crate::syntax::gonet;

crate::declare_rule! {
    /// ## What it does
    /// Reports `ipv4pools`/`ipv6pools` next to `ipAddrs`/`ipAddrsNoIpam`.
    ///
    /// ## Why is this bad?
    /// The specific-address path never calls pool auto-assignment (docs: "`ipAddrs` /
    /// `ipAddrsNoIpam` take priority"), so the pool annotations are dead configuration,
    /// and a family missing from `ipAddrs` gets no address at all.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["high-perf-pool"]'
    ///     cni.projectcalico.org/ipAddrs: '["10.245.0.100"]'
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
    ///     cni.projectcalico.org/ipAddrs: '["10.245.0.100"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the pool annotation is the author's, and removing it changes what the pod
    /// gets as soon as `ipAddrs` is dropped (the usual way out of CAL-S004/CAL-S007); which
    /// of the two annotations should go is the user's choice. Not reported when `ipAddrs`
    /// itself does not decode (Calico fails on it first: CAL-A001/CAL-A006).
    pub static CAL_S006 = ("CAL-S006", "calico-pools-ignored-with-ip-addrs", Warning, Always);
}

/// A set `ipv4pools`/`ipv6pools` of a pod.
pub fn check(cx: &mut Checker, m: &Calico, ann: &Ann) {
    if !ann.is_set() {
        return;
    }
    let Some(addrs) = m
        .sibling(ann, "ipAddrs")
        .filter(|a| a.is_set())
        .or_else(|| m.sibling(ann, "ipAddrsNoIpam").filter(|a| a.is_set()))
    else {
        return;
    };
    if addrs.list.is_none() {
        return; // Calico fails on the address annotation first (CAL-A001, CAL-A006).
    }
    let v4 = ann.short == "ipv4pools";
    let has_family = addrs.list.as_ref().is_some_and(|l| {
        l.iter()
            .any(|i| lenient_ip(&i.value).is_some_and(|ip| gonet::is_ipv4(&ip) == v4))
    });
    let missing = if has_family {
        String::new()
    } else {
        format!(
            "; {} lists no {} address, so the pod gets no {} address at all",
            addrs.key,
            if v4 { "IPv4" } else { "IPv6" },
            if v4 { "IPv4" } else { "IPv6" }
        )
    };
    let mut d = ann_diag(
        cx,
        &CAL_S006,
        ann,
        key_range(cx, ann),
        format!(
            "{} is ignored: {} requests specific addresses, and that path never uses pool auto-assignment (\"ipAddrs / ipAddrsNoIpam take priority\"){missing}",
            ann.key, addrs.key
        ),
    );
    if let Some(e) = delete_ann(cx, ann) {
        d.fix = Some(cx.fix(
            format!("Remove {}", ann.key),
            Applicability::Unsafe,
            vec![e],
        ));
    }
    cx.push(d);
}
