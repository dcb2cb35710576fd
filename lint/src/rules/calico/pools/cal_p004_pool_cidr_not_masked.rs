use super::common::{entries, Entry};
use crate::fix::diagnostic::Applicability;
use crate::rules::calico::common::{ann_diag, go_ip, item_range, replace_items, Ann};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports a pool CIDR with host bits set (`10.0.0.1/16`).
    ///
    /// ## Why is this bad?
    /// Calico masks it (`10.0.0.0/16`) before matching pools, so it works, but the written
    /// value suggests a different range than the one used.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["10.0.0.1/16"]'
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
    /// Safe: the entry is written as Calico reads it.
    pub static CAL_P004 = ("CAL-P004", "calico-pool-cidr-not-masked", Info, Always);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    for (idx, item, kind) in entries(ann) {
        let Entry::Cidr { ip, net, prefix } = kind else {
            continue;
        };
        if ip == net {
            continue;
        }
        let entry = item.value.as_str();
        let mut d = ann_diag(
            cx,
            &CAL_P004,
            ann,
            item_range(cx, ann, item),
            format!(
                "{}: {entry} has host bits set; Calico masks it to {}/{} before matching pools",
                ann.key,
                go_ip(&net),
                prefix
            ),
        );
        d.fix = Some(cx.fix(
            "Mask the CIDR",
            Applicability::Safe,
            replace_items(cx, ann, &[(idx, format!("{}/{}", go_ip(&net), prefix))]),
        ));
        cx.push(d);
    }
}
