use crate::fix::diagnostic::{Applicability, Severity};
use crate::rules::calico::common::{ann_diag, item_range, replace_items, value_range, Ann};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Checks `cni.projectcalico.org/ipFamilies` (Calico v3.30+): every element must be
    /// exactly `IPv4` or `IPv6`; an empty list requests no address at all.
    ///
    /// ## Why is this bad?
    /// Any other element fails the pod with `error parsing ipFamilies: <value>`; `[]`
    /// fails with `IPAM plugin returned missing IP config`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipFamilies: '["ipv4"]'
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
    ///     cni.projectcalico.org/ipFamilies: '["IPv4"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe when every bad element is `IPv4`/`IPv6` in another case.
    pub static CAL_P009 = ("CAL-P009", "calico-ip-families-invalid", Error, Sometimes);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    if ann.empty_list {
        let mut d = ann_diag(
            cx,
            &CAL_P009,
            ann,
            value_range(cx, ann),
            format!(
                "{} is an empty list: Calico assigns neither IPv4 nor IPv6 and fails with: IPAM plugin returned missing IP config",
                ann.key
            ),
        );
        d.severity = Severity::Warning;
        cx.push(d);
        return;
    }
    let Some(list) = &ann.list else { return };
    let bad: Vec<usize> = (0..list.len())
        .filter(|&i| !matches!(list[i].value.as_str(), "IPv4" | "IPv6"))
        .collect();
    let Some(&first) = bad.first() else { return };
    let raw = ann.text.clone().unwrap_or_default();
    let mut d = ann_diag(
        cx,
        &CAL_P009,
        ann,
        item_range(cx, ann, &list[first]),
        format!(
            "{}: {:?} is not an IP family; elements must be exactly \"IPv4\" or \"IPv6\" (case-sensitive); Calico fails with: error parsing ipFamilies: {raw}",
            ann.key, list[first].value
        ),
    );
    let fixed: Option<Vec<(usize, String)>> = bad
        .iter()
        .map(|&i| match list[i].value.to_ascii_lowercase().as_str() {
            "ipv4" => Some((i, "IPv4".to_string())),
            "ipv6" => Some((i, "IPv6".to_string())),
            _ => None,
        })
        .collect();
    if let Some(changes) = fixed {
        d.fix = Some(cx.fix(
            "Write the families as IPv4/IPv6",
            Applicability::Safe,
            replace_items(cx, ann, &changes),
        ));
    }
    cx.push(d);
}
