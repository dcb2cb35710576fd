//! Every Calico rule, on the examples of its own doc page: the invalid example produces it
//! at the expected source text, the valid neighbour does not, and where the rule has a fix,
//! `podnet fix` turns the invalid example into the expected text (byte for byte: nothing
//! else changes), which no longer produces the rule.

#![cfg_attr(test, allow(clippy::unwrap_used))]

use podnet_lint::{check, fix, rules, Profile};

fn profile(info: &str) -> Profile {
    if info.trim().is_empty() {
        return Profile::default();
    }
    let mut base = serde_json::to_value(Profile::default()).unwrap();
    let patch: serde_json::Value = serde_json::from_str(info).unwrap();
    merge(&mut base, patch);
    serde_json::from_value(base).unwrap()
}

fn merge(a: &mut serde_json::Value, b: serde_json::Value) {
    match (a, b) {
        (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(serde_json::Value::Null), v);
            }
        }
        (a, b) => *a = b,
    }
}

/// What the fix must produce from the invalid example.
enum Fixed {
    /// No fix is offered.
    None,
    /// The fixed text is the "Use instead" example.
    Good,
    /// The invalid example with this one replacement.
    Replace(&'static str, &'static str),
}

struct Case {
    rule: &'static str,
    /// The source text the finding covers.
    slice: &'static str,
    fixed: Fixed,
    /// The fix is unsafe (applied only on request).
    unsafe_fix: bool,
}

const fn c(rule: &'static str, slice: &'static str, fixed: Fixed) -> Case {
    Case {
        rule,
        slice,
        fixed,
        unsafe_fix: false,
    }
}

const fn u(rule: &'static str, slice: &'static str, fixed: Fixed) -> Case {
    Case {
        rule,
        slice,
        fixed,
        unsafe_fix: true,
    }
}

fn cases() -> Vec<Case> {
    use Fixed::*;
    vec![
        c("CAL-A001", "\"default-ipv4-ippool\"", Good),
        c("CAL-A002", "[\"default-ipv4-ippool\"]", Good),
        c("CAL-A003", "cni.projectcalico.org/ipv4Pools", Good),
        c("CAL-A004", "cni.projectcalico.org/ipv4pools", Good),
        c("CAL-A005", "cni.projectcalico.org/ipv4pools", Good),
        c("CAL-A006", "'[]'", None),
        c("CAL-A007", "cni.projectcalico.org/podIP", Good),
        c("CAL-A008", "cni.projectcalico.org/ipAddrs", None),
        c("CAL-P001", " pool-a", Good),
        c("CAL-P002", "10.0.0.0", None),
        u("CAL-P003", "fd00::1:0/120", Good),
        c("CAL-P004", "10.0.0.1/16", Good),
        c("CAL-P005", "10.0.1.0/24", None),
        c("CAL-P006", "old-pool", None),
        c("CAL-P007", "rack-1", None),
        c("CAL-P008", "'[\"fd00::/120\"]'", None),
        c("CAL-P009", "ipv4", Good),
        c("CAL-S001", "10.244.3.251/32", Good),
        c("CAL-S002", "10.0.0.6", None),
        c("CAL-S003", "cni.projectcalico.org/ipAddrsNoIpam", None),
        c("CAL-S004", "'[\"10.0.0.5\"]'", None),
        u(
            "CAL-S005",
            "'[\"10.0.0.5\"]'",
            Replace(
                "image: nginx\n",
                "image: nginx\n  strategy: {type: Recreate}\n",
            ),
        ),
        u("CAL-S006", "cni.projectcalico.org/ipv4pools", Good),
        c("CAL-S007", "10.0.0.5", None),
        c("CAL-S008", "cni.projectcalico.org/ipAddrsNoIpam", None),
        c("CAL-S009", "cni.projectcalico.org/ipAddrs", None),
        c(
            "CAL-H001",
            "'[\"1c:0c:0a:c0:ff:ee\"]'",
            Replace("'[\"1c:0c:0a:c0:ff:ee\"]'", "'1c:0c:0a:c0:ff:ee'"),
        ),
        u("CAL-X001", "10.0.0.5", Good),
        u("CAL-IP001", "crd.projectcalico.org/v1", Good),
        c("CAL-IP002", "10.0.0.0/33", None),
        u("CAL-IP003", "10.0.0.1/16", Good),
        c("CAL-IP004", "169.254.0.0/16", None),
        c("CAL-IP005", "64", None),
        u("CAL-IP006", "10.22.0.0/28", Good),
        c("CAL-IP007", "crosssubnet", Good),
        c("CAL-IP008", "CrossSubnet", None),
        u("CAL-IP009", "Always", Good),
        c("CAL-IP010", "192.168.10.0/24", None),
        c("CAL-IP011", "[LoadBalancer, Workload]", None),
        c("CAL-IP012", "global()", None),
        c("CAL-IP013", "team-a", Good),
        c("CAL-IP014", "Pool_A", None),
        c("CAL-IP015", "Always", None),
        c("CAL-IP016", "nat-outgoing", Good),
        c("CAL-IP017", "awsSubnetID", None),
        c("CAL-R001", "10.0.0.0/33", None),
        c("CAL-M002", "true", Good),
        u("CAL-M003", "{", Good),
        c("CAL-M004", "cni.projectcalico.org/ipAddrs", None),
        u("CAL-M005", "\"k8s-pod-network\"", Good),
        c("CAL-M006", "calico-conf", None),
        c("CAL-M007", "cni.projectcalico.org/ipv4pools", None),
        c("CAL-M009", "\"ips\": [\"10.1.0.5\"]", None),
        c("CAL-M010", "cni.projectcalico.org/ipv4pools", None),
        c("CAL-M011", "{", None),
        c(
            "CAL-M012",
            "\"nodename\": \"__KUBERNETES_NODE_NAME__\"",
            Good,
        ),
    ]
}

