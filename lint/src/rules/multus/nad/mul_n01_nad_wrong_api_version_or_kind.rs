//! MUL-N01: a kind or apiVersion that is not a NetworkAttachmentDefinition's.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::fix::edit;
use crate::model::k8s::Object;
use crate::model::multus::nad::{NAD_API_VERSION, NAD_KIND};
use crate::rules::checker::Checker;
use crate::syntax::text::edit_distance;

crate::declare_rule! {
    /// ## What it does
    /// Checks the apiVersion and kind of NetworkAttachmentDefinitions: `k8s.cni.cncf.io/v1`
    /// and `NetworkAttachmentDefinition`. Catches typos (`NetworkAttachementDefinition`), the
    /// annotation prefix used as API group (`k8s.v1.cni.cncf.io/v1`) and the legacy
    /// `kubernetes.cni.cncf.io/v1 Network`.
    ///
    /// ## Why is this bad?
    /// `kubectl apply` fails with `no matches for kind "NetworkAttachementDefinition" in
    /// version "k8s.cni.cncf.io/v1"` (issue #278), so Pods referencing it fail the lookup.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachementDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe for typos of the kind and for an apiVersion in the `cni.cncf.io` family; no fix
    /// for the legacy `Network` kind (its spec differs).
    pub static MUL_N01 = ("MUL-N01", "nad-wrong-api-version-or-kind", Error, Sometimes);
}

/// Whether the kind is a misspelling of NetworkAttachmentDefinition: the object is still
/// meant as a NAD, and the other NAD rules check it in the same pass.
pub fn is_kind_typo(o: &Object) -> bool {
    let kind = o.kind();
    kind != NAD_KIND
        && (kind.eq_ignore_ascii_case(NAD_KIND)
            || (kind.len() > 12
                && edit_distance(&kind.to_ascii_lowercase(), &NAD_KIND.to_ascii_lowercase()) <= 3)
            || kind.eq_ignore_ascii_case("NetworkAttachmentDefinitions"))
}

/// MUL-N01: a kind or apiVersion that is not a NetworkAttachmentDefinition's.
pub fn check(cx: &Checker, o: &Object, out: &mut Vec<Diagnostic>) {
    let y = cx.yaml;
    let kind = o.kind();
    let api = o.api_version.as_deref().unwrap_or("");
    let kind_typo = is_kind_typo(o);
    let legacy =
        kind == "Network" && (api == "kubernetes.cni.cncf.io/v1" || api == "kubernetes.com/v1");
    let api_wrong = (kind == NAD_KIND || kind_typo) && api != NAD_API_VERSION;
    if kind_typo || legacy || api_wrong {
        let (k, v) = if kind_typo || legacy {
            y.get_entry(o.node, "kind")
        } else {
            y.get_entry(o.node, "apiVersion")
                .or_else(|| y.get_entry(o.node, "kind"))
        }
        .unzip();
        let (Some(k), Some(v)) = (k, v) else {
            return;
        };
        let mut d = cx.object_diagnostic(&MUL_N01, o, if kind_typo || legacy { "kind".into() } else { "apiVersion".into() }, (y.node(k).start, edit::node_text_range(y, v).1), format!("{api} {kind} is not a NetworkAttachmentDefinition (apiVersion {NAD_API_VERSION}, kind {NAD_KIND}); the API server rejects it (no matches for kind \"{kind}\" in version \"{api}\") and Pods referencing it fail the lookup"));
        if !legacy {
            let mut edits = Vec::new();
            if kind_typo {
                if let Some(kv) = y.get(o.node, "kind") {
                    let (s, e) = edit::node_text_range(y, kv);
                    edits.push((s, e, NAD_KIND.to_string()));
                }
            }
            if api != NAD_API_VERSION && api.contains("cni.cncf.io") {
                if let Some(av) = y.get(o.node, "apiVersion") {
                    let (s, e) = edit::node_text_range(y, av);
                    edits.push((s, e, NAD_API_VERSION.to_string()));
                }
            } else if api != NAD_API_VERSION {
                edits.clear();
            }
            if !edits.is_empty() {
                d.fix = Some(cx.fix(
                    "Use k8s.cni.cncf.io/v1 NetworkAttachmentDefinition",
                    Applicability::Safe,
                    edits,
                ));
            }
        }
        out.push(d);
    }
}
