//! MUL-N09: the CNI config name differs from the NAD name.

use crate::model::multus::Span;
use crate::rules::checker::Checker;
use crate::syntax::gojson::Value;
use crate::Diagnostic;

use super::Parsed;

crate::declare_rule! {
    /// ## What it does
    /// Notes a CNI config `name` that differs from the NAD's `metadata.name`.
    ///
    /// ## Why is this bad?
    /// Allowed, but NPWG 3.4.3 recommends they match: error messages, the libcni result cache
    /// and host-local leases use the CNI name, which makes the NAD harder to find.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: sriov-net1
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "name": "sriov-network", "type": "sriov"}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: sriov-net1
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "name": "sriov-net1", "type": "sriov"}'
    /// ```
    ///
    /// ## Fix safety
    /// No fix: renaming the CNI network changes cache and lease keys.
    pub static MUL_N09 = ("MUL-N09", "nad-config-name-differs", Info, None);
}

pub fn check(cx: &Checker, p: &Parsed, out: &mut Vec<Diagnostic>) {
    let (cfg, nad) = (p.cfg, p.nad);
    let diag = |rule, path: &str, span: Span, msg: String| p.diag(cx, rule, path, span, msg);
    if let Some(n) = &cfg.name {
        if let Value::String(s) = &n.value {
            if !s.is_empty() && *s != nad.name {
                out.push(diag(&MUL_N09, ".name", (n.start, n.end), format!("CNI config name `{s}` differs from the NAD name `{}` (allowed; NPWG 3.4.3 recommends they match; errors, the result cache and host-local leases use the CNI name)", nad.name)));
            }
        }
    }
}
