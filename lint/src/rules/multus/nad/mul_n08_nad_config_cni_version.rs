//! MUL-N08: a missing, misplaced or unknown cniVersion.

use crate::fix::diagnostic::{Applicability, Severity};
use crate::model::multus::nad::CNI_VERSIONS;
use crate::model::multus::Span;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{value_edits, with_severity};
use crate::syntax::gojson::Value;
use crate::Diagnostic;

use super::{Parsed, LOAD_ERR};

crate::declare_rule! {
    /// ## What it does
    /// Checks `cniVersion`: present (warning; error for conflists with more than one
    /// plugin), a string, one of `0.1.0 0.2.0 0.3.0 0.3.1 0.4.0 1.0.0 1.1.0`, and at the
    /// top level of a conflist (not only inside plugins).
    ///
    /// ## Why is this bad?
    /// Plugins compare the string exactly: `incompatible CNI versions; config is "0.3",
    /// plugin supports ["0.1.0" "0.2.0" ...]`. A number fails with `json: cannot unmarshal
    /// number into Go struct field PluginConf.cniVersion of type string`. A missing version
    /// is read as 0.1.0 (legacy results; DEL may fail, issue #377); libcni overwrites the
    /// per-plugin versions with the list's (issue #1309).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3", "type": "macvlan", "master": "eth1"}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1"}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe: a numeric version is quoted when that gives a spec version (Multus fails on the
    /// number; the string is the only reading that works); a version given only inside the
    /// plugins, the same in all, is hoisted to the top level (the version the author wrote
    /// for them; libcni drops it there). Unsafe for a missing cniVersion: the fix adds
    /// `"cniVersion": "0.3.1"`, the version of the upstream Multus, SR-IOV and OVS-CNI
    /// examples that every maintained plugin supports, but the plugins then return 0.3.1
    /// results instead of legacy 0.1.0 ones, and a plugin build that supports only 0.1.0
    /// and 0.2.0 (old sriov-cni) would refuse it. No fix for an unknown version string.
    pub static MUL_N08 = ("MUL-N08", "nad-config-cni-version", Error, Sometimes);
}

/// The version the fix for a missing cniVersion writes: the one of the Multus, SR-IOV,
/// OVS-CNI and whereabouts examples, supported by every maintained plugin (the reference
/// plugins since v0.7 and Calico support it; 1.x is not supported by older plugin builds).
const MISSING_VERSION: &str = "0.3.1";

pub fn check(cx: &Checker, p: &Parsed, out: &mut Vec<Diagnostic>) {
    let (cfg, c) = (p.cfg, p);
    let diag = |rule, path: &str, span: Span, msg: String| p.diag(cx, rule, path, span, msg);
    let top = p.top();
    match &cfg.cni_version {
        None => {
            let inner: Vec<&str> = cfg.plugins.iter().filter_map(|p| p.cni_version.as_ref().map(|v| v.value.as_str())).collect();
            if cfg.is_list && !inner.is_empty() {
                let v = inner[0];
                let mut d = diag(&MUL_N08, ".cniVersion", top, "cniVersion is given only inside plugins: libcni overwrites each plugin's version with the list's (none, read as 0.1.0), so the plugins run with the legacy version (issue #1309)".to_string());
                if inner.iter().all(|x| *x == v) && CNI_VERSIONS.contains(&v) {
                    let edits = value_edits(cx, c.node, c.text, &[((cfg.tree.start + 1, cfg.tree.start + 1), format!(" \"cniVersion\": \"{v}\","))]);
                    d.fix = Some(cx.fix(format!("Set cniVersion {v} at the top level"), Applicability::Safe, edits));
                }
                out.push(d);
            } else {
                let multi = cfg.is_list && cfg.plugins.len() > 1;
                let mut d = diag(&MUL_N08, ".cniVersion", top, "spec.config has no cniVersion: plugins decode it as 0.1.0 (legacy results without interfaces; chained plugins get no prevResult; DEL may fail with: failed to convert major version part \"\")".into());
                let edits = value_edits(cx, c.node, c.text, &[((cfg.tree.start + 1, cfg.tree.start + 1), format!("\"cniVersion\": \"{MISSING_VERSION}\", "))]);
                if !edits.is_empty() {
                    d.fix = Some(cx.fix(format!("Set cniVersion {MISSING_VERSION}"), Applicability::Unsafe, edits));
                }
                out.push(if multi { d } else { with_severity(d, Severity::Warning) });
            }
        }
        Some(v) => match &v.value {
            Value::String(s) if !CNI_VERSIONS.contains(&s.as_str()) => out.push(diag(&MUL_N08, ".cniVersion", (v.start, v.end), format!("cniVersion \"{s}\" is not a CNI spec version ({}); plugins compare it exactly and fail with: incompatible CNI versions; config is \"{s}\", plugin supports [...]", CNI_VERSIONS.join(", ")))),
            Value::String(_) => {}
            other => {
                let mut d = diag(&MUL_N08, ".cniVersion", (v.start, v.end), format!("cniVersion must be a string; Multus fails with: {LOAD_ERR}json: cannot unmarshal {} into Go struct field PluginConf.cniVersion of type string", other.kind_name()));
                if let Value::Number(n) = other {
                    if CNI_VERSIONS.contains(&n.as_str()) {
                        let edits = value_edits(cx, c.node, c.text, &[((v.start, v.end), format!("\"{n}\""))]);
                        d.fix = Some(cx.fix("Quote the version", Applicability::Safe, edits));
                    }
                }
                out.push(d);
            }
        },
    }
}
