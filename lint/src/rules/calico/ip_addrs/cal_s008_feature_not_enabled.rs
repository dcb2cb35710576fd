use crate::rules::calico::common::{ann_diag, key_range, Ann};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Warns about annotations that need a feature switch the profile does not enable:
    /// `ipAddrsNoIpam` (CNI `feature_control.ip_addrs_no_ipam`), `floatingIPs` (CNI
    /// `feature_control.floating_ips` and Felix `floatingIPs: Enabled`),
    /// `allowedSourcePrefixes` (Felix `workloadSourceSpoofing: Any`).
    ///
    /// ## Why is this bad?
    /// Without the switch the pod fails with `requested feature is not enabled:
    /// ip_addrs_no_ipam` / `requested feature is not enabled: floating_ips`, or Felix logs
    /// `source IP spoofing requested but not enabled in Felix configuration` and drops the
    /// pod's dataplane programming.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrsNoIpam: '["10.0.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"calico":{"ipAddrsNoIpam":true}}
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrsNoIpam: '["10.0.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the switch is cluster configuration (set it in the profile when it is on).
    pub static CAL_S008 = ("CAL-S008", "calico-feature-not-enabled", Warning, None);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    if !ann.is_set() {
        return;
    }
    let p = &cx.profile.calico;
    let msg = match ann.short.as_str() {
        "ipAddrsNoIpam" if !p.ip_addrs_no_ipam => format!(
            "{} needs the CNI setting feature_control.ip_addrs_no_ipam: true (off by default, and a security trade-off); otherwise Calico fails with: requested feature is not enabled: ip_addrs_no_ipam (set calico.ipAddrsNoIpam in the profile when it is on)",
            ann.key
        ),
        "floatingIPs" if !p.floating_ips => format!(
            "{} needs the CNI setting feature_control.floating_ips: true and FelixConfiguration floatingIPs: Enabled (both off by default; operator installs do not support floating IPs); otherwise Calico fails with: requested feature is not enabled: floating_ips (set calico.floatingIps in the profile when they are on)",
            ann.key
        ),
        "allowedSourcePrefixes" if !p.workload_source_spoofing => format!(
            "{} needs FelixConfiguration workloadSourceSpoofing: Any (default Disabled); otherwise Felix logs `source IP spoofing requested but not enabled in Felix configuration` and stops programming the pod (set calico.workloadSourceSpoofing in the profile when it is on)",
            ann.key
        ),
        _ => return,
    };
    let d = ann_diag(cx, &CAL_S008, ann, key_range(cx, ann), msg);
    cx.push(d);
}
