//! Trust on real manifests (issue #15): no false alarm on YAML that is not an object, the
//! profile's edition read, devices only where a device is needed, "safe" fixes that change
//! nothing but the failure, every independent defect in one pass, fixes where the intent is
//! unambiguous, and the misses found on public manifests. Each case is shaped after a real
//! one; the source is cited above it.

#![cfg_attr(test, allow(clippy::unwrap_used))]

use podnet_lint::profile::CalicoEdition;
use podnet_lint::{check, fix, Applicability, Diagnostic, Profile, Severity};

fn findings(src: &str, profile: &Profile) -> Vec<Diagnostic> {
    check(src, profile).diagnostics
}

fn rules_at_least(src: &str, profile: &Profile, min: Severity) -> Vec<String> {
    findings(src, profile)
        .into_iter()
        .filter(|d| d.severity >= min)
        .map(|d| d.rule)
        .collect()
}

fn find<'a>(ds: &'a [Diagnostic], rule: &str) -> Option<&'a Diagnostic> {
    ds.iter().find(|d| d.rule == rule)
}

fn safe_fix(src: &str) -> String {
    fix(src, None, &Profile::default(), false).fixed
}

// ---------------------------------------------------------------------------------------
// 1. YAML that is not a Kubernetes object.

/// alibaba/hybridnet `charts/hybridnet/Chart.yaml`; a Helm values file; a GitHub workflow;
/// a Kustomization; a CNI config written as YAML in docs.
const NOT_OBJECTS: &[&str] = &[
    "apiVersion: v2\nname: hybridnet\nversion: 0.2.0\ntype: application\nannotations:\n  artifacthub.io/prerelease: \"false\"\n",
    "replicaCount: 1\nname: web\nnamespace: default\npodAnnotations:\n  k8s.v1.cni.cncf.io/networks: macvlan-conf\nannotations: {}\n",
    "name: e2e\non:\n  push:\n    branches: [main]\njobs:\n  kind:\n    runs-on: ubuntu-latest\n",
    "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: kube-system\nresources:\n- multus-daemonset.yml\n",
    "namespace: multus\nresources:\n- nad.yaml\n",
    "cniVersion: 0.3.1\nname: macvlan-conf\ntype: macvlan\nmaster: eth0\nipam:\n  type: host-local\n",
];

#[test]
fn yaml_that_is_not_an_object_gets_no_error_or_warning() {
    for src in NOT_OBJECTS {
        let r = rules_at_least(src, &Profile::default(), Severity::Warning);
        assert!(r.is_empty(), "{r:?} on\n{src}");
    }
}

/// A pod-bearing kind with metadata fields at the top level is still an object that tries to
/// be one: the misplaced `annotations` never reach Multus.
#[test]
fn a_pod_with_metadata_fields_at_the_top_level_still_gets_mul_p07() {
    let src = "apiVersion: v1\nkind: Pod\nname: web\nannotations:\n  k8s.v1.cni.cncf.io/networks: macvlan-conf\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let r = rules_at_least(src, &Profile::default(), Severity::Error);
    assert!(r.iter().any(|r| r == "MUL-P07"), "{r:?}");
    let d = findings(src, &Profile::default());
    let p07 = find(&d, "MUL-P07").unwrap();
    assert!(p07.message.contains("of the Pod"), "{}", p07.message);
}

// ---------------------------------------------------------------------------------------
// 3. Edition and profile.

/// tigera/docs `calico-enterprise/networking/configuring/multi-vrf.mdx`, "Option 1: Primary
/// interface on the VRF".
const VRF_POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app-on-vrf1\n  annotations:\n    cni.projectcalico.org/networks: \"vrf1\"\nspec:\n  containers:\n  - name: app\n    image: my-app:latest\n";

#[test]
fn an_enterprise_annotation_is_known_under_the_enterprise_profile() {
    let mut p = Profile::default();
    p.calico.edition = CalicoEdition::Enterprise;
    let r = rules_at_least(VRF_POD, &p, Severity::Warning);
    assert!(r.is_empty(), "{r:?}");
    // Under OSS it is still reported, and the message says which edition reads it.
    let d = findings(VRF_POD, &Profile::default());
    let a003 = find(&d, "CAL-A003").expect("CAL-A003 under OSS");
    assert!(a003.message.contains("Enterprise"), "{}", a003.message);
}