#[test]
fn every_calico_rule_has_a_case() {
    let ids: Vec<&str> = cases().iter().map(|c| c.rule).collect();
    for r in rules::all() {
        if r.id.starts_with("CAL-") {
            assert!(ids.contains(&r.id), "{} has no case", r.id);
        }
    }
}

#[test]
fn each_rule_on_its_doc_examples() {
    let mut failures = Vec::new();
    for case in cases() {
        let rule = rules::find(case.rule).unwrap_or_else(|| panic!("{} not registered", case.rule));
        let bad = &rule.examples("Example")[0];
        let good = &rule.examples("Use instead")[0];
        let bp = profile(&bad.profile);
        let report = check(&bad.source, &bp);
        let found: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule == rule.id)
            .collect();
        let Some(d) = found.first() else {
            failures.push(format!("{}: invalid example does not produce it", rule.id));
            continue;
        };
        let slice = &bad.source[d.range.start.offset..d.range.end.offset];
        if slice != case.slice {
            failures.push(format!(
                "{}: range covers {slice:?}, expected {:?} (line {} column {})",
                rule.id, case.slice, d.range.start.line, d.range.start.column
            ));
        }
        // Line/column agree with the offset.
        let line = bad.source[..d.range.start.offset].matches('\n').count() + 1;
        if line != d.range.start.line as usize {
            failures.push(format!(
                "{}: line {} for offset on line {line}",
                rule.id, d.range.start.line
            ));
        }
        if !d.message.contains(case.rule) && d.message.is_empty() {
            failures.push(format!("{}: empty message", rule.id));
        }
        let gp = profile(&good.profile);
        if check(&good.source, &gp)
            .diagnostics
            .iter()
            .any(|d| d.rule == rule.id)
        {
            failures.push(format!("{}: valid neighbour produces it", rule.id));
        }
        match case.fixed {
            Fixed::None => {
                if found.iter().any(|d| d.fix.is_some()) {
                    failures.push(format!("{}: unexpected fix", rule.id));
                }
            }
            Fixed::Good | Fixed::Replace(..) => {
                let want = match case.fixed {
                    Fixed::Replace(from, to) => {
                        assert!(
                            bad.source.contains(from),
                            "{}: {from:?} not in example",
                            rule.id
                        );
                        bad.source.replacen(from, to, 1)
                    }
                    _ => good.source.clone(),
                };
                let f = d.fix.as_ref();
                let app = f.map(|f| f.applicability);
                let want_app = if case.unsafe_fix {
                    podnet_lint::Applicability::Unsafe
                } else {
                    podnet_lint::Applicability::Safe
                };
                if app != Some(want_app) {
                    failures.push(format!(
                        "{}: fix applicability {app:?}, expected {want_app:?}",
                        rule.id
                    ));
                    continue;
                }
                if case.unsafe_fix {
                    // Not applied without --unsafe.
                    let safe_only = fix(&bad.source, None, &bp, false);
                    if safe_only.applied.iter().any(|a| a.rule == rule.id) {
                        failures.push(format!("{}: unsafe fix applied by default", rule.id));
                    }
                }
                let out = fix(&bad.source, None, &bp, case.unsafe_fix);
                if out.fixed != want {
                    failures.push(format!(
                        "{}: fixed output differs\n--- got\n{}\n--- want\n{}",
                        rule.id, out.fixed, want
                    ));
                }
                if check(&out.fixed, &bp)
                    .diagnostics
                    .iter()
                    .any(|d| d.rule == rule.id)
                {
                    failures.push(format!("{}: fixed output still produces it", rule.id));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

const POD_TEMPLATE: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
ANNS
spec:
  containers:
  - name: app
    image: nginx
";

fn pod(anns: &str) -> String {
    POD_TEMPLATE.replace("ANNS\n", anns)
}

fn rules_of(src: &str, profile: &Profile) -> Vec<String> {
    check(src, profile)
        .diagnostics
        .into_iter()
        .map(|d| d.rule)
        .collect()
}

#[test]
fn json_error_points_into_double_quoted_and_block_values() {
    // The offending character, through escapes.
    let src = pod("    cni.projectcalico.org/ipv4pools: \"[\\\"pool-a\\\" \\\"pool-b\\\"]\"\n");
    let r = check(&src, &Profile::default());
    let d = r.diagnostics.iter().find(|d| d.rule == "CAL-A001").unwrap();
    assert_eq!(&src[d.range.start.offset..d.range.end.offset], "\\\"");
    assert!(
        d.message
            .contains("invalid character '\"' after array element"),
        "{}",
        d.message
    );
    // A pool entry inside a block scalar.
    let src = pod("    cni.projectcalico.org/ipv4pools: |\n      [\"10.0.0.0\"]\n");
    let r = check(&src, &Profile::default());
    let d = r.diagnostics.iter().find(|d| d.rule == "CAL-P002").unwrap();
    assert_eq!(&src[d.range.start.offset..d.range.end.offset], "10.0.0.0");
}

#[test]
fn pools_without_any_ippool_are_never_missing() {
    let src = pod("    cni.projectcalico.org/ipv4pools: '[\"no-such-pool\", \"10.9.0.0/16\"]'\n");
    let rules = rules_of(&src, &Profile::default());
    assert!(!rules.iter().any(|r| r == "CAL-P005"), "{rules:?}");
    // With an inventory holding pools, the reference resolves against it.
    let inv = "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: pool-a\nspec:\n  cidr: 10.9.0.0/16\n";
    let r = podnet_lint::check_with_inventory(&src, Some(inv), &Profile::default());
    let missing: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "CAL-P005")
        .collect();
    assert_eq!(missing.len(), 1, "{:?}", r.diagnostics);
    assert!(missing[0]
        .message
        .contains("error parsing pool \"no-such-pool\": invalid CIDR address: no-such-pool"));
}

#[test]
fn ipv6_pool_by_name_in_ipv4pools() {
    let src = format!(
        "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: v6\nspec:\n  cidr: fd00:10::/64\n---\n{}",
        pod("    cni.projectcalico.org/ipv4pools: '[\"v6\"]'\n")
    );
    let r = check(&src, &Profile::default());
    let d = r.diagnostics.iter().find(|d| d.rule == "CAL-P003").unwrap();
    assert!(
        d.message.contains("\"fd00:10::\" isn't a IPv4 address"),
        "{}",
        d.message
    );
}

#[test]
fn profile_decides_edition_and_version() {
    let pool = "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: p\nspec:\n  cidr: 10.0.0.0/16\n  assignmentMode: Manual\n  allowedUses: [HostSecondaryInterface]\n";
    let oss = rules_of(pool, &Profile::default());
    assert_eq!(
        oss.iter().filter(|r| *r == "CAL-IP017").count(),
        1,
        "{oss:?}"
    );
    let old = profile(r#"{"calico":{"version":"3.29"}}"#);
    let r = rules_of(pool, &old);
    assert_eq!(r.iter().filter(|r| *r == "CAL-IP017").count(), 2, "{r:?}");
    let ent = profile(r#"{"calico":{"edition":"enterprise"}}"#);
    assert!(!rules_of(pool, &ent).iter().any(|r| r == "CAL-IP017"));
}

#[test]
fn ip_addrs_on_a_daemonset_and_an_hpa_target() {
    let ds = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
      annotations:
        cni.projectcalico.org/ipAddrs: '[\"10.0.0.5\"]'
    spec:
      containers:
      - name: app
        image: nginx
";
    assert!(rules_of(ds, &Profile::default()).contains(&"CAL-S004".to_string()));
    let dep = ds.replace("DaemonSet", "Deployment").replace(
        "spec:\n  selector",
        "spec:\n  replicas: 1\n  strategy: {type: Recreate}\n  selector",
    );
    assert!(!rules_of(&dep, &Profile::default())
        .iter()
        .any(|r| r == "CAL-S004" || r == "CAL-S005"));
    let hpa = format!("{dep}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: agent\nspec:\n  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: agent}}\n  minReplicas: 1\n  maxReplicas: 4\n");
    assert!(rules_of(&hpa, &Profile::default()).contains(&"CAL-S004".to_string()));
}

#[test]
fn key_typo_suggestions() {
    use podnet_lint::profile::CalicoEdition::{Enterprise, Oss};
    use podnet_lint::rules::calico::annotations::suggest_key;
    assert_eq!(suggest_key("ipv4Pools", Oss), Some("ipv4pools"));
    assert_eq!(suggest_key("ipv6pool", Oss), Some("ipv6pools"));
    assert_eq!(suggest_key("ipaddrs", Oss), Some("ipAddrs"));
    assert_eq!(suggest_key("IPv4pools", Oss), Some("ipv4pools"));
    assert_eq!(suggest_key("totally-else", Oss), None);
    // The Enterprise-only key is suggested only under the Enterprise profile.
    assert_eq!(suggest_key("Networks", Oss), None);
    assert_eq!(suggest_key("Networks", Enterprise), Some("networks"));
}

// ----- Issue #15: edition, safe fixes, minimal edits, recovery ------------------------------

fn enterprise() -> Profile {
    let mut p = Profile::default();
    p.calico.edition = podnet_lint::profile::CalicoEdition::Enterprise;
    p
}

/// tigera/docs multi-vrf.mdx: the annotation may sit on the Namespace too; on a
/// Deployment's own metadata it never reaches the pod (CAL-A005) under Enterprise only.
#[test]
fn the_enterprise_networks_key_follows_the_edition() {
    let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  annotations:\n    cni.projectcalico.org/networks: vrf1\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers:\n      - name: app\n        image: nginx\n";
    let e = rules_of(dep, &enterprise());
    assert!(e.contains(&"CAL-A005".to_string()), "{e:?}");
    assert!(!e.contains(&"CAL-A003".to_string()), "{e:?}");
    let o = check(dep, &Profile::default()).diagnostics;
    assert!(!o.iter().any(|d| d.rule == "CAL-A005"), "{o:?}");
    let a003 = o.iter().find(|d| d.rule == "CAL-A003").unwrap();
    assert!(
        a003.message.contains("Calico Enterprise"),
        "{}",
        a003.message
    );
    assert!(a003.fix.is_none());
    let ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: tenant\n  annotations:\n    cni.projectcalico.org/networks: vrf1\n";
    assert!(rules_of(ns, &enterprise()).is_empty());
}

/// tigera/docs multi-vrf.mdx "Option 2": the NAD's "network" field is Enterprise-only.
#[test]
fn the_nad_network_field_is_named_under_oss() {
    let src = "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: vrf1-secondary\nspec:\n  config: '{\"cniVersion\": \"0.3.1\", \"type\": \"calico\", \"network\": \"vrf1\", \"datastore_type\": \"kubernetes\", \"ipam\": {\"type\": \"calico-ipam\", \"assign_ipv4\": \"true\", \"ipv4_pools\": [\"vrf1pool\"]}, \"policy\": {\"type\": \"k8s\"}, \"kubernetes\": {\"kubeconfig\": \"/etc/cni/net.d/calico-kubeconfig\"}}'\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: app-with-vrf1\n  annotations:\n    k8s.v1.cni.cncf.io/networks: vrf1-secondary@vrf1eth\nspec:\n  containers:\n  - name: app\n    image: my-app:latest\n";
    let d = check(src, &Profile::default()).diagnostics;
    let m006 = d.iter().find(|d| d.rule == "CAL-M006").unwrap();
    assert!(m006.message.contains("\"network\""), "{}", m006.message);
    assert!(!rules_of(src, &enterprise()).contains(&"CAL-M006".to_string()));
}

#[test]
fn a_valid_label_value_moves_only_on_request() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    cni.projectcalico.org/ipv4pools: pool-a\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let d = check(src, &Profile::default()).diagnostics;
    let a004 = d.iter().find(|d| d.rule == "CAL-A004").unwrap();
    assert_eq!(a004.severity, podnet_lint::Severity::Warning);
    assert_eq!(
        a004.fix.as_ref().map(|f| f.applicability),
        Some(podnet_lint::Applicability::Unsafe)
    );
    assert_eq!(fix(src, None, &Profile::default(), false).fixed, src);
}

#[test]
fn a_floating_ip_host_prefix_is_dropped_only_on_request() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    cni.projectcalico.org/floatingIPs: '[\"10.0.0.1/32\"]'\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let d = check(src, &Profile::default()).diagnostics;
    let s001 = d.iter().find(|d| d.rule == "CAL-S001").unwrap();
    assert_eq!(
        s001.fix.as_ref().map(|f| f.applicability),
        Some(podnet_lint::Applicability::Unsafe)
    );
}

#[test]
fn element_fixes_edit_only_the_element() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    cni.projectcalico.org/ipFamilies: '[ \"ipv4\",  \"IPv6\" ]'\n    cni.projectcalico.org/ipv4pools: >-\n      [\"10.0.0.1/16\",\n      \"pool-b\"]\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let out = fix(src, None, &Profile::default(), false).fixed;
    assert!(
        out.contains("ipFamilies: '[ \"IPv4\",  \"IPv6\" ]'"),
        "{out}"
    );
    assert!(
        out.contains("ipv4pools: >-\n      [\"10.0.0.0/16\",\n      \"pool-b\"]\n"),
        "{out}"
    );
}

#[test]
fn s006_waits_for_an_ip_addrs_that_decodes() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: z\n  annotations:\n    cni.projectcalico.org/ipAddrs: z\n    cni.projectcalico.org/ipv4pools: '[\"default-ipv4-ippool\"]'\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let r = rules_of(src, &Profile::default());
    assert!(r.contains(&"CAL-A001".to_string()), "{r:?}");
    assert!(!r.contains(&"CAL-S006".to_string()), "{r:?}");
    let a001 = check(src, &Profile::default())
        .diagnostics
        .into_iter()
        .find(|d| d.rule == "CAL-A001")
        .unwrap();
    assert!(a001.fix.is_none(), "{:?}", a001.fix);
}

#[test]
fn a_wrapped_host_prefix_becomes_the_bare_address_in_one_fix() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    cni.projectcalico.org/ipAddrs: 10.0.0.5/32\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let out = fix(src, None, &Profile::default(), false);
    assert!(
        out.fixed.contains("ipAddrs: '[\"10.0.0.5\"]'"),
        "{}",
        out.fixed
    );
    assert!(fix(&out.fixed, None, &Profile::default(), false)
        .applied
        .is_empty());
}

#[test]
fn findings_past_a_rejected_element_are_marked() {
    let src = "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: p\nspec:\n  cidr: 10.30.0.0/24\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    cni.projectcalico.org/ipAddrs: '[\"10.30.0.10/32\", \"10.40.0.11\"]'\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let d = check(src, &Profile::default()).diagnostics;
    for rule in ["CAL-S002", "CAL-S007"] {
        let f = d.iter().find(|d| d.rule == rule).unwrap();
        assert!(
            f.message
                .ends_with(podnet_lint::fix::diagnostic::AFTER_RECOVERY),
            "{}",
            f.message
        );
    }
    assert!(!d
        .iter()
        .any(|d| d.rule == "CAL-S007" && d.message.contains("10.30.0.10")));
}

#[test]
fn quoting_a_sequence_of_invalid_addresses_is_not_safe() {
    let bad = pod("    cni.projectcalico.org/ipAddrs: [z]\n");
    let d = check(&bad, &Profile::default()).diagnostics;
    let a002 = d.iter().find(|d| d.rule == "CAL-A002").unwrap();
    assert_eq!(
        a002.fix.as_ref().map(|f| f.applicability),
        Some(podnet_lint::Applicability::Unsafe)
    );
    let good = pod("    cni.projectcalico.org/ipAddrs: [10.0.0.5]\n");
    let d = check(&good, &Profile::default()).diagnostics;
    let a002 = d.iter().find(|d| d.rule == "CAL-A002").unwrap();
    assert_eq!(
        a002.fix.as_ref().map(|f| f.applicability),
        Some(podnet_lint::Applicability::Safe)
    );
}
