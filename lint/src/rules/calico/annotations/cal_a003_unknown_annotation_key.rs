use crate::fix::diagnostic::Applicability;
use crate::fix::edit;
use crate::model::k8s::Place;
use crate::rules::calico::common::{ann_diag, is_known, key_range, Ann, KEYS, PREFIX};
use crate::rules::checker::Checker;

crate::declare_rule! {
    /// ## What it does
    /// Reports an unknown key under `cni.projectcalico.org/`: a typo or a wrong case such
    /// as `ipv4Pools`, `ipAddr`, `ipaddrs`.
    ///
    /// ## Why is this bad?
    /// Calico looks annotations up in a Go map with the exact, case-sensitive key. A
    /// misspelt key is silently ignored: no error, the pod simply gets an address from the
    /// default pools.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4Pools: '["pool-1"]'
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
    ///     cni.projectcalico.org/ipv4pools: '["pool-1"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe when exactly one known key matches case-insensitively or is the unique closest
    /// key within edit distance 2, and that key is not already present.
    pub static CAL_A003 = ("CAL-A003", "calico-unknown-annotation-key", Warning, Sometimes);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    if is_known(&ann.short) || ann.holder.place == Place::Other {
        return;
    }
    let y = cx.yaml;
    let suggestion = suggest_key(&ann.short);
    let mut msg = format!(
        "{} is not an annotation Calico reads (keys are exact and case-sensitive), so it is silently ignored",
        ann.key
    );
    if ann.short.eq_ignore_ascii_case("awsSrcDstCheck") {
        msg.push_str("; awsSrcDstCheck is a FelixConfiguration field (spec.awsSrcDstCheck), not a pod annotation");
    }
    let mut fix = None;
    if let Some(s) = suggestion {
        msg.push_str(&format!("; did you mean {PREFIX}{s}?"));
        let full = format!("{PREFIX}{s}");
        if y.get(ann.map, &full).is_none() {
            let edit = edit::rename_key(y, ann.key_node, &full);
            fix = Some(cx.fix(format!("Rename to {full}"), Applicability::Safe, vec![edit]));
        }
    }
    let mut d = ann_diag(cx, &CAL_A003, ann, key_range(cx, ann), msg);
    d.fix = fix;
    cx.push(d);
}

/// The known key the author evidently meant.
pub fn suggest_key(short: &str) -> Option<&'static str> {
    let ci: Vec<&str> = KEYS
        .iter()
        .map(|k| k.short)
        .filter(|k| k.eq_ignore_ascii_case(short))
        .collect();
    if ci.len() == 1 {
        return Some(ci[0]);
    }
    let lower = short.to_ascii_lowercase();
    let mut best: Option<(usize, Vec<&str>)> = None;
    for k in KEYS.iter().map(|k| k.short) {
        let d = crate::syntax::text::edit_distance(&lower, &k.to_ascii_lowercase());
        if d > 2 {
            continue;
        }
        match &mut best {
            Some((bd, v)) if *bd == d => v.push(k),
            Some((bd, _)) if *bd < d => {}
            _ => best = Some((d, vec![k])),
        }
    }
    match best {
        Some((_, v)) if v.len() == 1 => Some(v[0]),
        _ => None,
    }
}
