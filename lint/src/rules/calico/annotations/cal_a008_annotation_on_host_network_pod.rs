use crate::rules::calico::common::{ann_diag, is_managed, is_read, key_range, pod_site, Ann};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports Calico CNI annotations on a pod with `hostNetwork: true`.
    ///
    /// ## Why is this bad?
    /// Host-network pods never call the CNI plugin, so every `cni.projectcalico.org/*`
    /// annotation on them is inert: the pod uses the node's addresses.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: agent
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["10.0.0.5"]'
    /// spec:
    ///   hostNetwork: true
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
    ///   name: agent
    /// spec:
    ///   hostNetwork: true
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: either the annotation or `hostNetwork` is unintended.
    pub static CAL_A008 = ("CAL-A008", "calico-annotation-on-host-network-pod", Warning, None);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    if !is_read(&ann.short, cx.profile.calico.edition) || is_managed(&ann.short) {
        return;
    }
    let Some(site) = pod_site(cx, ann.holder) else {
        return;
    };
    let y = cx.yaml;
    let host = site
        .spec
        .and_then(|s| y.get(s, "hostNetwork"))
        .is_some_and(|h| y.scalar(h) == Some("true"));
    if host {
        let d = ann_diag(
            cx,
            &CAL_A008,
            ann,
            key_range(cx, ann),
            format!(
                "{} has no effect: the pod has hostNetwork: true, so the CNI plugin is never called and the pod uses the node's addresses",
                ann.key
            ),
        );
        cx.push(d);
    }
}
