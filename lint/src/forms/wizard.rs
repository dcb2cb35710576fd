//! "New from scratch": a Pod, Deployment or NetworkAttachmentDefinition for one CNI plugin
//! and IPAM, written so that it checks clean (every combination is tested).
//!
//! A Pod or Deployment on a secondary network comes with the NetworkAttachmentDefinition it
//! selects, so the reference resolves; with Calico it comes with the IPPool its
//! `ipv4pools` annotation names.

use super::field::{FieldId, WizardField};
use super::networks::FieldError;
use crate::syntax::gonet;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WizardKind {
    Pod,
    Deployment,
    Nad,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cni {
    Macvlan,
    Ipvlan,
    Bridge,
    Sriov,
    Calico,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IpamKind {
    Static,
    HostLocal,
    Whereabouts,
    CalicoIpam,
}

pub const KINDS: &[(WizardKind, &str)] = &[
    (WizardKind::Pod, "Pod"),
    (WizardKind::Deployment, "Deployment"),
    (WizardKind::Nad, "NetworkAttachmentDefinition"),
];
pub const CNIS: &[(Cni, &str)] = &[
    (Cni::Macvlan, "macvlan"),
    (Cni::Ipvlan, "ipvlan"),
    (Cni::Bridge, "bridge"),
    (Cni::Sriov, "SR-IOV"),
    (Cni::Calico, "Calico"),
];
pub const IPAMS: &[(IpamKind, &str)] = &[
    (IpamKind::Static, "static"),
    (IpamKind::HostLocal, "host-local"),
    (IpamKind::Whereabouts, "whereabouts"),
    (IpamKind::CalicoIpam, "calico-ipam"),
];

/// What the wizard asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Wizard {
    pub kind: WizardKind,
    pub cni: Cni,
    pub ipam: IpamKind,
    /// The Pod or Deployment name.
    pub name: String,
    pub namespace: String,
    /// The NetworkAttachmentDefinition (or, with Calico, the IPPool) name.
    pub network: String,
    /// macvlan/ipvlan: the node interface the pod's interface hangs off.
    pub master: String,
    /// bridge: the node bridge.
    pub bridge: String,
    /// SR-IOV: the device plugin resource.
    pub resource: String,
    /// The subnet (CIDR) addresses come from.
    pub subnet: String,
    /// static: the pod's address with prefix length, e.g. `192.168.10.10/24`.
    pub address: String,
    pub image: String,
    /// Deployment only.
    pub replicas: u32,
}

impl Default for Wizard {
    fn default() -> Self {
        Wizard {
            kind: WizardKind::Pod,
            cni: Cni::Macvlan,
            ipam: IpamKind::Whereabouts,
            name: "app".into(),
            namespace: "default".into(),
            network: "macvlan-net".into(),
            master: "eth0".into(),
            bridge: "br0".into(),
            resource: "intel.com/sriov_netdevice".into(),
            subnet: "192.168.10.0/24".into(),
            address: "192.168.10.10/24".into(),
            image: "nginx:1.27".into(),
            replicas: 2,
        }
    }
}

/// Whether `ipam` goes with `cni` for `kind`; `Err` explains why not.
pub fn ipam_allowed(kind: WizardKind, cni: Cni, ipam: IpamKind) -> Result<(), String> {
    match (cni, ipam) {
        (Cni::Calico, IpamKind::CalicoIpam) => Ok(()),
        (Cni::Calico, _) => Err(
            "Calico pod annotations (pools, fixed addresses) only work with calico-ipam.".into(),
        ),
        (_, IpamKind::CalicoIpam) => Err(
            "calico-ipam under a non-Calico plugin is not supported by Calico (and pod annotations do not reach it); use whereabouts for cluster-wide addresses.".into(),
        ),
        (_, IpamKind::Static) if kind == WizardKind::Deployment => Err(
            "A static address in a Deployment's pod template is requested by every replica; use whereabouts.".into(),
        ),
        _ => Ok(()),
    }
}

fn field(f: WizardField, message: impl Into<String>) -> FieldError {
    FieldError {
        field: FieldId::Wizard(f),
        message: message.into(),
    }
}

fn dns_label(f: WizardField, v: &str) -> Result<(), FieldError> {
    if crate::model::multus::is_dns_label(v) {
        Ok(())
    } else {
        Err(field(
            f,
            format!(
                "{v:?} is not a DNS-1123 label (lower-case letters, digits and '-', at most 63)"
            ),
        ))
    }
}

/// The masked subnet and the network's first host addresses, from a CIDR text.
fn subnet_of(s: &str) -> Result<(std::net::IpAddr, u8), FieldError> {
    match gonet::parse_cidr(s.trim()) {
        Ok((_, net, p)) => Ok((net, p)),
        Err(_) => Err(field(
            WizardField::Subnet,
            format!("{s:?} is not a CIDR such as 192.168.10.0/24"),
        )),
    }
}

/// `net + n` for an IPv4 network (IPv6: the low 64 bits).
fn nth(net: std::net::IpAddr, n: u32) -> std::net::IpAddr {
    match net {
        std::net::IpAddr::V4(a) => std::net::IpAddr::V4((u32::from(a).wrapping_add(n)).into()),
        std::net::IpAddr::V6(a) => {
            std::net::IpAddr::V6((u128::from(a).wrapping_add(n as u128)).into())
        }
    }
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Indents every line of `text` by `n` spaces.
fn indent(text: &str, n: usize) -> String {
    text.lines()
        .map(|l| format!("{}{l}\n", " ".repeat(n)))
        .collect()
}

impl Wizard {
    /// Every field that needs a change, at most one message a field, in the order the wizard
    /// shows its fields; only the fields the chosen kind, plugin and IPAM use are checked.
    /// Empty: [`Wizard::generate`] writes the manifest. Names are read trimmed.
    pub fn errors(&self) -> Vec<FieldError> {
        let mut out = vec![];
        let mut push = |r: Result<(), FieldError>| {
            if let Err(e) = r {
                out.push(e);
            }
        };
        push(ipam_allowed(self.kind, self.cni, self.ipam).map_err(|m| field(WizardField::Ipam, m)));
        if self.kind != WizardKind::Nad {
            push(dns_label(WizardField::Name, self.name.trim()));
        }
        push(dns_label(WizardField::Namespace, self.namespace.trim()));
        push(dns_label(WizardField::Network, self.network.trim()));
        if matches!(self.cni, Cni::Macvlan | Cni::Ipvlan) && self.master.trim().is_empty() {
            push(Err(field(
                WizardField::Master,
                "the node interface, such as eth0",
            )));
        }
        if self.cni == Cni::Bridge && self.bridge.trim().is_empty() {
            push(Err(field(
                WizardField::Bridge,
                "the bridge name, such as br0",
            )));
        }
        if self.cni == Cni::Sriov && !self.resource.contains('/') {
            push(Err(field(
                WizardField::Resource,
                "a device plugin resource such as intel.com/sriov_netdevice",
            )));
        }
        let subnet = subnet_of(&self.subnet).and_then(|(net, prefix)| {
            let host_bits = if gonet::is_ipv4(&net) { 32 } else { 128 } - u32::from(prefix);
            if host_bits < 3 {
                Err(field(
                    WizardField::Subnet,
                    "the subnet is too small for pod addresses",
                ))
            } else {
                Ok((net, prefix))
            }
        });
        if let Err(e) = &subnet {
            push(Err(e.clone()));
        }
        if self.ipam == IpamKind::Static {
            push(self.check_address(subnet.ok()));
        }
        if self.kind != WizardKind::Nad
            && (self.image.trim().is_empty() || self.image.contains(char::is_whitespace))
        {
            push(Err(field(
                WizardField::Image,
                "a container image such as nginx:1.27",
            )));
        }
        if self.kind == WizardKind::Deployment && self.replicas == 0 {
            push(Err(field(WizardField::Replicas, "at least 1")));
        }
        out
    }

    /// The static address: an address with prefix inside `subnet` (when that is valid), not
    /// the network address.
    fn check_address(&self, subnet: Option<(std::net::IpAddr, u8)>) -> Result<(), FieldError> {
        let a = self.address.trim();
        let (ip, anet, ap) = gonet::parse_cidr(a).map_err(|_| {
            field(
                WizardField::Address,
                format!("{a:?} is not an address with prefix length, such as 192.168.10.10/24"),
            )
        })?;
        let Some((net, prefix)) = subnet else {
            return Ok(());
        };
        if (anet, ap) != (net, prefix) {
            return Err(field(
                WizardField::Address,
                format!("{a} is not inside {}", self.subnet.trim()),
            ));
        }
        if ip == net {
            return Err(field(
                WizardField::Address,
                "that is the network address; pick a host address",
            ));
        }
        Ok(())
    }

    /// The manifest text, or the first field that needs a change ([`Wizard::errors`] lists
    /// them all).
    pub fn generate(&self) -> Result<String, FieldError> {
        if let Some(e) = self.errors().into_iter().next() {
            return Err(e);
        }
        let w = Wizard {
            name: self.name.trim().to_string(),
            namespace: self.namespace.trim().to_string(),
            network: self.network.trim().to_string(),
            ..self.clone()
        };
        w.write()
    }

    /// The manifest of a wizard whose [`Wizard::errors`] are none.
    fn write(&self) -> Result<String, FieldError> {
        let (net, prefix) = subnet_of(&self.subnet)?;
        let v4 = gonet::is_ipv4(&net);
        let static_ip = (self.ipam == IpamKind::Static).then(|| self.address.trim().to_string());
        let mut docs = vec![];
        match self.cni {
            Cni::Calico if self.kind == WizardKind::Nad => docs.push(self.calico_nad(net, prefix)),
            Cni::Calico => {
                docs.push(self.ippool(net, prefix));
                docs.push(self.workload(&format!(
                    "cni.projectcalico.org/ipv4pools: '[\"{}\"]'",
                    self.network
                ))?);
            }
            _ => {
                docs.push(self.nad(net, prefix, v4));
                if self.kind != WizardKind::Nad {
                    let selection = match &static_ip {
                        Some(ip) => format!(
                            "k8s.v1.cni.cncf.io/networks: '[{{\"name\":{},\"interface\":\"net1\",\"ips\":[{}]}}]'",
                            json_str(&self.network),
                            json_str(ip)
                        ),
                        None => format!("k8s.v1.cni.cncf.io/networks: {}@net1", self.network),
                    };
                    docs.push(self.workload(&selection)?);
                }
            }
        }
        Ok(docs.join("---\n"))
    }

    fn ipam_json(&self, net: std::net::IpAddr, prefix: u8) -> String {
        let subnet = format!("{net}/{prefix}");
        match self.ipam {
            IpamKind::Static => r#"{"type":"static"}"#.to_string(),
            IpamKind::HostLocal => format!(
                r#"{{"type":"host-local","subnet":"{subnet}","rangeStart":"{}","rangeEnd":"{}"}}"#,
                nth(net, 10),
                nth(
                    net,
                    if prefix >= 28 && gonet::is_ipv4(&net) {
                        (1u32 << (32 - prefix)) - 2
                    } else {
                        250
                    }
                )
            ),
            IpamKind::Whereabouts => format!(r#"{{"type":"whereabouts","range":"{subnet}"}}"#),
            IpamKind::CalicoIpam => format!(
                r#"{{"type":"calico-ipam","assign_ipv4":"true","ipv4_pools":[{}]}}"#,
                json_str(&self.network)
            ),
        }
    }

    fn nad(&self, net: std::net::IpAddr, prefix: u8, _v4: bool) -> String {
        let ipam = self.ipam_json(net, prefix);
        // Static IPAM takes the pod's address from the selection's `ips`; the MAC is
        // settable too, except on ipvlan (which shares the parent's MAC).
        let caps = match (self.ipam, self.cni) {
            (IpamKind::Static, Cni::Ipvlan) => r#","capabilities":{"ips":true}"#,
            (IpamKind::Static, _) => r#","capabilities":{"ips":true,"mac":true}"#,
            _ => "",
        };
        let (plugin, annotations) = match self.cni {
            Cni::Macvlan => (
                format!(
                    r#""type":"macvlan","master":{},"mode":"bridge""#,
                    json_str(self.master.trim())
                ),
                String::new(),
            ),
            Cni::Ipvlan => (
                format!(
                    r#""type":"ipvlan","master":{},"mode":"l2""#,
                    json_str(self.master.trim())
                ),
                String::new(),
            ),
            Cni::Bridge => (
                format!(
                    r#""type":"bridge","bridge":{}"#,
                    json_str(self.bridge.trim())
                ),
                String::new(),
            ),
            Cni::Sriov => (
                r#""type":"sriov""#.to_string(),
                format!(
                    "  annotations:\n    k8s.v1.cni.cncf.io/resourceName: {}\n",
                    self.resource.trim()
                ),
            ),
            Cni::Calico => unreachable!("Calico NADs are written by calico_nad"),
        };
        format!(
            "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: {name}\n  namespace: {ns}\n{annotations}spec:\n  config: '{{\"cniVersion\":\"0.3.1\",\"name\":\"{name}\",{plugin}{caps},\"ipam\":{ipam}}}'\n",
            name = self.network,
            ns = self.namespace,
        )
    }

    fn calico_nad(&self, net: std::net::IpAddr, prefix: u8) -> String {
        format!(
            "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  config: '{{\"cniVersion\":\"0.3.1\",\"name\":\"{name}\",\"type\":\"calico\",\"datastore_type\":\"kubernetes\",\"ipam\":{ipam},\"policy\":{{\"type\":\"k8s\"}},\"kubernetes\":{{\"kubeconfig\":\"/etc/cni/net.d/calico-kubeconfig\"}}}}'\n---\n{pool}",
            name = self.network,
            ns = self.namespace,
            ipam = self.ipam_json(net, prefix),
            pool = self.ippool(net, prefix),
        )
    }

    fn ippool(&self, net: std::net::IpAddr, prefix: u8) -> String {
        let block = if gonet::is_ipv4(&net) {
            prefix.max(26)
        } else {
            prefix.max(122)
        };
        format!(
            "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: {name}\nspec:\n  cidr: {net}/{prefix}\n  blockSize: {block}\n  natOutgoing: true\n  nodeSelector: all()\n",
            name = self.network,
        )
    }

    /// The Pod or Deployment with `annotation` (one `key: value` line).
    fn workload(&self, annotation: &str) -> Result<String, FieldError> {
        let resources = if self.cni == Cni::Sriov {
            let r = self.resource.trim();
            format!("  resources:\n    requests:\n      {r}: '1'\n    limits:\n      {r}: '1'\n")
        } else {
            String::new()
        };
        let pod_spec = format!(
            "containers:\n- name: {name}\n  image: {image}\n{resources}",
            name = self.name,
            image = self.image.trim(),
        );
        Ok(match self.kind {
            WizardKind::Pod => format!(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: {ns}\n  annotations:\n    {annotation}\nspec:\n{spec}",
                name = self.name,
                ns = self.namespace,
                spec = indent(&pod_spec, 2),
            ),
            WizardKind::Deployment => format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: {name}\n  template:\n    metadata:\n      labels:\n        app: {name}\n      annotations:\n        {annotation}\n    spec:\n{spec}",
                name = self.name,
                ns = self.namespace,
                replicas = self.replicas,
                spec = indent(&pod_spec, 6),
            ),
            WizardKind::Nad => unreachable!(),
        })
    }
}