// ---------------------------------------------------------------------------------------
// 4. Devices only where a device is needed.

/// kubevirt/ovs-cni README "Overview": the resourceName is the bridge marker's resource.
const OVS: &str = "apiVersion: \"k8s.cni.cncf.io/v1\"\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: ovs-conf\n  annotations:\n    k8s.v1.cni.cncf.io/resourceName: ovs-cni.network.kubevirt.io/br1\nspec:\n  config: '{\"cniVersion\": \"0.4.0\", \"type\": \"ovs\", \"bridge\": \"br1\", \"vlan\": 100}'\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: samplepod\n  annotations:\n    k8s.v1.cni.cncf.io/networks: ovs-conf\nspec:\n  containers:\n  - name: samplepod\n    image: alpine\n";

#[test]
fn ovs_nads_need_no_device() {
    let r = rules_at_least(OVS, &Profile::default(), Severity::Warning);
    assert!(!r.iter().any(|r| r == "MUL-X06"), "{r:?}");
    let mirror = OVS.replace(
        "\\\"type\\\": \\\"ovs\\\"",
        "\\\"type\\\": \\\"ovs-mirror-producer\\\"",
    );
    let r = rules_at_least(&mirror, &Profile::default(), Severity::Warning);
    assert!(!r.iter().any(|r| r == "MUL-X06"), "{r:?}");
}

/// k8snetworkplumbingwg/sriov-network-device-plugin README: an SR-IOV NAD needs the VF.
fn sriov(resource: &str) -> String {
    format!("apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: sriov-net1\n  annotations:\n    k8s.v1.cni.cncf.io/resourceName: {resource}\nspec:\n  config: '{{\"type\": \"sriov\", \"cniVersion\": \"0.3.1\", \"name\": \"sriov-network\", \"ipam\": {{\"type\": \"host-local\", \"subnet\": \"10.56.217.0/24\"}}}}'\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: testpod1\n  annotations:\n    k8s.v1.cni.cncf.io/networks: sriov-net1\nspec:\n  containers:\n  - name: appcntr1\n    image: centos/tools\n")
}

#[test]
fn sriov_nads_need_the_device_and_the_fix_requests_it() {
    let src = sriov("intel.com/intel_sriov_netdevice");
    let d = findings(&src, &Profile::default());
    let x06 = find(&d, "MUL-X06").expect("MUL-X06 on SR-IOV");
    assert_eq!(x06.severity, Severity::Error);
    let fixed = safe_fix(&src);
    assert!(
        fixed.contains("intel.com/intel_sriov_netdevice: \"1\"")
            || fixed.contains("intel.com/intel_sriov_netdevice: 1"),
        "{fixed}"
    );
}

/// A resourceName that is not a valid extended-resource name (it needs a domain prefix):
/// a request named after it is refused by the API server, so no fix writes one.
#[test]
fn no_fix_writes_a_resource_name_the_api_server_refuses() {
    let src = sriov("nad-al-cni-cons-1");
    let d = findings(&src, &Profile::default());
    // The SR-IOV plugin still needs the device: the finding stays, only the fix goes.
    {
        let x06 = find(&d, "MUL-X06").unwrap_or_else(|| panic!("MUL-X06 on SR-IOV: {d:#?}"));
        assert!(
            x06.fix
                .as_ref()
                .is_none_or(|f| f.applicability == Applicability::DisplayOnly),
            "{:?}",
            x06.fix
        );
    }
    assert!(
        !safe_fix(&src).contains("nad-al-cni-cons-1: "),
        "{}",
        safe_fix(&src)
    );
}

// ---------------------------------------------------------------------------------------
// 5. Safe means safe.

#[test]
fn pool_fixes_that_change_allocation_or_encapsulation_are_not_safe() {
    let src = "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: small\nspec:\n  cidr: 10.10.0.0/28\n  natOutgoing: true\n---\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: v6\nspec:\n  cidr: fd00:10::/64\n  ipipMode: Always\n";
    let d = findings(src, &Profile::default());
    for rule in ["CAL-IP006", "CAL-IP009"] {
        let f = find(&d, rule).unwrap_or_else(|| panic!("{rule} missing: {d:#?}"));
        assert_ne!(
            f.fix.as_ref().map(|f| f.applicability),
            Some(Applicability::Safe),
            "{rule}"
        );
    }
    assert_eq!(safe_fix(src), src);
}

