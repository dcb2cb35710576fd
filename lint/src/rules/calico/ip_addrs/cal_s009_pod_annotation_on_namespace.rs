use crate::model::k8s::Place;
use crate::rules::calico::common::{ann_diag, is_pod_only, key_range, Ann};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports pod-only Calico annotations (`ipAddrs`, `ipAddrsNoIpam`, `floatingIPs`,
    /// `hwAddr`, `allowedSourcePrefixes`) on a Namespace.
    ///
    /// ## Why is this bad?
    /// Calico reads only `ipv4pools`, `ipv6pools` and `ipFamilies` from the Namespace; the
    /// others do nothing there.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Namespace
    /// metadata:
    ///   name: team-a
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["10.0.0.5"]'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Namespace
    /// metadata:
    ///   name: team-a
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["team-a-pool"]'
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the annotation belongs on the pods, if anywhere.
    pub static CAL_S009 = ("CAL-S009", "calico-pod-annotation-on-namespace", Warning, None);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    if ann.holder.place == Place::Namespace && is_pod_only(&ann.short) {
        let d = ann_diag(
            cx,
            &CAL_S009,
            ann,
            key_range(cx, ann),
            format!(
                "{} has no effect on a Namespace: Calico reads only ipv4pools, ipv6pools and ipFamilies there; put it on the pods",
                ann.key
            ),
        );
        cx.push(d);
    }
}
