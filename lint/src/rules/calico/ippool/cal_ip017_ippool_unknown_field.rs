use super::common::{allowed_uses, diag, span, PoolCx};
use crate::model::profile::CalicoEdition;
use crate::rules::calico::common::{version, version_at_least};
use crate::rules::checker::Checker;
use crate::syntax::yaml::NodeId;

crate::declare_rule! {
    /// ## What it does
    /// Reports `spec` fields the selected Calico edition and version do not know: Enterprise-only
    /// `awsSubnetID` and allowed use `HostSecondaryInterface` under OSS, `assignmentMode` before
    /// v3.30, `namespaceSelector` before v3.31, typos.
    ///
    /// ## Why is this bad?
    /// The API server rejects unknown fields (`strict decoding error: unknown field
    /// "spec.awsSubnetID"`) or Calico rejects the value (`unknown use:
    /// HostSecondaryInterface`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   awsSubnetID: subnet-0a1b2c
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"calico":{"edition":"enterprise"}}
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   awsSubnetID: subnet-0a1b2c
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_IP017 = ("CAL-IP017", "calico-ippool-unknown-field", Error, None);
}

/// The spec's fields; with `valid_cidr` (Calico validates the uses only then) the
/// Enterprise-only use HostSecondaryInterface too.
pub fn check(cx: &mut Checker, p: &PoolCx, valid_cidr: bool) {
    let Some(spec) = p.spec else { return };
    unknown_fields(cx, p, spec);
    if valid_cidr {
        enterprise_use(cx, p, spec);
    }
}

fn enterprise_use(cx: &mut Checker, p: &PoolCx, spec: NodeId) {
    if cx.profile.calico.edition == CalicoEdition::Enterprise {
        return;
    }
    let Some((_, items)) = allowed_uses(cx.yaml, spec) else {
        return;
    };
    let name = p.name();
    for (n, u) in &items {
        if u != "HostSecondaryInterface" {
            continue;
        }
        let d = diag(cx, &CAL_IP017, p, "spec.allowedUses", span(cx, *n), format!("IPPool {name}: allowed use HostSecondaryInterface exists only in Calico Enterprise; Calico OSS rejects it: unknown use: HostSecondaryInterface"));
        cx.push(d);
    }
}

fn unknown_fields(cx: &mut Checker, p: &PoolCx, spec: NodeId) {
    let y = cx.yaml;
    let name = p.obj.name.as_deref().unwrap_or("(unnamed)");
    let enterprise = cx.profile.calico.edition == CalicoEdition::Enterprise;
    let mut known: Vec<&str> = vec![
        "cidr",
        "blockSize",
        "ipipMode",
        "vxlanMode",
        "natOutgoing",
        "disabled",
        "disableBGPExport",
        "nodeSelector",
        "allowedUses",
        "ipip",
        "nat-outgoing",
    ];
    if version_at_least(cx, 3, 30) {
        known.push("assignmentMode");
    }
    if version_at_least(cx, 3, 31) {
        known.push("namespaceSelector");
    }
    if enterprise {
        known.push("awsSubnetID");
    }
    for (k, _) in y.entries(spec) {
        let Some(key) = y.scalar(k) else { continue };
        if known.contains(&key) {
            continue;
        }
        let why = match key {
            "awsSubnetID" => " (a Calico Enterprise field)".to_string(),
            "assignmentMode" => " (added in Calico v3.30)".to_string(),
            "namespaceSelector" => " (added in Calico v3.31)".to_string(),
            _ => String::new(),
        };
        let ed = if enterprise { "Enterprise" } else { "OSS" };
        let d = diag(
            cx,
            &CAL_IP017,
            p,
            &format!("spec.{key}"),
            span(cx, k),
            format!(
                "IPPool {name}: spec.{key} is not a field of IPPool in Calico {ed} v{}.{}{why}; the API server rejects it: strict decoding error: unknown field \"spec.{key}\"",
                version(cx).0,
                version(cx).1
            ),
        );
        cx.push(d);
    }
}
