use crate::fix::diagnostic::Applicability;
use crate::fix::edit;
use crate::model::k8s::Place;
use crate::model::profile::CalicoEdition;
use crate::rules::calico::common::{
    ann_diag, is_enterprise_only, is_read, key_range, Ann, KEYS, PREFIX,
};
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
    /// The keys are those of the profile's Calico edition: `cni.projectcalico.org/networks`
    /// (Calico Enterprise multi-VRF, the `Network` the pod joins) is known under
    /// `calico.edition = enterprise`; under OSS it is still reported, with a message saying
    /// it is a Calico Enterprise annotation that Calico OSS ignores (and no rename is
    /// suggested to it).
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
    /// Safe when exactly one key of the profile's edition matches case-insensitively or is
    /// the unique closest key within edit distance 2, and that key is not already present:
    /// Calico ignores the misspelt key today, and the rename makes it read the value the
    /// author wrote under the key they evidently meant. No fix for an Enterprise-only key
    /// under OSS (the profile, not the manifest, may be what is wrong).
    pub static CAL_A003 = ("CAL-A003", "calico-unknown-annotation-key", Warning, Sometimes);
}

pub fn check(cx: &mut Checker, ann: &Ann) {
    let edition = cx.profile.calico.edition;
    if is_read(&ann.short, edition) || ann.holder.place == Place::Other {
        return;
    }
    if is_enterprise_only(&ann.short) {
        let msg = format!(
            "{} is a Calico Enterprise annotation (multi-VRF: the Network the pod joins); Calico OSS does not read it, so under the OSS profile it is silently ignored (set the profile's Calico edition to Enterprise if the cluster runs Calico Enterprise)",
            ann.key
        );
        let d = ann_diag(cx, &CAL_A003, ann, key_range(cx, ann), msg);
        cx.push(d);
        return;
    }
    let y = cx.yaml;
    let suggestion = suggest_key(&ann.short, edition);
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

/// The key of `edition` the author evidently meant.
pub fn suggest_key(short: &str, edition: CalicoEdition) -> Option<&'static str> {
    let keys = || KEYS.iter().filter(|k| k.read_in(edition)).map(|k| k.short);
    let ci: Vec<&str> = keys().filter(|k| k.eq_ignore_ascii_case(short)).collect();
    if ci.len() == 1 {
        return Some(ci[0]);
    }
    let lower = short.to_ascii_lowercase();
    let mut best: Option<(usize, Vec<&str>)> = None;
    for k in keys() {
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
