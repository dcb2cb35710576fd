//! CAL-P001..CAL-P009: pool references in `ipv4pools`/`ipv6pools` and `ipFamilies`.

use crate::fix::diagnostic::{Applicability, Severity};
use crate::fix::edit;
use crate::model::k8s::Place;
use crate::rules::checker::Checker;
use crate::syntax::gonet;

use super::common::{
    ann_diag, delete_ann, go_ip, is_dns1123_subdomain, item_range, json_list, replace_list,
    value_range, Ann, Calico, Pool, PREFIX,
};

crate::declare_rule! {
    /// ## What it does
    /// Reports a pool entry that is neither a CIDR Go's `net.ParseCIDR` accepts nor a valid
    /// IPPool name (a lowercase DNS-1123 subdomain): spaces, uppercase letters, `_`.
    ///
    /// ## Why is this bad?
    /// Such an entry can never match a pool. calico-ipam fails with `error parsing pool
    /// "Pool_A": invalid CIDR address: Pool_A` and the pod stays in `ContainerCreating`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '[" pool-a"]'
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
    ///     cni.projectcalico.org/ipv4pools: '["pool-a"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe, and only offered, when trimming surrounding whitespace yields a valid CIDR or
    /// pool name. Case and other characters are never guessed.
    pub static CAL_P001 = ("CAL-P001", "calico-pool-entry-invalid", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a pool entry that is a bare IP address (`10.0.0.0`) instead of a CIDR.
    ///
    /// ## Why is this bad?
    /// A bare IP is not a CIDR, so Calico looks it up as a pool name and fails:
    /// `error parsing pool "10.0.0.0": invalid CIDR address: 10.0.0.0`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["10.0.0.0"]'
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
    ///     cni.projectcalico.org/ipv4pools: '["10.0.0.0/16"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the prefix length is unknown.
    pub static CAL_P002 = ("CAL-P002", "calico-pool-entry-bare-ip", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPv6 CIDR or pool under `ipv4pools`, or an IPv4 one under `ipv6pools`
    /// (pools in the input or inventory are resolved by name).
    ///
    /// ## Why is this bad?
    /// calico-ipam's `ResolvePools` checks the family and fails the pod:
    /// `"fd00::1:0" isn't a IPv4 address` (or `... isn't a IPv6 address`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["fd00::1:0/120"]'
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
    ///     cni.projectcalico.org/ipv6pools: '["fd00::1:0/120"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the entry moves to the key of its family (the emptied key is removed).
    pub static CAL_P003 = ("CAL-P003", "calico-pool-family-mismatch", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a pool CIDR with host bits set (`10.0.0.1/16`).
    ///
    /// ## Why is this bad?
    /// Calico masks it (`10.0.0.0/16`) before matching pools, so it works, but the written
    /// value suggests a different range than the one used.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["10.0.0.1/16"]'
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
    ///     cni.projectcalico.org/ipv4pools: '["10.0.0.0/16"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the entry is written as Calico reads it.
    pub static CAL_P004 = ("CAL-P004", "calico-pool-cidr-not-masked", Info, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// When the input or the inventory holds IPPools, reports a pool name or CIDR that
    /// matches no pool exactly. Without any IPPool nothing is reported.
    ///
    /// ## Why is this bad?
    /// A name that matches no pool fails with `error parsing pool "x": invalid CIDR
    /// address: x`; a CIDR must equal a pool's CIDR exactly (subsets are not accepted):
    /// `the given pool (20.0.0.0/24) does not exist, or is not enabled`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["10.0.1.0/24"]'
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
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["pool-a"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the message suggests the containing pool or the closest name.
    pub static CAL_P005 = ("CAL-P005", "calico-pool-not-found", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a reference to a pool (in the input or inventory) that is `disabled: true`
    /// or whose `allowedUses` lacks `Workload`.
    ///
    /// ## Why is this bad?
    /// Disabled pools are not candidates: `the given pool (192.168.0.0/16) does not exist,
    /// or is not enabled`. Pools without the Workload use: `cannot find a qualified ippool,
    /// no pools match the required use (Workload)`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: old-pool
    /// spec:
    ///   cidr: 192.168.0.0/16
    ///   disabled: true
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["old-pool"]'
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
    ///   name: old-pool
    /// spec:
    ///   cidr: 192.168.0.0/16
    ///   nodeSelector: "!all()"
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["old-pool"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: enabling the pool (or using `nodeSelector: "!all()"` to keep it out of
    /// automatic assignment) is a cluster decision.
    pub static CAL_P006 = ("CAL-P006", "calico-pool-not-usable", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Notes that a referenced pool has a `nodeSelector` or `namespaceSelector` other than
    /// `all()`: pools requested by annotation are used unconditionally.
    ///
    /// ## Why is this bad?
    /// `determinePools` ignores the selectors of requested pools ("the annotations take
    /// precedence over the IP pools selector", projectcalico/calico#4656), so pods on any
    /// node or namespace get addresses from it. Intended when the selector is `!all()`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: rack-1
    /// spec:
    ///   cidr: 10.1.0.0/16
    ///   nodeSelector: rack == "1"
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["rack-1"]'
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
    ///   name: rack-1
    /// spec:
    ///   cidr: 10.1.0.0/16
    ///   nodeSelector: rack == "1"
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   nodeSelector:
    ///     rack: "1"
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_P007 = ("CAL-P007", "calico-pool-selector-bypassed", Info, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Notes that `ipv6pools` only matters when the pod gets an IPv6 address (CNI
    /// `assign_ipv6: "true"`, not visible in manifests, or `ipFamilies` with `IPv6`); warns
    /// when the pod's `ipFamilies` excludes IPv6.
    ///
    /// ## Why is this bad?
    /// calico-ipam defaults to not assigning IPv6; with it off the annotation is silently
    /// ignored and the pod is IPv4-only (projectcalico/calicoctl#1544).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipFamilies: '["IPv4"]'
    ///     cni.projectcalico.org/ipv6pools: '["fd00::/120"]'
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
    ///     cni.projectcalico.org/ipFamilies: '["IPv4", "IPv6"]'
    ///     cni.projectcalico.org/ipv6pools: '["fd00::/120"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_P008 = ("CAL-P008", "calico-ipv6pools-needs-ipv6", Info, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks `cni.projectcalico.org/ipFamilies` (Calico v3.30+): every element must be
    /// exactly `IPv4` or `IPv6`; an empty list requests no address at all.
    ///
    /// ## Why is this bad?
    /// Any other element fails the pod with `error parsing ipFamilies: <value>`; `[]`
    /// fails with `IPAM plugin returned missing IP config`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     cni.projectcalico.org/ipFamilies: '["ipv4"]'
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
    ///     cni.projectcalico.org/ipFamilies: '["IPv4"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe when every bad element is `IPv4`/`IPv6` in another case.
    pub static CAL_P009 = ("CAL-P009", "calico-ip-families-invalid", Error, Sometimes);
}

pub fn check(cx: &mut Checker, m: &Calico) {
    for ann in m.read_anns() {
        match ann.short.as_str() {
            "ipv4pools" | "ipv6pools" => pool_entries(cx, m, ann),
            "ipFamilies" => families(cx, ann),
            _ => {}
        }
        if ann.short == "ipv6pools" && ann.list.is_some() {
            ipv6_needs(cx, m, ann);
        }
    }
}

fn pool_entries(cx: &mut Checker, m: &Calico, ann: &Ann) {
    let Some(list) = &ann.list else { return };
    let v4 = ann.short == "ipv4pools";
    // The ipAddrs path never resolves pools (CAL-S006 reports it); still check syntax.
    for (idx, item) in list.iter().enumerate() {
        let entry = item.value.as_str();
        let range = item_range(cx, ann, item);
        if let Ok((ip, net, prefix)) = gonet::parse_cidr(entry) {
            if gonet::is_ipv4(&net) != v4 {
                family_mismatch(cx, m, ann, idx, &net, None);
                continue;
            }
            if ip != net {
                let mut items = ann.strings();
                items[idx] = format!("{}/{}", go_ip(&net), prefix);
                let mut d = ann_diag(
                    cx,
                    &CAL_P004,
                    ann,
                    range,
                    format!(
                        "{}: {entry} has host bits set; Calico masks it to {}/{} before matching pools",
                        ann.key, go_ip(&net), prefix
                    ),
                );
                d.fix = Some(cx.fix(
                    "Mask the CIDR",
                    Applicability::Safe,
                    vec![replace_list(cx, ann, &items)],
                ));
                cx.push(d);
            }
            if m.has_pools() {
                match m.pool_by_cidr((net, prefix)) {
                    Some(p) => usable(cx, ann, range, entry, p),
                    None => {
                        let cidr = format!("{}/{}", go_ip(&net), prefix);
                        let hint = m
                            .pools
                            .iter()
                            .find(|p| {
                                p.cidr.is_some_and(|c| gonet::cidrs_overlap(c, (net, prefix)))
                            })
                            .map(|p| {
                                format!(
                                    "; {cidr} is not exactly a pool (subsets are not accepted): it overlaps pool {} ({}), use its name or exact CIDR, or create a pool for the sub-range",
                                    p.display_name(),
                                    p.cidr_text()
                                )
                            })
                            .unwrap_or_default();
                        let d = ann_diag(
                            cx,
                            &CAL_P005,
                            ann,
                            range,
                            format!(
                                "{}: no IPPool has the CIDR {cidr}; calico-ipam fails with: the given pool ({cidr}) does not exist, or is not enabled{hint}",
                                ann.key
                            ),
                        );
                        cx.push(d);
                    }
                }
            }
            continue;
        }
        if gonet::parse_ip(entry).is_some() {
            let d = ann_diag(
                cx,
                &CAL_P002,
                ann,
                range,
                format!(
                    "{}: {entry} is a bare IP address, not a CIDR, so Calico looks it up as a pool name and fails with: error parsing pool \"{entry}\": invalid CIDR address: {entry}",
                    ann.key
                ),
            );
            cx.push(d);
            continue;
        }
        if !is_dns1123_subdomain(entry) {
            let mut d = ann_diag(
                cx,
                &CAL_P001,
                ann,
                range,
                format!(
                    "{}: {entry:?} is neither a CIDR nor a valid IPPool name (lowercase letters, digits, '-' and '.'); calico-ipam fails with: error parsing pool \"{entry}\": invalid CIDR address: {entry}",
                    ann.key
                ),
            );
            let t = entry.trim();
            if t != entry && (gonet::parse_cidr(t).is_ok() || is_dns1123_subdomain(t)) {
                let mut items = ann.strings();
                items[idx] = t.to_string();
                d.fix = Some(cx.fix(
                    "Trim the whitespace",
                    Applicability::Safe,
                    vec![replace_list(cx, ann, &items)],
                ));
            }
            cx.push(d);
            continue;
        }
        if !m.has_pools() {
            continue;
        }
        match m.pool_by_name(entry) {
            Some(p) => {
                if let Some((net, _)) = p.cidr {
                    if gonet::is_ipv4(&net) != v4 {
                        family_mismatch(cx, m, ann, idx, &net, Some(p));
                        continue;
                    }
                }
                usable(cx, ann, range, entry, p);
            }
            None => {
                let close = m
                    .pools
                    .iter()
                    .filter_map(|p| p.name.as_deref())
                    .filter(|n| {
                        n.eq_ignore_ascii_case(entry)
                            || crate::syntax::text::edit_distance(n, entry) <= 2
                    })
                    .map(|n| format!("; did you mean {n}?"))
                    .next()
                    .unwrap_or_default();
                let d = ann_diag(
                    cx,
                    &CAL_P005,
                    ann,
                    range,
                    format!(
                        "{}: no IPPool is named {entry}; calico-ipam fails with: error parsing pool \"{entry}\": invalid CIDR address: {entry}{close}",
                        ann.key
                    ),
                );
                cx.push(d);
            }
        }
    }
}

fn usable(cx: &mut Checker, ann: &Ann, range: (usize, usize), entry: &str, p: &Pool) {
    let cidr = p.cidr_text();
    if p.disabled || !p.allows_workload() {
        let why = if p.disabled {
            format!(
                "pool {} is disabled (disabled: true), and disabled pools are not candidates; calico-ipam fails with: the given pool ({cidr}) does not exist, or is not enabled (to keep a pool out of automatic assignment but usable by annotation, use nodeSelector: \"!all()\" instead of disabling it)",
                p.display_name()
            )
        } else {
            format!(
                "pool {} does not allow the Workload use (allowedUses: {:?}); calico-ipam fails with: cannot find a qualified ippool, no pools match the required use (Workload)",
                p.display_name(),
                p.allowed_uses.clone().unwrap_or_default()
            )
        };
        let d = ann_diag(
            cx,
            &CAL_P006,
            ann,
            range,
            format!("{} references {entry}: {why}", ann.key),
        );
        cx.push(d);
        return;
    }
    let sel = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "all()")
            .map(str::to_string)
    };
    let ns = sel(&p.node_selector);
    let nss = sel(&p.namespace_selector);
    if ns.is_some() || nss.is_some() {
        let what = [
            ns.map(|s| format!("nodeSelector {s:?}")),
            nss.map(|s| format!("namespaceSelector {s:?}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" and ");
        let d = ann_diag(
            cx,
            &CAL_P007,
            ann,
            range,
            format!(
                "{} references pool {} whose {what} is bypassed: pools requested by annotation are used unconditionally, on any node and in any namespace",
                ann.key,
                p.display_name()
            ),
        );
        cx.push(d);
    }
}

fn family_mismatch(
    cx: &mut Checker,
    m: &Calico,
    ann: &Ann,
    idx: usize,
    net: &std::net::IpAddr,
    pool: Option<&Pool>,
) {
    let Some(list) = &ann.list else { return };
    let item = &list[idx];
    let v4 = ann.short == "ipv4pools";
    let (want, other_short) = if v4 {
        ("IPv4", "ipv6pools")
    } else {
        ("IPv6", "ipv4pools")
    };
    let via = pool
        .map(|p| format!(" (pool {} has CIDR {})", p.display_name(), p.cidr_text()))
        .unwrap_or_default();
    let mut d = ann_diag(
        cx,
        &CAL_P003,
        ann,
        item_range(cx, ann, item),
        format!(
            "{}: {} is {} family{via}, not {want}; calico-ipam fails with: \"{}\" isn't a {want} address (move it to {PREFIX}{other_short})",
            ann.key,
            item.value,
            if v4 { "of the IPv6" } else { "of the IPv4" },
            go_ip(net)
        ),
    );
    // The fix: move the entry to the other key.
    let y = cx.yaml;
    let mut rest = ann.strings();
    let moved = rest.remove(idx);
    let other_key = format!("{PREFIX}{other_short}");
    let mut edits = Vec::new();
    match m.sibling(ann, other_short) {
        Some(other) => {
            if let Some(mut items) = other.list.as_ref().map(|_| other.strings()) {
                items.push(moved);
                edits.push(replace_list(cx, other, &items));
                if rest.is_empty() {
                    edits.extend(delete_ann(cx, ann));
                } else {
                    edits.push(replace_list(cx, ann, &rest));
                }
            }
        }
        None => {
            if rest.is_empty() {
                edits.push(edit::rename_key(y, ann.key_node, &other_key));
                edits.push(replace_list(cx, ann, &[moved]));
            } else {
                edits.push(replace_list(cx, ann, &rest));
                edits.extend(edit::insert_entry(
                    y,
                    ann.map,
                    &other_key,
                    &edit::quoted(&json_list(&[moved])),
                ));
            }
        }
    }
    if edits.len() == 2 {
        d.fix = Some(cx.fix(
            format!("Move the entry to {other_key}"),
            Applicability::Safe,
            edits,
        ));
    }
    cx.push(d);
}

fn families(cx: &mut Checker, ann: &Ann) {
    if ann.empty_list {
        let mut d = ann_diag(
            cx,
            &CAL_P009,
            ann,
            value_range(cx, ann),
            format!(
                "{} is an empty list: Calico assigns neither IPv4 nor IPv6 and fails with: IPAM plugin returned missing IP config",
                ann.key
            ),
        );
        d.severity = Severity::Warning;
        cx.push(d);
        return;
    }
    let Some(list) = &ann.list else { return };
    let bad: Vec<usize> = (0..list.len())
        .filter(|&i| !matches!(list[i].value.as_str(), "IPv4" | "IPv6"))
        .collect();
    let Some(&first) = bad.first() else { return };
    let raw = ann.text.clone().unwrap_or_default();
    let mut d = ann_diag(
        cx,
        &CAL_P009,
        ann,
        item_range(cx, ann, &list[first]),
        format!(
            "{}: {:?} is not an IP family; elements must be exactly \"IPv4\" or \"IPv6\" (case-sensitive); Calico fails with: error parsing ipFamilies: {raw}",
            ann.key, list[first].value
        ),
    );
    let fixed: Option<Vec<String>> = list
        .iter()
        .map(|i| match i.value.to_ascii_lowercase().as_str() {
            "ipv4" => Some("IPv4".to_string()),
            "ipv6" => Some("IPv6".to_string()),
            _ => None,
        })
        .collect();
    if let Some(items) = fixed {
        d.fix = Some(cx.fix(
            "Write the families as IPv4/IPv6",
            Applicability::Safe,
            vec![replace_list(cx, ann, &items)],
        ));
    }
    cx.push(d);
}

fn ipv6_needs(cx: &mut Checker, m: &Calico, ann: &Ann) {
    if ann.holder.place == Place::Namespace && ann.list.is_none() {
        return;
    }
    if m.sibling(ann, "ipAddrs").is_some_and(|a| a.is_set())
        || m.sibling(ann, "ipAddrsNoIpam").is_some_and(|a| a.is_set())
    {
        return;
    }
    let fam = m.sibling(ann, "ipFamilies").and_then(|f| f.list.as_ref());
    match fam {
        Some(l) if l.iter().any(|i| i.value == "IPv6") => {}
        Some(_) => {
            let mut d = ann_diag(
                cx,
                &CAL_P008,
                ann,
                value_range(cx, ann),
                format!(
                    "{} is ignored: {PREFIX}ipFamilies does not include IPv6, so no IPv6 address is assigned",
                    ann.key
                ),
            );
            d.severity = Severity::Warning;
            cx.push(d);
        }
        None => {
            let d = ann_diag(
                cx,
                &CAL_P008,
                ann,
                value_range(cx, ann),
                format!(
                    "{} only has an effect when IPv6 is assigned: the CNI config needs assign_ipv6: \"true\" (not visible in manifests), or add {PREFIX}ipFamilies: '[\"IPv4\", \"IPv6\"]'",
                    ann.key
                ),
            );
            cx.push(d);
        }
    }
}
