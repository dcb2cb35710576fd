//! CAL-IP001..CAL-IP017 (IPPool) and CAL-R001 (IPReservation): Calico's validation of
//! both API groups (`projectcalico.org/v3`, `crd.projectcalico.org/v1`).

use std::net::IpAddr;

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::fix::edit;
use crate::model::k8s::Object;
use crate::model::profile::CalicoEdition;
use crate::rules::checker::Checker;
use crate::rules::Rule;
use crate::syntax::gonet;
use crate::syntax::yaml::NodeId;

use super::common::{go_ip, is_dns1123_subdomain, str_field, version, version_at_least};

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPPool written as `crd.projectcalico.org/v1`, Calico's storage CRD.
    ///
    /// ## Why is this bad?
    /// Applying the storage CRD with kubectl bypasses Calico's validation and defaulting
    /// (`projectcalico.org/v3` through calicoctl or the Calico API server). Invalid pools are
    /// stored and fail later, e.g. `the given pool (...) does not exist, or is not enabled`
    /// (projectcalico/calico#4300). podnet checks it with the v3 rules anyway.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: crd.projectcalico.org/v1
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
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
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: `projectcalico.org/v3` needs calicoctl, the Calico API server or native v3 CRDs
    /// to apply.
    pub static CAL_IP001 = ("CAL-IP001", "calico-ippool-crd-api-version", Warning, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPPool without `spec.cidr` or with one Go's `net.ParseCIDR` rejects.
    ///
    /// ## Why is this bad?
    /// Calico rejects the pool: `IPPool CIDR must be specified` / `IPPool CIDR must be a valid
    /// subnet`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/33
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
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended range is unknown.
    pub static CAL_IP002 = ("CAL-IP002", "calico-ippool-cidr-invalid", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPPool CIDR with host bits set (`10.0.0.1/16`).
    ///
    /// ## Why is this bad?
    /// Calico rejects it: `IPPool CIDR is not strictly masked` (HEAD CEL: `IPPool CIDR must be
    /// strictly masked`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.1/16
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
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: masking gives `10.0.0.0/16`, but a smaller range may have been meant.
    pub static CAL_IP003 = ("CAL-IP003", "calico-ippool-cidr-not-masked", Error, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPPool overlapping the link-local ranges `169.254.0.0/16` or `fe80::/10`.
    ///
    /// ## Why is this bad?
    /// Calico rejects it: `IPPool CIDR overlaps with IPv4 Link Local range 169.254.0.0/16`
    /// (or `... IPv6 Link Local range fe80::/10`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 169.254.0.0/16
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.254.0.0/16
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_IP004 = ("CAL-IP004", "calico-ippool-link-local", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks `spec.blockSize`: 20..32 for IPv4 pools, 116..128 for IPv6 pools.
    ///
    /// ## Why is this bad?
    /// Calico rejects the pool: `IPv4 block size must be between 20 and 32` / `IPv6 block size
    /// must be between 116 and 128` (HEAD CEL: `blockSize must be between 20 and 32 for IPv4
    /// pools, and between 116 and 128 for IPv6 pools`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: fd00:10:244::/48
    ///   blockSize: 64
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: fd00:10:244::/48
    ///   blockSize: 122
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended block size is unknown (defaults are 26 and 122).
    pub static CAL_IP005 = ("CAL-IP005", "calico-ippool-block-size-range", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports an enabled IPPool whose prefix is longer than its block size (default 26 for
    /// IPv4, 122 for IPv6): the pool is smaller than one block.
    ///
    /// ## Why is this bad?
    /// Calico rejects it: `IP pool size is too small for use with Calico IPAM. It must be equal
    /// to or greater than the block size.`
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.22.0.0/28
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.22.0.0/28
    ///   blockSize: 28
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the prefix length is a valid block size for the family: `blockSize` is set to
    /// it.
    pub static CAL_IP006 = ("CAL-IP006", "calico-ippool-smaller-than-block", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks `ipipMode`/`vxlanMode` (`Always`, `CrossSubnet`, `Never`) and `assignmentMode`
    /// (`Automatic`, `Manual`): exact, case-sensitive values.
    ///
    /// ## Why is this bad?
    /// Calico rejects other values (`failed to validate Field: IPIPMode because of Tag:
    /// ipIpMode`); v3.30 compares with the exact string `Never` first, so `never` can surface as
    /// the misleading `Cannot enable both VXLAN and IPIP on the same IPPool`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   ipipMode: crosssubnet
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
    ///   ipipMode: CrossSubnet
    /// ```
    ///
    /// ## Fix safety
    /// Safe: only the case (and `-`/`_`) is normalised.
    pub static CAL_IP007 = ("CAL-IP007", "calico-ippool-mode-invalid", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports an IPPool with both `ipipMode` and `vxlanMode` enabled.
    ///
    /// ## Why is this bad?
    /// Calico rejects it: `Cannot enable both VXLAN and IPIP on the same IPPool` (CEL:
    /// `ipipMode and vxlanMode cannot both be enabled`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   ipipMode: Always
    ///   vxlanMode: CrossSubnet
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
    ///   ipipMode: Never
    ///   vxlanMode: CrossSubnet
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which encapsulation is meant is a network decision.
    pub static CAL_IP008 = ("CAL-IP008", "calico-ippool-ipip-and-vxlan", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports `ipipMode` other than `Never` on an IPv6 pool.
    ///
    /// ## Why is this bad?
    /// Calico rejects it: `IPIP is not supported on an IPv6 IP pool` (VXLAN on IPv6 is allowed
    /// since v3.23).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: fd00::/108
    ///   ipipMode: Always
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: fd00::/108
    ///   ipipMode: Never
    /// ```
    ///
    /// ## Fix safety
    /// Safe: IPIP cannot work on IPv6, so `ipipMode: Never` is what Calico could do at best.
    pub static CAL_IP009 = ("CAL-IP009", "calico-ippool-ipip-on-ipv6", Error, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports IPPools of the input that overlap each other (or a pool of the inventory with
    /// another name).
    ///
    /// ## Why is this bad?
    /// Creating the second pool fails: `IPPool(ippool-cs-1) CIDR overlaps with
    /// IPPool(default-ipv4-ippool) CIDR 192.168.0.0/16`. Since v3.32 an overlapping pool created
    /// through the CRD gets `Allocatable=False` (`CIDROverlap`) and is skipped by IPAM.
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
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: ippool-cs-1
    /// spec:
    ///   cidr: 192.168.10.0/24
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: default-ipv4-ippool
    /// spec:
    ///   cidr: 192.168.0.0/17
    /// ---
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: ippool-cs-1
    /// spec:
    ///   cidr: 192.168.128.0/24
    /// ```
    ///
    /// ## Fix safety
    /// No fix: shrink or replace the existing pool first (Calico's pool migration guide).
    pub static CAL_IP010 = ("CAL-IP010", "calico-ippool-overlap", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks `allowedUses`: known values (`Workload`, `Tunnel`, `LoadBalancer` since v3.30),
    /// `LoadBalancer` alone, without IPIP/VXLAN, with `nodeSelector: all()` and BGP export, and
    /// no `namespaceSelector` on a `Tunnel` pool.
    ///
    /// ## Why is this bad?
    /// Calico rejects the pool: `unknown use: <x>`, `LoadBalancer cannot be used at the same
    /// time as: Workload`, `Neither IPIPMode nor VXLANMode can be enabled on AllowedUses
    /// LoadBalancer IP pool`, `IP Pool with AllowedUse LoadBalancer must have node selector set
    /// to all()`, `LoadBalancer IP pools cannot disable BGP export`, `IP Pool with AllowedUse
    /// Tunnel cannot have namespaceSelector specified - tunnel IPs are not namespaced resources`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   allowedUses: [LoadBalancer, Workload]
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
    ///   allowedUses: [LoadBalancer]
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended use is a design decision.
    pub static CAL_IP011 = ("CAL-IP011", "calico-ippool-allowed-uses-invalid", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports `global()` in an IPPool's `nodeSelector` or `namespaceSelector`.
    ///
    /// ## Why is this bad?
    /// Calico rejects it (v3.31+): `global() selector is not valid for IPPool nodeSelector - use
    /// all() instead`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   nodeSelector: global()
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
    ///   nodeSelector: all()
    /// ```
    ///
    /// ## Fix safety
    /// No fix: `all()` is usually meant, but selectors are not rewritten automatically.
    pub static CAL_IP012 = ("CAL-IP012", "calico-ippool-global-selector", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Notes `metadata.namespace` on an IPPool or IPReservation, which are cluster-scoped.
    ///
    /// ## Why is this bad?
    /// The namespace is ignored; it suggests the pool is namespaced (use `namespaceSelector`
    /// for per-namespace pools).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    ///   namespace: team-a
    /// spec:
    ///   cidr: 10.0.0.0/16
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
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the field has no effect.
    pub static CAL_IP013 = ("CAL-IP013", "calico-cluster-scoped-namespace", Info, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks that an IPPool's `metadata.name` is a lowercase DNS-1123 subdomain.
    ///
    /// ## Why is this bad?
    /// Calico rejects it: `name must consist of lower case alphanumeric characters, '-' or '.'`.
    /// Pool annotations refer to pools by this exact name.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: Pool_A
    /// spec:
    ///   cidr: 10.0.0.0/16
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
    /// ```
    ///
    /// ## Fix safety
    /// No fix: renaming would break references.
    pub static CAL_IP014 = ("CAL-IP014", "calico-ippool-name-invalid", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Notes an IPPool with IPIP or VXLAN enabled and `natOutgoing` not set.
    ///
    /// ## Why is this bad?
    /// Calico's docs recommend `natOutgoing: true` with overlay encapsulation; without it,
    /// traffic from pods to destinations outside the cluster keeps the pod source address and
    /// usually cannot return.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   vxlanMode: Always
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
    ///   vxlanMode: Always
    ///   natOutgoing: true
    /// ```
    ///
    /// ## Fix safety
    /// No fix: outgoing NAT is a network decision.
    pub static CAL_IP015 = ("CAL-IP015", "calico-ippool-encap-without-nat", Info, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports the deprecated v1 fields `spec.ipip` and `spec.nat-outgoing`.
    ///
    /// ## Why is this bad?
    /// Calico rejects them in v3 (`mustBeNil` / `mustBeFalse`); use `ipipMode` and
    /// `natOutgoing`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.0.0.0/16
    ///   nat-outgoing: true
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
    ///   natOutgoing: true
    /// ```
    ///
    /// ## Fix safety
    /// Safe: `nat-outgoing` becomes `natOutgoing`; `ipip: {enabled, mode}` becomes `ipipMode`
    /// (`Always`, `CrossSubnet` for `cross-subnet`, `Never` when disabled). No fix when the new
    /// field is already set.
    pub static CAL_IP016 = ("CAL-IP016", "calico-ippool-deprecated-fields", Error, Sometimes);
}

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

crate::declare_rule! {
    /// ## What it does
    /// Checks that every `spec.reservedCIDRs` element of an IPReservation is an IP address or a
    /// CIDR.
    ///
    /// ## Why is this bad?
    /// Calico rejects the reservation (validator tag `cidrs`: each entry must pass
    /// `ParseCIDROrIP`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPReservation
    /// metadata:
    ///   name: reserved
    /// spec:
    ///   reservedCIDRs:
    ///   - 10.0.0.0/33
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPReservation
    /// metadata:
    ///   name: reserved
    /// spec:
    ///   reservedCIDRs:
    ///   - 10.0.0.0/28
    ///   - 10.0.1.5
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended range is unknown.
    pub static CAL_R001 = ("CAL-R001", "calico-ipreservation-cidr-invalid", Error, None);
}

const MODES: &[&str] = &["Always", "CrossSubnet", "Never"];
const ASSIGNMENT: &[&str] = &["Automatic", "Manual"];

struct PoolCx<'o> {
    obj: &'o Object,
    spec: Option<NodeId>,
}

fn diag(
    cx: &Checker,
    rule: &Rule,
    p: &PoolCx,
    path: &str,
    range: (usize, usize),
    msg: impl Into<String>,
) -> Diagnostic {
    cx.object_diagnostic(rule, p.obj, path.to_string(), range, msg)
}

fn span(cx: &Checker, n: NodeId) -> (usize, usize) {
    edit::node_text_range(cx.yaml, n)
}

/// Case-insensitive match of an enum value, ignoring `-` and `_`.
fn normalise(v: &str, allowed: &[&'static str]) -> Option<&'static str> {
    let k: String = v
        .chars()
        .filter(|c| *c != '-' && *c != '_' && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    allowed
        .iter()
        .copied()
        .find(|a| a.to_ascii_lowercase() == k)
}

pub fn check(cx: &mut Checker) {
    let objects: Vec<&Object> = cx.model.objects.iter().collect();
    let mut seen: Vec<(String, (IpAddr, u8))> = Vec::new();
    for obj in objects {
        let kind = obj.kind();
        if kind != "IPPool" && kind != "IPReservation" {
            continue;
        }
        if !obj
            .api_version
            .as_deref()
            .is_some_and(|a| a.contains("projectcalico.org"))
        {
            continue;
        }
        let y = cx.yaml;
        let spec = y.get(obj.node, "spec").filter(|&s| y.is_map(s));
        let p = PoolCx { obj, spec };
        metadata(cx, &p);
        if kind == "IPReservation" {
            reservation(cx, &p);
            continue;
        }
        if obj.api_version.as_deref() == Some("crd.projectcalico.org/v1") {
            if let Some(v) = y.get(obj.node, "apiVersion") {
                let r = span(cx, v);
                let mut d = diag(
                    cx,
                    &CAL_IP001,
                    &p,
                    "apiVersion",
                    r,
                    format!(
                        "IPPool {} uses crd.projectcalico.org/v1, Calico's storage CRD: applying it with kubectl skips Calico's validation and defaulting; write projectcalico.org/v3 and apply it with calicoctl or through the Calico API server",
                        obj.name.as_deref().unwrap_or("(unnamed)")
                    ),
                );
                d.fix = Some(cx.fix(
                    "Use projectcalico.org/v3",
                    Applicability::Unsafe,
                    vec![(r.0, r.1, "projectcalico.org/v3".to_string())],
                ));
                cx.push(d);
            }
        }
        if let Some(net) = pool_spec(cx, &p) {
            overlap(cx, &p, net, &seen);
            seen.push((obj.name.clone().unwrap_or_default(), net));
        }
    }
}

fn metadata(cx: &mut Checker, p: &PoolCx) {
    let y = cx.yaml;
    let Some(md) = y.get(p.obj.node, "metadata").filter(|&m| y.is_map(m)) else {
        return;
    };
    if let Some((k, v)) = y.get_entry(md, "namespace") {
        let mut d = diag(
            cx,
            &CAL_IP013,
            p,
            "metadata.namespace",
            span(cx, v),
            format!(
                "{} is cluster-scoped: metadata.namespace is ignored (for per-namespace pools use spec.namespaceSelector)",
                p.obj.kind()
            ),
        );
        if let Some(e) = edit::delete_entry(y, md, k) {
            d.fix = Some(cx.fix("Remove metadata.namespace", Applicability::Safe, vec![e]));
        }
        cx.push(d);
    }
    if let Some((v, name)) = str_field(y, md, "name") {
        if !is_dns1123_subdomain(name) {
            let d = diag(
                cx,
                &CAL_IP014,
                p,
                "metadata.name",
                span(cx, v),
                format!(
                    "{} name {name:?} is not a lowercase DNS-1123 subdomain; Calico rejects it: name must consist of lower case alphanumeric characters, '-' or '.' (regex: [a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)",
                    p.obj.kind()
                ),
            );
            cx.push(d);
        }
    }
}

/// Checks one pool's spec; returns its network when the CIDR is valid.
fn pool_spec(cx: &mut Checker, p: &PoolCx) -> Option<(IpAddr, u8)> {
    let y = cx.yaml;
    let name = p.obj.name.clone().unwrap_or_else(|| "(unnamed)".into());
    let Some(spec) = p.spec else {
        let n = y.node(p.obj.node);
        let d = diag(
            cx,
            &CAL_IP002,
            p,
            "spec",
            (n.start, n.start),
            format!(
                "IPPool {name} has no spec.cidr; Calico rejects it: IPPool CIDR must be specified"
            ),
        );
        cx.push(d);
        return None;
    };
    let field = |k: &str| y.get_entry(spec, k);
    let str_of = |k: &str| field(k).and_then(|(_, v)| y.str_value(v).map(|s| (v, s.to_string())));
    // Deprecated v1 fields and unknown fields.
    deprecated(cx, p, spec);
    unknown_fields(cx, p, spec);
    // Modes.
    let mut modes: Vec<(&str, Option<String>)> = Vec::new();
    for (key, allowed) in [
        ("ipipMode", MODES),
        ("vxlanMode", MODES),
        ("assignmentMode", ASSIGNMENT),
    ] {
        let Some((v, val)) = str_of(key) else {
            modes.push((key, None));
            continue;
        };
        if !allowed.contains(&val.as_str()) {
            let mut d = diag(
                cx,
                &CAL_IP007,
                p,
                &format!("spec.{key}"),
                span(cx, v),
                format!(
                    "IPPool {name}: {key} {val:?} is not one of {} (case-sensitive); Calico rejects it (failed to validate Field: {key})",
                    allowed.join(", ")
                ),
            );
            if let Some(n) = normalise(&val, allowed) {
                let r = span(cx, v);
                d.fix = Some(cx.fix(
                    format!("Write {n}"),
                    Applicability::Safe,
                    vec![(r.0, r.1, n.to_string())],
                ));
            }
            cx.push(d);
        }
        let norm = normalise(&val, allowed).map(str::to_string).or(Some(val));
        modes.push((key, norm));
    }
    let enabled = |m: &Option<String>| m.as_deref().is_some_and(|m| m != "Never");
    let ipip = enabled(&modes[0].1);
    let vxlan = enabled(&modes[1].1);
    if ipip && vxlan {
        let r = field("vxlanMode")
            .map(|(_, v)| span(cx, v))
            .unwrap_or((0, 0));
        let d = diag(
            cx,
            &CAL_IP008,
            p,
            "spec.vxlanMode",
            r,
            format!("IPPool {name} enables both IPIP and VXLAN; Calico rejects it: Cannot enable both VXLAN and IPIP on the same IPPool"),
        );
        cx.push(d);
    }
    let nat = field("natOutgoing").is_some_and(|(_, v)| y.scalar(v) == Some("true"));
    let disabled = field("disabled").is_some_and(|(_, v)| y.scalar(v) == Some("true"));
    // CIDR.
    let Some((cv, cidr)) = str_of("cidr") else {
        let (k, _) = field("cidr").unwrap_or((spec, spec));
        let r = if k == spec {
            (y.node(spec).start, y.node(spec).start)
        } else {
            span(cx, k)
        };
        let d = diag(
            cx,
            &CAL_IP002,
            p,
            "spec.cidr",
            r,
            format!(
                "IPPool {name} has no spec.cidr; Calico rejects it: IPPool CIDR must be specified"
            ),
        );
        cx.push(d);
        return None;
    };
    let Ok((ip, net, prefix)) = gonet::parse_cidr(cidr.trim()) else {
        let d = diag(
            cx,
            &CAL_IP002,
            p,
            "spec.cidr",
            span(cx, cv),
            format!("IPPool {name}: {cidr:?} is not a CIDR; Calico rejects it: IPPool CIDR must be a valid subnet"),
        );
        cx.push(d);
        return None;
    };
    let v4 = gonet::is_ipv4(&net);
    if ip != net {
        let masked = format!("{}/{prefix}", go_ip(&net));
        let r = span(cx, cv);
        let mut d = diag(
            cx,
            &CAL_IP003,
            p,
            "spec.cidr",
            r,
            format!("IPPool {name}: {cidr} has host bits set; Calico rejects it: IPPool CIDR is not strictly masked (the network is {masked})"),
        );
        d.fix = Some(cx.fix(
            format!("Use {masked}"),
            Applicability::Unsafe,
            vec![(r.0, r.1, masked)],
        ));
        cx.push(d);
    }
    let link_local: (IpAddr, u8) = if v4 {
        (IpAddr::from([169, 254, 0, 0]), 16)
    } else {
        (IpAddr::from([0xfe80, 0, 0, 0, 0, 0, 0, 0u16]), 10)
    };
    if gonet::cidrs_overlap((net, prefix), link_local) {
        let d = diag(
            cx,
            &CAL_IP004,
            p,
            "spec.cidr",
            span(cx, cv),
            format!(
                "IPPool {name}: {cidr} overlaps the link-local range; Calico rejects it: IPPool CIDR overlaps with {} Link Local range {}",
                if v4 { "IPv4" } else { "IPv6" },
                if v4 { "169.254.0.0/16" } else { "fe80::/10" }
            ),
        );
        cx.push(d);
    }
    // Block size.
    let (lo, hi, default) = if v4 { (20, 32, 26) } else { (116, 128, 122) };
    let bs_entry = field("blockSize");
    let mut block = Some(default);
    if let Some((_, bv)) = bs_entry {
        let raw = y.scalar(bv).unwrap_or("").trim().to_string();
        match raw.parse::<i64>() {
            Ok(b) if (lo..=hi).contains(&b) => block = Some(b),
            _ => {
                block = None;
                let fam = if v4 { "IPv4" } else { "IPv6" };
                let d = diag(
                    cx,
                    &CAL_IP005,
                    p,
                    "spec.blockSize",
                    span(cx, bv),
                    format!("IPPool {name}: blockSize {raw} is outside {lo}..{hi}; Calico rejects it: {fam} block size must be between {lo} and {hi}"),
                );
                cx.push(d);
            }
        }
    }
    if let Some(b) = block {
        if i64::from(prefix) > b && !disabled {
            let r = bs_entry
                .map(|(_, v)| span(cx, v))
                .unwrap_or_else(|| span(cx, cv));
            let mut d = diag(
                cx,
                &CAL_IP006,
                p,
                if bs_entry.is_some() { "spec.blockSize" } else { "spec.cidr" },
                r,
                format!(
                    "IPPool {name}: the /{prefix} pool is smaller than one /{b} block{}; Calico rejects it: IP pool size is too small for use with Calico IPAM. It must be equal to or greater than the block size.",
                    if bs_entry.is_none() { " (the default block size)" } else { "" }
                ),
            );
            if (lo..=hi).contains(&i64::from(prefix)) {
                let e = match bs_entry {
                    Some((_, v)) => {
                        let r = span(cx, v);
                        Some((r.0, r.1, prefix.to_string()))
                    }
                    None => edit::insert_entry(y, spec, "blockSize", &prefix.to_string()),
                };
                if let Some(e) = e {
                    d.fix = Some(cx.fix(
                        format!("Set blockSize to {prefix}"),
                        Applicability::Safe,
                        vec![e],
                    ));
                }
            }
            cx.push(d);
        }
    }
    if let Some((_, v)) = field("ipipMode").filter(|_| ipip && !v4) {
        let r = span(cx, v);
        let mut d = diag(
            cx,
            &CAL_IP009,
            p,
            "spec.ipipMode",
            r,
            format!("IPPool {name} is IPv6 but enables IPIP; Calico rejects it: IPIP is not supported on an IPv6 IP pool (use vxlanMode for IPv6 encapsulation)"),
        );
        d.fix = Some(cx.fix(
            "Set ipipMode: Never",
            Applicability::Safe,
            vec![(r.0, r.1, "Never".into())],
        ));
        cx.push(d);
    }
    let key = if ipip { "ipipMode" } else { "vxlanMode" };
    if let Some((_, v)) = field(key).filter(|_| (ipip || vxlan) && !nat) {
        let d = diag(
            cx,
            &CAL_IP015,
            p,
            &format!("spec.{key}"),
            span(cx, v),
            format!("IPPool {name} uses {} encapsulation without natOutgoing: true; Calico's docs recommend outgoing NAT with IPIP/VXLAN so pod traffic leaving the cluster can return", if ipip { "IPIP" } else { "VXLAN" }),
        );
        cx.push(d);
    }
    uses(cx, p, spec, &name, ipip || vxlan);
    for key in ["nodeSelector", "namespaceSelector"] {
        if let Some((v, sel)) = str_of(key) {
            if sel.contains("global()") {
                let d = diag(
                    cx,
                    &CAL_IP012,
                    p,
                    &format!("spec.{key}"),
                    span(cx, v),
                    format!("IPPool {name}: global() is not valid in {key}; Calico rejects it: global() selector is not valid for IPPool {key} - use all() instead"),
                );
                cx.push(d);
            }
        }
    }
    Some((net, prefix))
}

fn uses(cx: &mut Checker, p: &PoolCx, spec: NodeId, name: &str, encap: bool) {
    let y = cx.yaml;
    let Some(list) = y.get(spec, "allowedUses").filter(|&l| y.is_seq(l)) else {
        return;
    };
    let enterprise = cx.profile.calico.edition == CalicoEdition::Enterprise;
    let lb_known = version_at_least(cx, 3, 30);
    let items: Vec<(NodeId, String)> = y
        .items(list)
        .iter()
        .filter_map(|&i| y.str_value(i).map(|s| (i, s.to_string())))
        .collect();
    let push = |cx: &mut Checker, rule: &Rule, r: (usize, usize), msg: String| {
        let d = diag(cx, rule, p, "spec.allowedUses", r, msg);
        cx.push(d);
    };
    for (n, u) in &items {
        let known =
            matches!(u.as_str(), "Workload" | "Tunnel") || (u == "LoadBalancer" && lb_known);
        if known {
            continue;
        }
        let r = span(cx, *n);
        if u == "HostSecondaryInterface" && !enterprise {
            push(cx, &CAL_IP017, r, format!("IPPool {name}: allowed use HostSecondaryInterface exists only in Calico Enterprise; Calico OSS rejects it: unknown use: HostSecondaryInterface"));
        } else if !(u == "HostSecondaryInterface" && enterprise) {
            push(cx, &CAL_IP011, r, format!("IPPool {name}: {u:?} is not an allowed use (Workload, Tunnel{}); Calico rejects it: unknown use: {u}", if lb_known { ", LoadBalancer" } else { "; LoadBalancer needs v3.30+" }));
        }
    }
    let has = |u: &str| items.iter().any(|(_, x)| x == u);
    let whole = span(cx, list);
    if has("LoadBalancer") {
        for other in ["Workload", "Tunnel"] {
            if has(other) {
                push(cx, &CAL_IP011, whole, format!("IPPool {name}: LoadBalancer cannot be combined with {other}; Calico rejects it: LoadBalancer cannot be used at the same time as: {other}"));
            }
        }
        if encap {
            push(cx, &CAL_IP011, whole, format!("IPPool {name}: a LoadBalancer pool cannot use IPIP or VXLAN; Calico rejects it: Neither IPIPMode nor VXLANMode can be enabled on AllowedUses LoadBalancer IP pool"));
        }
        if let Some((_, s)) = str_field(y, spec, "nodeSelector") {
            if s.trim() != "all()" {
                push(cx, &CAL_IP011, whole, format!("IPPool {name}: a LoadBalancer pool must select all nodes; Calico rejects it: IP Pool with AllowedUse LoadBalancer must have node selector set to all()"));
            }
        }
        if y.get(spec, "disableBGPExport")
            .is_some_and(|v| y.scalar(v) == Some("true"))
        {
            push(cx, &CAL_IP011, whole, format!("IPPool {name}: a LoadBalancer pool must be exported over BGP; Calico rejects it: LoadBalancer IP pools cannot disable BGP export"));
        }
    }
    if has("Tunnel")
        && str_field(y, spec, "namespaceSelector").is_some_and(|(_, s)| !s.trim().is_empty())
    {
        push(cx, &CAL_IP011, whole, format!("IPPool {name}: a Tunnel pool cannot have a namespaceSelector; Calico rejects it: IP Pool with AllowedUse Tunnel cannot have namespaceSelector specified - tunnel IPs are not namespaced resources"));
    }
}

fn deprecated(cx: &mut Checker, p: &PoolCx, spec: NodeId) {
    let y = cx.yaml;
    let name = p.obj.name.as_deref().unwrap_or("(unnamed)");
    if let Some((k, v)) = y.get_entry(spec, "nat-outgoing") {
        let mut d = diag(cx, &CAL_IP016, p, "spec.nat-outgoing", span(cx, k), format!("IPPool {name}: nat-outgoing is the deprecated v1 field; Calico v3 rejects it (must be unset): use natOutgoing"));
        if y.get(spec, "natOutgoing").is_none() {
            d.fix = Some(cx.fix(
                "Use natOutgoing",
                Applicability::Safe,
                vec![edit::rename_key(y, k, "natOutgoing")],
            ));
        }
        let _ = v;
        cx.push(d);
    }
    if let Some((k, v)) = y.get_entry(spec, "ipip") {
        let mut d = diag(cx, &CAL_IP016, p, "spec.ipip", span(cx, k), format!("IPPool {name}: ipip is the deprecated v1 field; Calico v3 rejects it (must be unset): use ipipMode (Always, CrossSubnet or Never)"));
        if y.get(spec, "ipipMode").is_none() && y.is_map(v) {
            let enabled = y
                .get(v, "enabled")
                .and_then(|e| y.scalar(e))
                .unwrap_or("true")
                == "true";
            let mode = y
                .get(v, "mode")
                .and_then(|m| y.scalar(m))
                .unwrap_or("always");
            let new = if !enabled {
                "Never"
            } else if mode.eq_ignore_ascii_case("cross-subnet")
                || mode.eq_ignore_ascii_case("crosssubnet")
            {
                "CrossSubnet"
            } else {
                "Always"
            };
            let r = span(cx, v);
            d.fix = Some(cx.fix(
                format!("Use ipipMode: {new}"),
                Applicability::Safe,
                vec![
                    edit::rename_key(y, k, "ipipMode"),
                    (r.0, r.1, new.to_string()),
                ],
            ));
        }
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

fn overlap(cx: &mut Checker, p: &PoolCx, net: (IpAddr, u8), seen: &[(String, (IpAddr, u8))]) {
    let name = p.obj.name.clone().unwrap_or_default();
    let mut others: Vec<(String, (IpAddr, u8))> = seen.to_vec();
    // Inventory pools with another name (a pool of the same name is this pool, updated).
    if let Some(inv) = &cx.inventory {
        for o in &inv.model.objects {
            if o.kind() == "IPPool" && o.name.as_deref() != Some(name.as_str()) {
                let spec = inv.yaml.get(o.node, "spec");
                let c = spec
                    .and_then(|s| inv.yaml.get(s, "cidr"))
                    .and_then(|c| inv.yaml.str_value(c))
                    .and_then(|c| gonet::parse_cidr(c.trim()).ok());
                if let Some((_, n, pr)) = c {
                    others.push((o.name.clone().unwrap_or_default(), (n, pr)));
                }
            }
        }
    }
    let Some((other, onet)) = others
        .iter()
        .find(|(n, c)| *n != name && gonet::cidrs_overlap(*c, net))
    else {
        return;
    };
    let y = cx.yaml;
    let r = p
        .spec
        .and_then(|s| y.get(s, "cidr"))
        .map(|v| span(cx, v))
        .unwrap_or((0, 0));
    let d = diag(
        cx,
        &CAL_IP010,
        p,
        "spec.cidr",
        r,
        format!(
            "IPPool {name} ({}/{}) overlaps IPPool {other} ({}/{}); Calico rejects the second pool: IPPool({name}) CIDR overlaps with IPPool({other}) CIDR {}/{} (since v3.32 an overlapping pool created through the CRD is marked Allocatable=False, CIDROverlap, and skipped by IPAM)",
            go_ip(&net.0), net.1, go_ip(&onet.0), onet.1, go_ip(&onet.0), onet.1
        ),
    );
    cx.push(d);
}

fn reservation(cx: &mut Checker, p: &PoolCx) {
    let y = cx.yaml;
    let Some(spec) = p.spec else { return };
    let Some(list) = y.get(spec, "reservedCIDRs") else {
        return;
    };
    for (i, &item) in y.items(list).iter().enumerate() {
        let v = y.scalar(item).unwrap_or("").to_string();
        if gonet::parse_cidr(&v).is_ok() || gonet::parse_ip(&v).is_some() {
            continue;
        }
        let d = diag(
            cx,
            &CAL_R001,
            p,
            &format!("spec.reservedCIDRs[{i}]"),
            span(cx, item),
            format!(
                "IPReservation {}: {v:?} is neither an IP address nor a CIDR; Calico rejects the reservation (reservedCIDRs entries must parse as an IP or CIDR)",
                p.obj.name.as_deref().unwrap_or("(unnamed)")
            ),
        );
        cx.push(d);
    }
}
