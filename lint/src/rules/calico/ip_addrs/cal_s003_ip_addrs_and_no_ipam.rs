use crate::rules::calico::common::{ann_diag, key_range, Ann, Calico, IP_ADDRS, IP_ADDRS_NO_IPAM};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports a pod with both `ipAddrs` and `ipAddrsNoIpam`.
    ///
    /// ## Why is this bad?
    /// Calico refuses the pod: `can't have both annotations: 'ipAddrs' and 'ipAddrsNoIpam'
    /// in use at the same time`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["192.168.0.1"]'
    ///     cni.projectcalico.org/ipAddrsNoIpam: '["10.0.0.1"]'
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
    ///     cni.projectcalico.org/ipAddrs: '["192.168.0.1"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which one is meant is the user's choice.
    pub static CAL_S003 = ("CAL-S003", "calico-ip-addrs-and-no-ipam", Error, None, ["MUL-C02"]);
}

/// Once per pod: on its `ipAddrs`, when `ipAddrsNoIpam` is set too.
pub fn check(cx: &mut Checker, m: &Calico, ann: &Ann) {
    if ann.short != IP_ADDRS {
        return;
    }
    if let Some(other) = m.sibling(ann, IP_ADDRS_NO_IPAM) {
        if ann.is_set() && other.is_set() {
            both(cx, ann, other);
        }
    }
}

fn both(cx: &mut Checker, a: &Ann, b: &Ann) {
    let later = if cx.yaml.node(a.key_node).start > cx.yaml.node(b.key_node).start {
        a
    } else {
        b
    };
    let d = ann_diag(
        cx,
        &CAL_S003,
        later,
        key_range(cx, later),
        "cni.projectcalico.org/ipAddrs and cni.projectcalico.org/ipAddrsNoIpam are mutually exclusive; Calico fails with: can't have both annotations: 'ipAddrs' and 'ipAddrsNoIpam' in use at the same time",
    );
    cx.push(d);
}
