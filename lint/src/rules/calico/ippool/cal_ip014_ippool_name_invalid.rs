use super::common::{diag, span, PoolCx};
use crate::rules::calico::common::{is_dns1123_subdomain, str_field};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Checks that an IPPool's `metadata.name` is a lowercase DNS-1123 subdomain.
    ///
    /// ## Why is this bad?
    /// Calico rejects it: `name must consist of lower case alphanumeric characters, '-' or '.'`.
    /// Pool annotations refer to pools by this exact name.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: Pool_A
    /// spec:
    ///   cidr: 10.0.0.0/16
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    /// ```
    ///
    /// ## Fix safety
    /// No fix: renaming would break references.
    pub static CAL_IP014 = ("CAL-IP014", "calico-ippool-name-invalid", Error, None);
}

/// IPPools and IPReservations.
pub fn check(cx: &mut Checker, p: &PoolCx) {
    let y = cx.yaml;
    let Some(md) = y.get(p.obj.node, "metadata").filter(|&m| y.is_map(m)) else {
        return;
    };
    let Some((v, name)) = str_field(y, md, "name") else {
        return;
    };
    if is_dns1123_subdomain(name) {
        return;
    }
    let d = diag(
        cx,
        &CAL_IP014,
        p,
        "metadata.name",
        span(cx, v),
        format!(
            "{} name {name:?} is not a lowercase DNS-1123 subdomain; Calico rejects it: name must consist of lower case alphanumeric characters, '-' or '.' (regex: [a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)",
            p.obj.kind()
        ),
    );
    cx.push(d);
}
