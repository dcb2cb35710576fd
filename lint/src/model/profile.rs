//! Cluster settings that decide verdicts (`spec/README.md` section 2). Never guessed:
//! every field has the corpus default and can be set from CLI flags, a config file or the API.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    /// Namespace of objects that name none.
    pub namespace: String,
    pub multus: MultusProfile,
    pub calico: CalicoProfile,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            namespace: "default".into(),
            multus: MultusProfile::default(),
            calico: CalicoProfile::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct MultusProfile {
    pub namespace_isolation: bool,
    /// `globalNamespaces` of the Multus config; `None` means Multus' default, `["default"]`.
    pub global_namespaces: Option<Vec<String>>,
    pub multus_namespace: String,
    /// Number of `defaultNetworks` in the Multus config (they shift `net<N>` numbering).
    pub default_networks: u32,
    /// The interface the cluster network gets.
    pub cluster_interface: String,
    /// The inventory holds every NetworkAttachmentDefinition of the cluster, so a
    /// reference that does not resolve is an error (MUL-X01), not an info.
    pub inventory_complete: bool,
    /// `systemNamespaces` of the Multus config; `None` means Multus' default,
    /// `["kube-system"]`. Pods there do not get `defaultNetworks`.
    pub system_namespaces: Option<Vec<String>>,
}

impl Default for MultusProfile {
    fn default() -> Self {
        MultusProfile {
            namespace_isolation: false,
            global_namespaces: None,
            multus_namespace: "kube-system".into(),
            default_networks: 0,
            cluster_interface: "eth0".into(),
            inventory_complete: false,
            system_namespaces: None,
        }
    }
}

impl MultusProfile {
    pub fn system_namespaces(&self) -> Vec<String> {
        self.system_namespaces
            .clone()
            .unwrap_or_else(|| vec!["kube-system".to_string()])
    }

    /// How many `defaultNetworks` a Pod in `namespace` gets (none in system namespaces).
    pub fn default_networks_for(&self, namespace: &str) -> u32 {
        if self.system_namespaces().iter().any(|n| n == namespace) {
            0
        } else {
            self.default_networks
        }
    }

    pub fn global_namespaces(&self) -> Vec<String> {
        self.global_namespaces
            .clone()
            .unwrap_or_else(|| vec!["default".to_string()])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CalicoEdition {
    Oss,
    Enterprise,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct CalicoProfile {
    pub edition: CalicoEdition,
    /// Calico release, `major.minor` (e.g. `3.32`).
    pub version: String,
    /// IPAM of the primary Calico network (`calico-ipam` or `host-local`).
    pub ipam: String,
    /// `policy.type` of the primary Calico network (`k8s` makes Calico read pod annotations).
    pub policy_type: String,
    /// Calico is the cluster's primary CNI.
    pub primary: bool,
    /// CNI `feature_control.ip_addrs_no_ipam: true` (needed by `ipAddrsNoIpam`).
    pub ip_addrs_no_ipam: bool,
    /// CNI `feature_control.floating_ips: true` and Felix `floatingIPs: Enabled`.
    pub floating_ips: bool,
    /// Felix `workloadSourceSpoofing: Any` (needed by `allowedSourcePrefixes`).
    pub workload_source_spoofing: bool,
}

impl Default for CalicoProfile {
    fn default() -> Self {
        CalicoProfile {
            edition: CalicoEdition::Oss,
            version: "3.32".into(),
            ipam: "calico-ipam".into(),
            policy_type: "k8s".into(),
            primary: true,
            ip_addrs_no_ipam: false,
            floating_ips: false,
            workload_source_spoofing: false,
        }
    }
}