/// `ipAddrs: z`: wrapping it in an array leaves it invalid, and the pool annotation is the
/// author's; the safe fix must not touch either.
#[test]
fn wrapping_an_invalid_address_is_not_a_fix_and_pools_are_kept() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: z\n  annotations:\n    cni.projectcalico.org/ipAddrs: z\n    cni.projectcalico.org/ipv4pools: '[\"default-ipv4-ippool\"]'\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    assert_eq!(safe_fix(src), src);
    let fixed_unsafe = fix(src, None, &Profile::default(), true).fixed;
    assert!(fixed_unsafe.contains("ipv4pools"), "{fixed_unsafe}");
}

/// A JSON fix edits the faulty tokens and keeps the value's layout (shape of the Multus
/// docs' multi-line JSON annotations).
#[test]
fn a_json_fix_keeps_a_four_line_value_four_lines() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\n  annotations:\n    cni.projectcalico.org/ipAddrs: |\n      [\n        \"10.30.0.10/32\"\n      ]\nspec:\n  containers:\n  - name: db\n    image: postgres:16\n";
    let out = fix(src, None, &Profile::default(), true).fixed;
    let value_lines = out
        .lines()
        .skip_while(|l| !l.contains("ipAddrs"))
        .skip(1)
        .take_while(|l| l.starts_with("      "))
        .count();
    assert_eq!(value_lines, 3, "{out}");
    assert!(out.contains("\"10.30.0.10\""), "{out}");
}

// ---------------------------------------------------------------------------------------
// 6. Every independent defect in one pass.

/// multus-cni issue #278 shape: a misspelt kind, and its config given at the top level.
#[test]
fn a_nad_with_a_misspelt_kind_is_still_checked_as_a_nad() {
    let src = "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachementDefinition\nmetadata:\n  name: macvlan-conf\nspec:\n  config: '{\"cniVersion\": \"0.3.1\", \"type\": \"macvlan\", \"master\": \"eth0\",}'\n";
    let r = rules_at_least(src, &Profile::default(), Severity::Error);
    assert!(r.iter().any(|r| r == "MUL-N01"), "{r:?}");
    assert!(
        r.len() >= 2,
        "the invalid config JSON is reported too: {r:?}"
    );
}

/// A networks value with a JSON syntax error and an `ips` given as a string: both reported.
#[test]
fn a_json_syntax_error_does_not_hide_the_other_defects() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    k8s.v1.cni.cncf.io/networks: '[{\"name\": \"macvlan-conf\", \"ips\": \"10.1.1.11/24\"},]'\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let d = findings(src, &Profile::default());
    let errors: Vec<_> = d.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.len() >= 2, "{errors:#?}");
    assert!(
        errors.iter().any(|d| d.message.contains("after recovery")),
        "{errors:#?}"
    );
}

/// A YAML flow sequence where the networks string belongs: its elements are still checked.
#[test]
fn a_flow_sequence_value_still_gets_element_checks() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    k8s.v1.cni.cncf.io/networks: [Macvlan_Conf]\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let r = rules_at_least(src, &Profile::default(), Severity::Error);
    assert!(r.iter().any(|r| r == "MUL-P04"), "{r:?}");
    assert!(r.len() >= 2, "the invalid name is reported too: {r:?}");
}

// ---------------------------------------------------------------------------------------
// 7. Fixes where the intent is unambiguous.

#[test]
fn a_string_capability_becomes_a_boolean() {
    let src = "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: macvlan-conf\nspec:\n  config: '{\"cniVersion\": \"0.3.1\", \"type\": \"macvlan\", \"capabilities\": {\"ips\": \"true\"}, \"master\": \"eth1\", \"ipam\": {\"type\": \"static\"}}'\n";
    let out = safe_fix(src);
    assert!(out.contains("\"ips\": true"), "{out}");
}

