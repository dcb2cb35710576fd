//! MUL-P03: near misses of the Multus annotation keys.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::fix::edit;
use crate::model::multus::{
    DEFAULT_NETWORK_KEY, MULTUS_KEYS, NETWORKS_KEY, NETWORKS_STATUS_KEY, NETWORK_STATUS_KEY,
};
use crate::rules::checker::Checker;
use crate::syntax::text::edit_distance;

use super::Entry;

crate::declare_rule! {
    /// ## What it does
    /// Finds annotation keys that are near misses of the Multus keys: the known wrong
    /// spellings (`k8s.v1.cni.cncf.io/network`, `k8s.cni.cncf.io/networks`,
    /// `v1.multus-cni.io/networks`, `k8s.v1.cni.cncf.io/default-network`) and keys within
    /// edit distance 2.
    ///
    /// ## Why is this bad?
    /// Multus matches keys exactly; any other key is ignored silently and the Pod starts
    /// without its secondary networks.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/network: macvlan-conf
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
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe for the known wrong spellings, the bare pre-CRD `networks` key included (renamed
    /// to the real key: Multus ignores the wrong key, so the rename only makes it read what
    /// the author wrote); unsafe for other near misses (the key may belong to another tool).
    /// No fix when the real key is present (the rename would make a duplicate key and which
    /// value the author meant is not known).
    pub static MUL_P03 = ("MUL-P03", "multus-annotation-key-typo", Warning, Sometimes);
}

const KNOWN_VARIANTS: &[(&str, &str)] = &[
    ("k8s.v1.cni.cncf.io/network", NETWORKS_KEY),
    ("k8s.cni.cncf.io/networks", NETWORKS_KEY),
    ("v1.multus-cni.io/networks", NETWORKS_KEY),
    ("k8s.v1.cni.cncf.io/default-network", DEFAULT_NETWORK_KEY),
    // The pre-CRD Multus docs' bare key (Multus 2.x); Multus today reads only the full key.
    ("networks", NETWORKS_KEY),
];

/// MUL-P03: near misses of the Multus annotation keys.
pub fn check(cx: &Checker, a: &Entry, out: &mut Vec<Diagnostic>) {
    let (y, obj, ann, k, key) = (cx.yaml, a.obj, a.ann, a.k, a.key);
    if !MULTUS_KEYS.contains(&key)
        && key != NETWORK_STATUS_KEY
        && key != NETWORKS_STATUS_KEY
        && key != crate::model::multus::RESOURCE_NAME_KEY
    {
        let known = KNOWN_VARIANTS
            .iter()
            .find(|(v, _)| *v == key)
            .map(|(_, t)| *t);
        let near = MULTUS_KEYS
            .iter()
            .map(|t| (edit_distance(key, t), *t))
            .filter(|(d, _)| *d <= 2)
            .min()
            .map(|(_, t)| t);
        if let Some(target) = known.or(near) {
            let mut d = cx.object_diagnostic(
                &MUL_P03,
                obj,
                a.path(),
                (y.node(k).start, y.node(k).end),
                if key == "networks" {
                    format!("`networks` is the pre-CRD Multus key, which Multus no longer reads (did you mean `{target}`?); Multus matches keys exactly and ignores this one silently")
                } else {
                    format!("`{key}` is not a key Multus reads (did you mean `{target}`?); Multus matches keys exactly and ignores this one silently")
                },
            );
            if y.get(ann, target).is_none() {
                let app = if known.is_some() {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                };
                d.fix = Some(cx.fix(
                    format!("Rename to {target}"),
                    app,
                    vec![edit::rename_key(y, k, target)],
                ));
            }
            out.push(d);
        }
    }
}
