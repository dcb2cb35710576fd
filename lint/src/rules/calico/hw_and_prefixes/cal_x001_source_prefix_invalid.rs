use crate::fix::diagnostic::Applicability;
use crate::rules::calico::common::{ann_diag, item_range, replace_items, Ann};
use crate::rules::checker::Checker;
use crate::syntax::gonet;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every element of `cni.projectcalico.org/allowedSourcePrefixes` is a CIDR.
    ///
    /// ## Why is this bad?
    /// The value is parsed while converting the pod to a Calico WorkloadEndpoint: the pod
    /// fails with `failed to parse '10.0.0.5' as a CIDR: invalid CIDR address: 10.0.0.5`,
    /// and every Calico component watching pods fails to convert it.
    ///
    /// ## Example
    /// ```yaml {"calico":{"workloadSourceSpoofing":true}}
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: router
    ///   annotations:
    ///     cni.projectcalico.org/allowedSourcePrefixes: '["10.0.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"calico":{"workloadSourceSpoofing":true}}
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: router
    ///   annotations:
    ///     cni.projectcalico.org/allowedSourcePrefixes: '["10.0.0.5/32"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: a bare address becomes a single-address prefix (`/32`, `/128`); a wider
    /// prefix may have been meant.
    pub static CAL_X001 = ("CAL-X001", "calico-source-prefix-invalid", Error, Sometimes);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    let Some(list) = &ann.list else { return };
    for (idx, item) in list.iter().enumerate() {
        let e = &item.value;
        if gonet::parse_cidr(e).is_ok() {
            continue;
        }
        let mut d = ann_diag(
            cx,
            &CAL_X001,
            ann,
            item_range(cx, ann, item),
            format!(
                "{}: {e:?} is not a CIDR (bare addresses are rejected too); Calico fails with: failed to parse '{e}' as a CIDR: invalid CIDR address: {e}",
                ann.key
            ),
        );
        if let Some(ip) = gonet::parse_ip(e) {
            let bits = if ip.is_ipv4() { 32 } else { 128 };
            d.fix = Some(cx.fix(
                format!("Use the single-address prefix {e}/{bits}"),
                Applicability::Unsafe,
                replace_items(cx, ann, &[(idx, format!("{e}/{bits}"))]),
            ));
        }
        cx.push(d);
    }
}
