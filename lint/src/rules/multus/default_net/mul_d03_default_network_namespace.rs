//! MUL-D03: a default network without a namespace resolves in multusNamespace.

use crate::fix::diagnostic::{Applicability, Severity};
use crate::model::multus::{Format, DEFAULT_NETWORK_KEY};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, value_edits, with_severity, Ctx, Site};
use crate::Diagnostic;

use super::single_element;

crate::declare_rule! {
    /// ## What it does
    /// Notes a default-network reference without a namespace: Multus resolves it in
    /// multusNamespace (default `kube-system`), not in the Pod's namespace. A warning when the
    /// NAD is known only in another namespace.
    ///
    /// ## Why is this bad?
    /// `cannot find a network-attachment-definition (calico-conf) in namespace (kube-system)`
    /// when the NAD lives in the Pod's namespace (issue #1291, kubevirt #3069).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     v1.multus-cni.io/default-network: calico-conf
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
    ///   name: samplepod
    ///   annotations:
    ///     v1.multus-cni.io/default-network: kube-system/calico-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the reference is qualified with multusNamespace (same lookup, made explicit)
    /// or, for the warning, with the namespace where the NAD was found (a different NAD).
    /// Not applied by default, since the unqualified form is valid.
    pub static MUL_D03 = ("MUL-D03", "multus-default-network-namespace", Info, Always);
}

pub fn check(cx: &Checker, ctx: &Ctx, site: &Site, out: &mut Vec<Diagnostic>) {
    let Some(e) = single_element(site) else {
        return;
    };
    let n = &site.networks;
    if e.namespace_str().is_empty() {
        let mns = &cx.profile.multus.multus_namespace;
        let name = e.name_str();
        let here = ctx.nads.get(mns, name).is_some();
        let others = ctx.nads.other_namespaces(mns, name);
        let (sev, target, app, msg) = if !here && !others.is_empty() {
            let t = if others.contains(&site.pod_namespace) {
                site.pod_namespace.clone()
            } else {
                others[0].clone()
            };
            (Severity::Warning, t, Applicability::Unsafe, format!("{DEFAULT_NETWORK_KEY} `{name}` has no namespace, so Multus looks in multusNamespace {mns}, but the NAD is in {}: the Pod fails with: cannot find a network-attachment-definition ({name}) in namespace ({mns})", others.join(", ")))
        } else {
            (Severity::Info, mns.clone(), Applicability::Unsafe, format!("{DEFAULT_NETWORK_KEY} `{name}` has no namespace: Multus resolves it in multusNamespace {mns}, not in the Pod namespace{}", if here { " (the NAD exists there)" } else { "" }))
        };
        let span = e.name.as_ref().map(|p| p.span).unwrap_or(e.span);
        let mut d = with_severity(site_diag(cx, &MUL_D03, site, span, msg), sev);
        let edit = match n.format {
            Format::Short => vec![((span.0, span.0), format!("{target}/"))],
            _ => vec![(
                (e.span.0 + 1, e.span.0 + 1),
                format!(
                    "\"namespace\":{},",
                    serde_json::to_string(&target).unwrap_or_default()
                ),
            )],
        };
        let edits = value_edits(cx, site.value_node, &site.value, &edit);
        if !edits.is_empty() {
            d.fix = Some(cx.fix(format!("Qualify with namespace {target}"), app, edits));
        }
        out.push(d);
    }
}