/// Calico's `ipv4pools` on a NAD-only pod shape: removing the last annotation also removes
/// the emptied `annotations:` mapping.
#[test]
fn removing_the_last_annotation_removes_the_emptied_mapping() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    k8s.v1.cni.cncf.io/networks: ''\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let d = findings(src, &Profile::default());
    let has_safe_fix = d.iter().any(|d| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    });
    assert!(
        has_safe_fix,
        "the empty networks annotation has a safe fix: {d:#?}"
    );
    let out = safe_fix(src);
    assert!(!out.contains("annotations:"), "{out}");
}

/// A NAD with both a top-level `type` and a `plugins` list: Multus runs only the top-level
/// plugin. The unsafe fix keeps the plugin list.
#[test]
fn type_and_plugins_gets_an_unsafe_fix_that_keeps_the_plugins() {
    let src = "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: br-vlan\nspec:\n  config: '{\"cniVersion\": \"0.3.1\", \"name\": \"br-vlan\", \"type\": \"bridge\", \"plugins\": [{\"type\": \"bridge\", \"bridge\": \"br0\", \"vlan\": 100, \"ipam\": {\"type\": \"host-local\", \"subnet\": \"10.10.0.0/24\"}}, {\"type\": \"tuning\", \"mtu\": 9000}]}'\n";
    let d = findings(src, &Profile::default());
    let with_fix = d
        .iter()
        .find(|d| {
            d.fix.as_ref().is_some_and(|f| {
                f.applicability == Applicability::Unsafe && f.title.contains("plugin")
            })
        })
        .unwrap_or_else(|| panic!("{d:#?}"));
    assert!(with_fix.severity >= Severity::Warning);
    let out = fix(src, None, &Profile::default(), true).fixed;
    assert!(out.contains("\"plugins\""), "{out}");
    assert!(out.contains("\"vlan\": 100"), "{out}");
    assert!(!out.contains("\"type\": \"bridge\", \"plugins\""), "{out}");
}

#[test]
fn a_missing_cni_version_gets_an_unsafe_fix() {
    let src = "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: macvlan-conf\nspec:\n  config: '{\"type\": \"macvlan\", \"master\": \"eth0\", \"ipam\": {\"type\": \"host-local\", \"subnet\": \"192.168.1.0/24\"}}'\n";
    let d = findings(src, &Profile::default());
    let f = d
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .find(|f| f.title.contains("cniVersion"))
        .unwrap_or_else(|| panic!("{d:#?}"));
    assert_eq!(f.applicability, Applicability::Unsafe);
    let out = fix(src, None, &Profile::default(), true).fixed;
    assert!(out.contains("\"cniVersion\""), "{out}");
}

// ---------------------------------------------------------------------------------------
// 8. Misses.

/// Pre-CRD Multus docs used the bare `networks` key; Multus today reads only the full key.
#[test]
fn the_bare_networks_key_is_reported_with_a_fix_to_the_full_key() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: multus-multi-net-poc\n  annotations:\n    networks: '[ { \"name\": \"flannel-conf\" }, { \"name\": \"sriov-conf\" } ]'\nspec:\n  containers:\n  - name: multus-multi-net-poc\n    image: busybox\n";
    let d = findings(src, &Profile::default());
    let f = d
        .iter()
        .find(|d| d.severity >= Severity::Warning && d.message.contains("networks"))
        .unwrap_or_else(|| panic!("{d:#?}"));
    assert!(f.fix.is_some(), "{f:#?}");
    let out = fix(src, None, &Profile::default(), true).fixed;
    assert!(out.contains("k8s.v1.cni.cncf.io/networks:"), "{out}");
}

/// One missing NAD referenced by many attachments of one object: one finding.
#[test]
fn repeated_missing_nad_findings_are_grouped_per_object() {
    let src = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gw\nspec:\n  template:\n    metadata:\n      annotations:\n        k8s.v1.cni.cncf.io/networks: sriov-a@net1,sriov-a@net2,sriov-a@net3,sriov-a@net4\n    spec:\n      containers:\n      - name: gw\n        image: nginx\n";
    let d = findings(src, &Profile::default());
    let x01 = d.iter().filter(|d| d.rule == "MUL-X01").count();
    assert_eq!(x01, 1, "{d:#?}");
}
