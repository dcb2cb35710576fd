//! CAL-S001..CAL-S009: specific addresses (`ipAddrs`, `ipAddrsNoIpam`, `floatingIPs`) and
//! the feature-gated annotations.

use crate::fix::diagnostic::{Applicability, Severity};
use crate::fix::edit;
use crate::model::k8s::Place;
use crate::model::workload::{pods_at_once, PodsAtOnce};
use crate::rules::checker::Checker;
use crate::syntax::gonet;

use super::common::{
    ann_diag, delete_ann, go_ip, item_range, key_range, replace_list, value_range,
    version_at_least, Ann, Calico, POD_ONLY_KEYS,
};

crate::declare_rule! {
    /// ## What it does
    /// Checks that every element of `ipAddrs`, `ipAddrsNoIpam` and `floatingIPs` is a bare
    /// IP address as Go's `net.ParseIP` reads it (no prefix length, no spaces, no names).
    ///
    /// ## Why is this bad?
    /// Calico fails the pod with `invalid IP format: 10.244.3.251/32`. Floating IPs that are
    /// not addresses are silently dropped.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["10.244.3.251/32"]'
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
    ///     cni.projectcalico.org/ipAddrs: '["10.244.3.251"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe for a host prefix only (`/32` on IPv4, `/128` on IPv6): the address is the same.
    pub static CAL_S001 = ("CAL-S001", "calico-ip-not-bare-address", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports more than one IPv4 (or IPv6) address in `ipAddrs`/`ipAddrsNoIpam`.
    ///
    /// ## Why is this bad?
    /// A pod gets one address per family: `cannot have more than one IPv4 address for
    /// "cni.projectcalico.org/ipAddrs" annotation`. Addresses for several replicas need a
    /// pool per workload and `ipv4pools`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["10.0.0.5", "10.0.0.6"]'
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
    ///     cni.projectcalico.org/ipAddrs: '["10.0.0.5", "fd00::5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which address to keep is the user's choice.
    pub static CAL_S002 = ("CAL-S002", "calico-ip-addrs-one-per-family", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a pod with both `ipAddrs` and `ipAddrsNoIpam`.
    ///
    /// ## Why is this bad?
    /// Calico refuses the pod: `can't have both annotations: 'ipAddrs' and 'ipAddrsNoIpam'
    /// in use at the same time`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["192.168.0.1"]'
    ///     cni.projectcalico.org/ipAddrsNoIpam: '["10.0.0.1"]'
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
    ///     cni.projectcalico.org/ipAddrs: '["192.168.0.1"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which one is meant is the user's choice.
    pub static CAL_S003 = ("CAL-S003", "calico-ip-addrs-and-no-ipam", Error, None, ["MUL-C02"]);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports `ipAddrs`/`ipAddrsNoIpam` in the pod template of a controller that can run
    /// more than one pod at a time: `replicas` > 1, a DaemonSet, a Job with `parallelism`
    /// > 1, or the target of a HorizontalPodAutoscaler with `maxReplicas` > 1.
    ///
    /// ## Why is this bad?
    /// Every pod requests the same address. The second fails with `error getting IP from
    /// IPAM: resource already exists: <ip> with error: Address already assigned in block`
    /// (with `ipAddrsNoIpam`, two pods share one address).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   replicas: 3
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///       annotations:
    ///         cni.projectcalico.org/ipAddrs: '["10.0.0.5"]'
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   replicas: 3
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///       annotations:
    ///         cni.projectcalico.org/ipv4pools: '["web-pool"]'
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: use a pool per workload with `ipv4pools`.
    pub static CAL_S004 = ("CAL-S004", "calico-ip-addrs-multiple-pods", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports `ipAddrs`/`ipAddrsNoIpam` on a single-replica Deployment that rolls out with
    /// `RollingUpdate` (the default) and a surge.
    ///
    /// ## Why is this bad?
    /// During a rollout the new pod starts while the old one still holds the address and
    /// fails with `Address already assigned in block` until the old pod is gone; the
    /// rollout stalls.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   replicas: 1
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///       annotations:
    ///         cni.projectcalico.org/ipAddrs: '["10.0.0.5"]'
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   replicas: 1
    ///   strategy: {type: Recreate}
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///       annotations:
    ///         cni.projectcalico.org/ipAddrs: '["10.0.0.5"]'
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: `strategy: {type: Recreate}` changes how rollouts behave (a short outage
    /// instead of a stalled rollout).
    pub static CAL_S005 = ("CAL-S005", "calico-ip-addrs-rolling-update", Warning, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports `ipv4pools`/`ipv6pools` next to `ipAddrs`/`ipAddrsNoIpam`.
    ///
    /// ## Why is this bad?
    /// The specific-address path never calls pool auto-assignment (docs: "`ipAddrs` /
    /// `ipAddrsNoIpam` take priority"), so the pool annotations are dead configuration,
    /// and a family missing from `ipAddrs` gets no address at all.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["high-perf-pool"]'
    ///     cni.projectcalico.org/ipAddrs: '["10.245.0.100"]'
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
    ///     cni.projectcalico.org/ipAddrs: '["10.245.0.100"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: removing an annotation Calico ignores changes nothing.
    pub static CAL_S006 = ("CAL-S006", "calico-pools-ignored-with-ip-addrs", Warning, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// When the input or inventory holds IPPools, reports an `ipAddrs` address that is not
    /// inside any enabled pool.
    ///
    /// ## Why is this bad?
    /// calico-ipam's `AssignIP` fails: `error getting IP from IPAM: The provided IP address
    /// is not in a configured pool`. Disabled pools count as absent.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: default-ipv4-ippool
    /// spec:
    ///   cidr: 192.168.0.0/16
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["10.0.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: default-ipv4-ippool
    /// spec:
    ///   cidr: 192.168.0.0/16
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["192.168.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_S007 = ("CAL-S007", "calico-ip-not-in-pool", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Warns about annotations that need a feature switch the profile does not enable:
    /// `ipAddrsNoIpam` (CNI `feature_control.ip_addrs_no_ipam`), `floatingIPs` (CNI
    /// `feature_control.floating_ips` and Felix `floatingIPs: Enabled`),
    /// `allowedSourcePrefixes` (Felix `workloadSourceSpoofing: Any`).
    ///
    /// ## Why is this bad?
    /// Without the switch the pod fails with `requested feature is not enabled:
    /// ip_addrs_no_ipam` / `requested feature is not enabled: floating_ips`, or Felix logs
    /// `source IP spoofing requested but not enabled in Felix configuration` and drops the
    /// pod's dataplane programming.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrsNoIpam: '["10.0.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"calico":{"ipAddrsNoIpam":true}}
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrsNoIpam: '["10.0.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the switch is cluster configuration (set it in the profile when it is on).
    pub static CAL_S008 = ("CAL-S008", "calico-feature-not-enabled", Warning, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports pod-only Calico annotations (`ipAddrs`, `ipAddrsNoIpam`, `floatingIPs`,
    /// `hwAddr`, `allowedSourcePrefixes`) on a Namespace.
    ///
    /// ## Why is this bad?
    /// Calico reads only `ipv4pools`, `ipv6pools` and `ipFamilies` from the Namespace; the
    /// others do nothing there.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Namespace
    /// metadata:
    ///   name: team-a
    ///   annotations:
    ///     cni.projectcalico.org/ipAddrs: '["10.0.0.5"]'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Namespace
    /// metadata:
    ///   name: team-a
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["team-a-pool"]'
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the annotation belongs on the pods, if anywhere.
    pub static CAL_S009 = ("CAL-S009", "calico-pod-annotation-on-namespace", Warning, None);
}

pub fn check(cx: &mut Checker, m: &Calico) {
    for ann in m.pod_anns() {
        match ann.short.as_str() {
            "ipAddrs" | "ipAddrsNoIpam" => {
                bare_ips(cx, ann);
                per_family(cx, ann);
                if ann.short == "ipAddrs" {
                    if let Some(other) = m.sibling(ann, "ipAddrsNoIpam") {
                        if ann.is_set() && other.is_set() {
                            both(cx, ann, other);
                        }
                    }
                    if m.has_pools() {
                        in_pool(cx, m, ann);
                    }
                }
                if ann.is_set() {
                    replicas(cx, ann);
                }
            }
            "floatingIPs" => bare_ips(cx, ann),
            "ipv4pools" | "ipv6pools" if ann.is_set() => pools_ignored(cx, m, ann),
            _ => {}
        }
        features(cx, ann);
    }
    for ann in &m.anns {
        if ann.holder.place == Place::Namespace && POD_ONLY_KEYS.contains(&ann.short.as_str()) {
            let d = ann_diag(
                cx,
                &CAL_S009,
                ann,
                key_range(cx, ann),
                format!(
                    "{} has no effect on a Namespace: Calico reads only ipv4pools, ipv6pools and ipFamilies there; put it on the pods",
                    ann.key
                ),
            );
            cx.push(d);
        }
    }
}

fn bare_ips(cx: &mut Checker, ann: &Ann) {
    let Some(list) = &ann.list else { return };
    for (idx, item) in list.iter().enumerate() {
        if gonet::parse_ip(&item.value).is_some() {
            continue;
        }
        let v = &item.value;
        let floating = ann.short == "floatingIPs";
        let msg = if floating {
            format!(
                "{}: {v:?} is not a bare IP address; Calico silently drops floating IPs it cannot parse",
                ann.key
            )
        } else {
            format!(
                "{}: {v:?} is not a bare IP address (net.ParseIP); Calico fails with: invalid IP format: {v}",
                ann.key
            )
        };
        let mut d = ann_diag(cx, &CAL_S001, ann, item_range(cx, ann, item), msg);
        if floating {
            d.severity = Severity::Warning;
        }
        if let Ok((ip, _, prefix)) = gonet::parse_cidr(v) {
            let host = (ip.is_ipv4() && prefix == 32) || (ip.is_ipv6() && prefix == 128);
            if host {
                let mut items = ann.strings();
                items[idx] = v.split('/').next().unwrap_or(v).to_string();
                d.fix = Some(cx.fix(
                    format!("Drop the /{prefix}"),
                    Applicability::Safe,
                    vec![replace_list(cx, ann, &items)],
                ));
            }
        }
        cx.push(d);
    }
}

fn per_family(cx: &mut Checker, ann: &Ann) {
    let Some(list) = &ann.list else { return };
    let (mut v4, mut v6) = (false, false);
    for item in list {
        let Some(ip) = gonet::parse_ip(&item.value) else {
            return; // Calico stops at the first bad element (CAL-S001).
        };
        let (seen, fam) = if gonet::is_ipv4(&ip) {
            (&mut v4, "IPv4")
        } else {
            (&mut v6, "IPv6")
        };
        if *seen {
            let d = ann_diag(
                cx,
                &CAL_S002,
                ann,
                item_range(cx, ann, item),
                format!(
                    "{}: a pod gets one address per family, but {} is a second {fam} address; Calico fails with: cannot have more than one {fam} address for \"{}\" annotation",
                    ann.key, item.value, ann.key
                ),
            );
            cx.push(d);
            return;
        }
        *seen = true;
    }
}

fn both(cx: &mut Checker, a: &Ann, b: &Ann) {
    let later = if cx.yaml.node(a.key_node).start > cx.yaml.node(b.key_node).start {
        a
    } else {
        b
    };
    let d = ann_diag(
        cx,
        &CAL_S003,
        later,
        key_range(cx, later),
        "cni.projectcalico.org/ipAddrs and cni.projectcalico.org/ipAddrsNoIpam are mutually exclusive; Calico fails with: can't have both annotations: 'ipAddrs' and 'ipAddrsNoIpam' in use at the same time",
    );
    cx.push(d);
}

fn in_pool(cx: &mut Checker, m: &Calico, ann: &Ann) {
    let Some(list) = &ann.list else { return };
    let uses_enforced = version_at_least(cx, 3, 33);
    for item in list {
        let Some(ip) = gonet::parse_ip(&item.value) else {
            return;
        };
        let containing: Vec<_> = m
            .pools
            .iter()
            .filter(|p| p.cidr.is_some_and(|c| gonet::cidr_contains(c, ip)))
            .collect();
        if containing
            .iter()
            .any(|p| !p.disabled && (!uses_enforced || p.allows_workload()))
        {
            continue;
        }
        let why = match containing.first() {
            Some(p) if p.disabled => format!(
                " ({} is inside pool {}, which is disabled; disabled pools count as absent)",
                go_ip(&ip),
                p.display_name()
            ),
            Some(p) => format!(
                " (pool {} does not allow the Workload use; Calico after v3.32.1 fails with: IP address {} is in IP pool \"{}\", which is not allowed for use \"Workload\")",
                p.display_name(),
                go_ip(&ip),
                p.display_name()
            ),
            None => String::new(),
        };
        let d = ann_diag(
            cx,
            &CAL_S007,
            ann,
            item_range(cx, ann, item),
            format!(
                "{}: {} is not inside any enabled IPPool{why}; calico-ipam fails with: error getting IP from IPAM: The provided IP address is not in a configured pool",
                ann.key, item.value
            ),
        );
        cx.push(d);
    }
}

fn replicas(cx: &mut Checker, ann: &Ann) {
    if ann.holder.place != Place::Template {
        return;
    }
    let why = match pods_at_once(cx, ann.holder.object) {
        PodsAtOnce::One => return,
        PodsAtOnce::Several(why) => why,
        PodsAtOnce::DuringRollout(_) => {
            surge(cx, ann);
            return;
        }
    };
    let consequence = if ann.short == "ipAddrs" {
        "the second pod fails with: error getting IP from IPAM: resource already exists: <ip> with error: Address already assigned in block"
    } else {
        "several pods get the same address without IPAM, which breaks routing for all of them"
    };
    let d = ann_diag(
        cx,
        &CAL_S004,
        ann,
        value_range(cx, ann),
        format!(
            "{} requests the same address for every pod, but {why}; {consequence} (use a pool per workload with cni.projectcalico.org/ipv4pools)",
            ann.key
        ),
    );
    cx.push(d);
}

/// CAL-S005: a single-replica Deployment rolling out with a surge pod.
fn surge(cx: &mut Checker, ann: &Ann) {
    let y = cx.yaml;
    let obj = cx.object(ann.holder.object);
    let Some(spec) = y.get(obj.node, "spec").filter(|&s| y.is_map(s)) else {
        return;
    };
    let strategy = y.get(spec, "strategy");
    let mut d = ann_diag(
        cx,
        &CAL_S005,
        ann,
        value_range(cx, ann),
        format!(
            "{} on a Deployment that rolls out with RollingUpdate: the surge pod requests the address the old pod still holds and fails with `Address already assigned in block` until the old pod is deleted; use strategy type Recreate",
            ann.key
        ),
    );
    let edit = match strategy {
        Some(s) => {
            let (a, b) = edit::node_text_range(y, s);
            Some((a, b, "{type: Recreate}".to_string()))
        }
        None => edit::insert_entry(y, spec, "strategy", "{type: Recreate}"),
    };
    if let Some(e) = edit {
        d.fix = Some(cx.fix("Use strategy type Recreate", Applicability::Unsafe, vec![e]));
    }
    cx.push(d);
}

fn pools_ignored(cx: &mut Checker, m: &Calico, ann: &Ann) {
    let Some(addrs) = m
        .sibling(ann, "ipAddrs")
        .filter(|a| a.is_set())
        .or_else(|| m.sibling(ann, "ipAddrsNoIpam").filter(|a| a.is_set()))
    else {
        return;
    };
    let v4 = ann.short == "ipv4pools";
    let has_family = addrs.list.as_ref().is_some_and(|l| {
        l.iter()
            .any(|i| gonet::parse_ip(&i.value).is_some_and(|ip| gonet::is_ipv4(&ip) == v4))
    });
    let missing = if has_family {
        String::new()
    } else {
        format!(
            "; {} lists no {} address, so the pod gets no {} address at all",
            addrs.key,
            if v4 { "IPv4" } else { "IPv6" },
            if v4 { "IPv4" } else { "IPv6" }
        )
    };
    let mut d = ann_diag(
        cx,
        &CAL_S006,
        ann,
        key_range(cx, ann),
        format!(
            "{} is ignored: {} requests specific addresses, and that path never uses pool auto-assignment (\"ipAddrs / ipAddrsNoIpam take priority\"){missing}",
            ann.key, addrs.key
        ),
    );
    if let Some(e) = delete_ann(cx, ann) {
        d.fix = Some(cx.fix(format!("Remove {}", ann.key), Applicability::Safe, vec![e]));
    }
    cx.push(d);
}

fn features(cx: &mut Checker, ann: &Ann) {
    if !ann.is_set() {
        return;
    }
    let p = &cx.profile.calico;
    let msg = match ann.short.as_str() {
        "ipAddrsNoIpam" if !p.ip_addrs_no_ipam => format!(
            "{} needs the CNI setting feature_control.ip_addrs_no_ipam: true (off by default, and a security trade-off); otherwise Calico fails with: requested feature is not enabled: ip_addrs_no_ipam (set calico.ipAddrsNoIpam in the profile when it is on)",
            ann.key
        ),
        "floatingIPs" if !p.floating_ips => format!(
            "{} needs the CNI setting feature_control.floating_ips: true and FelixConfiguration floatingIPs: Enabled (both off by default; operator installs do not support floating IPs); otherwise Calico fails with: requested feature is not enabled: floating_ips (set calico.floatingIps in the profile when they are on)",
            ann.key
        ),
        "allowedSourcePrefixes" if !p.workload_source_spoofing => format!(
            "{} needs FelixConfiguration workloadSourceSpoofing: Any (default Disabled); otherwise Felix logs `source IP spoofing requested but not enabled in Felix configuration` and stops programming the pod (set calico.workloadSourceSpoofing in the profile when it is on)",
            ann.key
        ),
        _ => return,
    };
    let d = ann_diag(cx, &CAL_S008, ann, key_range(cx, ann), msg);
    cx.push(d);
}
