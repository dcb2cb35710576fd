//! CAL-M002..CAL-M012: Calico as a Multus attachment. The NetworkAttachmentDefinition
//! config (`spec.config`, parsed by the shared NAD model) is checked for the Calico fields,
//! and pods attaching Calico networks are checked against their own Calico annotations.
//! CAL-M001 and CAL-M008 are aliases of Multus rules (MUL-N04, MUL-S*/MUL-J*).

use crate::fix::diagnostic::{Applicability, Diagnostic, Severity};
use crate::fix::edit::{self, TextEdit};
use crate::model::k8s::{key_path, Object, Place};
use crate::model::multus::nad::{CniConfig, Nad, NadIndex};
use crate::model::multus::{Element, NETWORKS_KEY};
use crate::model::profile::CalicoEdition;
use crate::rules::checker::Checker;
use crate::rules::Rule;
use crate::syntax::gojson::{Spanned, Value};
use crate::syntax::yaml::{NodeId, Style};

use super::common::{ann_diag, key_range, value_sub_range, Ann, Calico};

crate::declare_rule! {
    /// ## What it does
    /// Checks `ipam.assign_ipv4` / `ipam.assign_ipv6` of a Calico NetworkAttachmentDefinition:
    /// they are strings (`"true"`), not JSON booleans.
    ///
    /// ## Why is this bad?
    /// Calico's `NetConf` declares them `*string`; a boolean fails the whole config:
    /// `failed to load netconf: json: cannot unmarshal bool into Go struct field
    /// IPAMConfig.ipam.assign_ipv4 of type string` (the struct path varies with the Go version).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "policy": {"type": "k8s"}, "ipam": {"type": "calico-ipam", "assign_ipv6": true}}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "policy": {"type": "k8s"}, "ipam": {"type": "calico-ipam", "assign_ipv6": "true"}}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the boolean is written as the string Calico expects.
    pub static CAL_M002 = ("CAL-M002", "calico-nad-assign-flag-not-string", Error, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a Calico NetworkAttachmentDefinition without `"policy": {"type": "k8s"}`.
    ///
    /// ## Why is this bad?
    /// Calico reads pod and namespace annotations and labels only with policy type `k8s`;
    /// without it every `cni.projectcalico.org/*` annotation of pods using this network is
    /// silently ignored, and the endpoint gets the network-name profile instead of Kubernetes
    /// policy.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe when `policy` is absent: `"policy": {"type": "k8s"}` is added, as in every stock
    /// Calico config. No fix when another policy type is set.
    pub static CAL_M003 = ("CAL-M003", "calico-nad-without-k8s-policy", Warning, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports pod annotations that a Calico NetworkAttachmentDefinition with another IPAM
    /// (e.g. `host-local`) cannot honour: pool annotations are ignored (warning), `ipAddrs` /
    /// `ipAddrsNoIpam` fail (error).
    ///
    /// ## Why is this bad?
    /// Pool annotations are applied only with `calico-ipam`; `ipAddrs` fails the attachment:
    /// `ipAddrs is not compatible with configured IPAM: host-local`.
    ///
    /// ## Example
    /// ```yaml {"calico":{"primary":false}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "policy": {"type": "k8s"}, "ipam": {"type": "host-local", "subnet": "10.10.0.0/16"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: calico-conf
    ///     cni.projectcalico.org/ipAddrs: '["10.10.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"calico":{"primary":false}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "policy": {"type": "k8s"}, "ipam": {"type": "calico-ipam"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: calico-conf
    ///     cni.projectcalico.org/ipAddrs: '["10.10.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_M004 = ("CAL-M004", "calico-nad-ipam-not-calico", Warning, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a Calico NetworkAttachmentDefinition whose config `name` is
    /// `k8s-pod-network`, the name of Calico's primary network.
    ///
    /// ## Why is this bad?
    /// Calico's IPAM handle is `<network name>.<containerID>`: the attachment shares the handle
    /// of the pod's primary interface, so releasing one releases the other's addresses (only
    /// reachable where several Calico attachments per pod work, i.e. Calico Enterprise).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}, "name": "k8s-pod-network"}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}, "name": "calico-conf"}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the name becomes the NAD's own name, which Multus would inject anyway.
    pub static CAL_M005 = ("CAL-M005", "calico-nad-primary-network-name", Warning, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Under Calico OSS, reports a pod attaching a Calico NetworkAttachmentDefinition while
    /// Calico is the primary CNI, or attaching two Calico networks.
    ///
    /// ## Why is this bad?
    /// OSS names the host-side veth after the pod only, so the second Calico ADD deletes the
    /// first interface's veth; users see the pod lose eth0 or `failed to add IPv4 route for
    /// 0.0.0.0/0 via 169.254.1.1: file exists`. Calico Enterprise supports it with
    /// `multiInterfaceMode: Multus`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: calico-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"calico":{"edition":"enterprise"}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: calico-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: use a non-Calico secondary network, or Calico Enterprise.
    pub static CAL_M006 = ("CAL-M006", "calico-nad-second-calico-interface", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports pod pool annotations that override the `ipam.ipv4_pools` / `ipv6_pools` of an
    /// attached Calico NetworkAttachmentDefinition, and `ipAddrs` on a pod with several Calico
    /// interfaces (error).
    ///
    /// ## Why is this bad?
    /// Calico annotations are pod-wide: the pod's `ipv4pools` replaces the NAD's pool list for
    /// that attachment, so the secondary interface gets an address from the wrong pool. With
    /// `ipAddrs`, every Calico interface requests the same address and the second fails with
    /// `Address already assigned in block`.
    ///
    /// ## Example
    /// ```yaml {"calico":{"edition":"enterprise"}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: secondary-calico
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "policy": {"type": "k8s"}, "ipam": {"type": "calico-ipam", "ipv4_pools": ["secondary-pool"]}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: secondary-calico
    ///     cni.projectcalico.org/ipv4pools: '["default-ipv4-ippool"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"calico":{"edition":"enterprise"}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: secondary-calico
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "policy": {"type": "k8s"}, "ipam": {"type": "calico-ipam", "ipv4_pools": ["secondary-pool"]}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: secondary-calico
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: select pools per network in each NAD instead of on the pod.
    pub static CAL_M007 = ("CAL-M007", "calico-pod-pools-override-nad", Warning, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports `ips` or `mac` in a Multus network selection element that attaches a Calico
    /// network.
    ///
    /// ## Why is this bad?
    /// Calico does not implement the CNI `ips`/`mac` capabilities; the request is ignored
    /// (projectcalico/calico#10554). Use `cni.projectcalico.org/ipAddrs` or a dedicated pool.
    ///
    /// ## Example
    /// ```yaml {"calico":{"primary":false}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "calico-conf", "ips": ["10.1.0.5"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"calico":{"primary":false}}
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "calico-conf"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_M009 = ("CAL-M009", "calico-nad-ips-or-mac-requested", Warning, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports pod pool annotations on a pod attaching a non-Calico plugin that uses
    /// `calico-ipam`.
    ///
    /// ## Why is this bad?
    /// Pod annotations are injected only by the `calico` main plugin; `calico-ipam` under
    /// macvlan or ipvlan never sees them. Set `ipam.ipv4_pools` in the NAD instead.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam", "ipv4_pools": ["macvlan-pool"]}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    ///     cni.projectcalico.org/ipv4pools: '["macvlan-pool"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam", "ipv4_pools": ["macvlan-pool"]}}'
    /// ---
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_M010 = ("CAL-M010", "calico-pools-with-foreign-plugin", Warning, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports `calico-ipam` under a non-Calico plugin whose config lacks a top-level
    /// `kubernetes.kubeconfig` (and `datastore_type`).
    ///
    /// ## Why is this bad?
    /// calico-ipam reads the whole plugin config as Calico's `NetConf`: settings nested inside
    /// `ipam` are not seen, so it cannot reach the datastore and every ADD fails.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "calico-ipam", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}}}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam", "ipv4_pools": ["macvlan-pool"]}}'
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static CAL_M011 = ("CAL-M011", "calico-ipam-config-not-top-level", Warning, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports `nodename` in a Calico NetworkAttachmentDefinition: an error for the
    /// unsubstituted template placeholder `__KUBERNETES_NODE_NAME__`, a warning for a literal
    /// node name.
    ///
    /// ## Why is this bad?
    /// Calico uses the config's `nodename` before `/var/lib/calico/nodename`. A NAD is the same
    /// on every node and never templated, so every node registers endpoints as the placeholder
    /// or as that one node.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}, "nodename": "__KUBERNETES_NODE_NAME__"}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: calico-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "calico", "datastore_type": "kubernetes", "kubernetes": {"kubeconfig": "/etc/cni/net.d/calico-kubeconfig"}, "ipam": {"type": "calico-ipam"}, "policy": {"type": "k8s"}}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe for the placeholder (removal lets Calico read the node's name); unsafe for a literal
    /// name.
    pub static CAL_M012 = ("CAL-M012", "calico-nad-nodename", Error, Always);
}

type Members = [(Spanned<String>, Spanned<Value>)];

fn members(v: &Spanned<Value>) -> Option<&Members> {
    match &v.value {
        Value::Object(m) => Some(m),
        _ => None,
    }
}

fn member<'v>(
    v: &'v Spanned<Value>,
    key: &str,
) -> Option<(&'v Spanned<String>, &'v Spanned<Value>)> {
    members(v)?
        .iter()
        .find(|(k, _)| k.value == key)
        .map(|(k, v)| (k, v))
}

fn string_of(v: &Spanned<Value>) -> Option<&str> {
    match &v.value {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// The JSON objects of the plugins (the config itself for a single plugin).
fn plugin_objects(cfg: &CniConfig) -> Vec<&Spanned<Value>> {
    if !cfg.is_list {
        return vec![&cfg.tree];
    }
    match member(&cfg.tree, "plugins") {
        Some((_, p)) => match &p.value {
            Value::Array(items) => items.iter().filter(|i| members(i).is_some()).collect(),
            _ => vec![],
        },
        None => vec![],
    }
}

fn is_calico(o: &Spanned<Value>) -> bool {
    member(o, "type").and_then(|(_, t)| string_of(t)) == Some("calico")
}

fn ipam_type(o: &Spanned<Value>) -> Option<String> {
    member(o, "ipam")
        .and_then(|(_, i)| member(i, "type"))
        .and_then(|(_, t)| string_of(t))
        .map(str::to_string)
}

/// The Calico plugin object of a NAD.
fn calico_plugin(nad: &Nad) -> Option<&Spanned<Value>> {
    plugin_objects(nad.parsed()?)
        .into_iter()
        .find(|o| is_calico(o))
}

/// A non-Calico plugin using calico-ipam.
fn foreign_calico_ipam(nad: &Nad) -> Option<&Spanned<Value>> {
    plugin_objects(nad.parsed()?)
        .into_iter()
        .find(|o| !is_calico(o) && ipam_type(o).as_deref() == Some("calico-ipam"))
}

/// A text edit replacing the bytes `from..to` of the `spec.config` string by `new` (JSON
/// text): a minimal edit inside the scalar when its value map is exact and the style can
/// hold the text as is, otherwise the whole scalar rewritten.
fn config_edit(
    cx: &Checker,
    node: NodeId,
    text: &str,
    from: usize,
    to: usize,
    new: &str,
) -> TextEdit {
    let y = cx.yaml;
    let map = cx.value_map(node);
    let style = y.style(node);
    let escaped = match style {
        Some(Style::SingleQuoted) => Some(new.replace('\'', "''")),
        Some(Style::DoubleQuoted) => Some(new.replace('\\', "\\\\").replace('"', "\\\"")),
        Some(Style::Literal) | Some(Style::Folded) if !new.contains('\n') => Some(new.to_string()),
        _ => None,
    };
    if let (true, Some(esc)) = (
        map.is_exact() && !text.is_empty() && to <= text.len(),
        escaped,
    ) {
        if from == to {
            let at = if from == 0 {
                map.source_range_bytes(text, 0, 1).0
            } else {
                map.source_range_bytes(text, from - 1, from).1
            };
            return (at, at, esc);
        }
        let (s, e) = map.source_range_bytes(text, from, to);
        return (s, e, esc);
    }
    let mut spliced = String::with_capacity(text.len() + new.len());
    spliced.push_str(&text[..from]);
    spliced.push_str(new);
    spliced.push_str(&text[to..]);
    edit::replace_scalar(y, node, &spliced)
}

struct NadSite<'n> {
    nad: &'n Nad,
    obj: &'n Object,
    node: NodeId,
    text: &'n str,
}

fn nad_diag(
    cx: &Checker,
    rule: &Rule,
    s: &NadSite,
    span: (usize, usize),
    msg: String,
) -> Diagnostic {
    let r = value_sub_range(cx, s.node, s.text, span.0, span.1);
    cx.object_diagnostic(rule, s.obj, "spec.config".into(), r, msg)
}

pub fn check(cx: &mut Checker, m: &Calico) {
    let index = cx.nads();
    for nad in index.nads.iter().filter(|n| !n.from_inventory) {
        let (Some(node), Some(text)) = (nad.config_node, nad.config_text.as_deref()) else {
            continue;
        };
        let Some(node) = cx.yaml.resolve(node) else {
            continue;
        };
        let site = NadSite {
            nad,
            obj: cx.object(nad.object_index),
            node,
            text,
        };
        nad_checks(cx, &site);
    }
    pod_checks(cx, m, &index);
}

fn nad_checks(cx: &mut Checker, s: &NadSite) {
    let nad = s.nad;
    if let Some(p) = calico_plugin(nad) {
        // M002: assign flags.
        if let Some((_, ipam)) = member(p, "ipam") {
            for key in ["assign_ipv4", "assign_ipv6"] {
                if let Some((_, v)) = member(ipam, key) {
                    let word = v.value.kind_name();
                    if matches!(word, "bool" | "number") {
                        let raw = &s.text[v.start..v.end];
                        let mut d = nad_diag(cx, &CAL_M002, s, (v.start, v.end), format!(
                            "NetworkAttachmentDefinition {}: ipam.{key} is a JSON {word} ({raw}), but Calico declares it a string; the Calico plugin fails with: failed to load netconf: json: cannot unmarshal {word} into Go struct field IPAMConfig.ipam.{key} of type string",
                            nad.name
                        ));
                        let quoted = serde_json::to_string(raw).unwrap_or_default();
                        let e = config_edit(cx, s.node, s.text, v.start, v.end, &quoted);
                        d.fix =
                            Some(cx.fix(format!("Write \"{raw}\""), Applicability::Safe, vec![e]));
                        cx.push(d);
                    }
                }
            }
        }
        // M003: policy type k8s.
        match member(p, "policy") {
            None => {
                let mut d = nad_diag(cx, &CAL_M003, s, (p.start, p.start + 1), format!(
                    "NetworkAttachmentDefinition {}: the Calico config has no \"policy\": {{\"type\": \"k8s\"}}, so Calico does not read pod or namespace annotations for this network: cni.projectcalico.org/* annotations of pods using it are silently ignored",
                    nad.name
                ));
                if let Some(last) = members(p).and_then(|m| m.last()) {
                    let at = last.1.end;
                    let e = config_edit(
                        cx,
                        s.node,
                        s.text,
                        at,
                        at,
                        ", \"policy\": {\"type\": \"k8s\"}",
                    );
                    d.fix = Some(cx.fix(
                        "Add \"policy\": {\"type\": \"k8s\"}",
                        Applicability::Safe,
                        vec![e],
                    ));
                }
                cx.push(d);
            }
            Some((_, pol)) => {
                let t = member(pol, "type").and_then(|(_, t)| string_of(t));
                if t != Some("k8s") {
                    let d = nad_diag(cx, &CAL_M003, s, (pol.start, pol.end), format!(
                        "NetworkAttachmentDefinition {}: policy type is {:?}, not \"k8s\", so Calico does not read pod or namespace annotations for this network",
                        nad.name, t.unwrap_or("")
                    ));
                    cx.push(d);
                }
            }
        }
        // M005: primary network name.
        if let Some((_, v)) = member(p, "name").or_else(|| member(&nad.parsed()?.tree, "name")) {
            if string_of(v) == Some("k8s-pod-network") {
                let mut d = nad_diag(cx, &CAL_M005, s, (v.start, v.end), format!(
                    "NetworkAttachmentDefinition {}: the network name k8s-pod-network is the name of Calico's primary network; the IPAM handle <name>.<containerID> is then shared with the pod's eth0",
                    nad.name
                ));
                let new = serde_json::to_string(&nad.name).unwrap_or_default();
                if !nad.name.is_empty() {
                    let e = config_edit(cx, s.node, s.text, v.start, v.end, &new);
                    d.fix = Some(cx.fix(
                        format!("Name the network {}", nad.name),
                        Applicability::Safe,
                        vec![e],
                    ));
                }
                cx.push(d);
            }
        }
        // M012: nodename.
        if let Some((k, v)) = member(p, "nodename") {
            let val = string_of(v).unwrap_or("");
            let placeholder = val.contains("__KUBERNETES_NODE_NAME__");
            let msg = if placeholder {
                format!("NetworkAttachmentDefinition {}: nodename is the install template placeholder {val}, which is never substituted in a NAD; Calico uses it as the node name on every node", nad.name)
            } else {
                format!("NetworkAttachmentDefinition {}: nodename {val:?} is used by Calico on every node (a NAD applies cluster-wide and the config's nodename wins over /var/lib/calico/nodename)", nad.name)
            };
            let mut d = nad_diag(cx, &CAL_M012, s, (k.start, v.end), msg);
            if !placeholder {
                d.severity = Severity::Warning;
            }
            if let Some(range) = member_removal(p, &k.value, s.text) {
                let e = config_edit(cx, s.node, s.text, range.0, range.1, "");
                let app = if placeholder {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                };
                d.fix = Some(cx.fix("Remove nodename", app, vec![e]));
            }
            cx.push(d);
        }
    }
    // M011: calico-ipam under another plugin.
    if let Some(p) = foreign_calico_ipam(nad) {
        let kubeconfig = member(p, "kubernetes")
            .and_then(|(_, k)| member(k, "kubeconfig"))
            .is_some();
        if !kubeconfig {
            let ds = member(p, "datastore_type").is_some();
            let nested = member(p, "ipam").is_some_and(|(_, i)| {
                member(i, "kubernetes").is_some() || member(i, "datastore_type").is_some()
            });
            let d = nad_diag(cx, &CAL_M011, s, (p.start, p.start + 1), format!(
                "NetworkAttachmentDefinition {}: calico-ipam under the {} plugin reads the plugin's whole config as Calico's NetConf, but it has no top-level kubernetes.kubeconfig{}{}; calico-ipam cannot reach the datastore",
                nad.name,
                member(p, "type").and_then(|(_, t)| string_of(t)).unwrap_or("?"),
                if ds { "" } else { " or datastore_type" },
                if nested { " (settings nested inside ipam are not seen)" } else { "" }
            ));
            cx.push(d);
        }
    }
}

/// The byte range removing member `key` of object `o` with its separating comma.
fn member_removal(o: &Spanned<Value>, key: &str, text: &str) -> Option<(usize, usize)> {
    let ms = members(o)?;
    let i = ms.iter().position(|(k, _)| k.value == key)?;
    if i > 0 {
        Some((ms[i - 1].1.end, ms[i].1.end))
    } else if i + 1 < ms.len() {
        Some((ms[i].0.start, ms[i + 1].0.start))
    } else {
        let _ = text;
        Some((ms[i].0.start, ms[i].1.end))
    }
}

fn pod_checks(cx: &mut Checker, m: &Calico, index: &NadIndex) {
    // Only pods attaching a Calico NAD (or calico-ipam under another plugin) are concerned.
    if !index
        .nads
        .iter()
        .any(|n| calico_plugin(n).is_some() || foreign_calico_ipam(n).is_some())
    {
        return;
    }
    let y = cx.yaml;
    let oss = cx.profile.calico.edition == CalicoEdition::Oss;
    let primary = cx.profile.calico.primary;
    for h in &cx.model.holders {
        if !matches!(h.place, Place::Pod | Place::Template) {
            continue;
        }
        let Some(anns) = y.get(h.metadata, "annotations") else {
            continue;
        };
        let Some((_, nv)) = y.get_entry(anns, NETWORKS_KEY) else {
            continue;
        };
        let Some(nv) = y.resolve(nv) else { continue };
        let Some(value) = y.str_value(nv) else {
            continue;
        };
        let obj = cx.object(h.object);
        let nets = cx.networks(nv, value, &obj.effective_namespace);
        let path = key_path("", &format!("{}.annotations", h.path), NETWORKS_KEY);
        let mut calico: Vec<(&Element, &Nad)> = Vec::new();
        let mut foreign: Vec<&Nad> = Vec::new();
        for e in &nets.elements {
            let Some(nad) = index.get(e.resolved_namespace(&nets.default_namespace), e.name_str())
            else {
                continue;
            };
            if calico_plugin(nad).is_some() {
                calico.push((e, nad));
            } else if foreign_calico_ipam(nad).is_some() {
                foreign.push(nad);
            }
        }
        if calico.is_empty() && foreign.is_empty() {
            continue;
        }
        let pod_anns: Vec<&Ann> = m
            .anns
            .iter()
            .filter(|a| a.holder.metadata == h.metadata)
            .collect();
        let get = |short: &str| {
            pod_anns
                .iter()
                .copied()
                .find(|a| a.short == short && a.is_set())
        };
        // M006: two Calico interfaces under OSS.
        if oss && !calico.is_empty() && (primary || calico.len() > 1) {
            let (e, nad) = calico[if primary { 0 } else { 1 }];
            let r = value_sub_range(cx, nv, value, e.span.0, e.span.1);
            let d = cx.object_diagnostic(&CAL_M006, obj, path.clone(), r, format!(
                "the pod attaches the Calico network {}/{}{}; Calico OSS supports one Calico interface per pod (the second ADD deletes the first interface's host veth; typical symptom: failed to add IPv4 route for 0.0.0.0/0 via 169.254.1.1: file exists); use a non-Calico secondary network, or Calico Enterprise with multiInterfaceMode: Multus",
                nad.namespace, nad.name,
                if primary { " while Calico is the primary CNI" } else { " as a second Calico network" }
            ));
            cx.push(d);
        }
        // M009: ips / mac for a Calico network.
        for (e, nad) in &calico {
            for (what, part) in [
                ("ips", e.ips.as_ref().map(|p| (p.key, p.span))),
                ("mac", e.mac.as_ref().map(|p| (p.key, p.span))),
            ] {
                let Some((key, span)) = part else { continue };
                let start = key.map(|k| k.0).unwrap_or(span.0);
                let r = value_sub_range(cx, nv, value, start, span.1);
                let d = cx.object_diagnostic(&CAL_M009, obj, path.clone(), r, format!(
                    "{what} is requested for the Calico network {}/{}, but Calico does not implement the ips/mac capabilities and ignores the request; use cni.projectcalico.org/ipAddrs (or hwAddr) or a dedicated pool",
                    nad.namespace, nad.name
                ));
                cx.push(d);
            }
        }
        // M004 / M007 on the pod's Calico annotations.
        for (_, nad) in &calico {
            let Some(p) = calico_plugin(nad) else {
                continue;
            };
            if member(p, "policy")
                .and_then(|(_, pol)| member(pol, "type"))
                .and_then(|(_, t)| string_of(t))
                != Some("k8s")
            {
                continue; // annotations are not read at all (CAL-M003)
            }
            let ipam = ipam_type(p).unwrap_or_default();
            if ipam != "calico-ipam" {
                for short in [
                    "ipv4pools",
                    "ipv6pools",
                    "ipFamilies",
                    "ipAddrs",
                    "ipAddrsNoIpam",
                ] {
                    let Some(a) = get(short) else { continue };
                    let fails = short.starts_with("ipAddrs");
                    let msg = if fails {
                        format!("{} cannot be honoured by the Calico network {}/{}, whose IPAM is {:?}; the attachment fails with: {short} is not compatible with configured IPAM: {ipam}", a.key, nad.namespace, nad.name, ipam)
                    } else {
                        format!("{} is ignored for the Calico network {}/{}: pool annotations are applied only with calico-ipam, and its IPAM is {:?}", a.key, nad.namespace, nad.name, ipam)
                    };
                    let mut d = ann_diag(cx, &CAL_M004, a, key_range(cx, a), msg);
                    if fails {
                        d.severity = Severity::Error;
                    }
                    cx.push(d);
                }
                continue;
            }
            for (short, nad_key) in [("ipv4pools", "ipv4_pools"), ("ipv6pools", "ipv6_pools")] {
                let Some(a) = get(short) else { continue };
                let Some((_, pools)) = member(p, "ipam").and_then(|(_, i)| member(i, nad_key))
                else {
                    continue;
                };
                let nad_pools = &s_text(nad)[pools.start..pools.end];
                let d = ann_diag(cx, &CAL_M007, a, key_range(cx, a), format!(
                    "{} applies to every Calico interface of the pod and replaces ipam.{nad_key} ({nad_pools}) of the Calico network {}/{}: that interface gets its address from {}, not from the NAD's pools",
                    a.key, nad.namespace, nad.name, a.text.as_deref().unwrap_or("")
                ));
                cx.push(d);
            }
        }
        let calico_ifaces = calico.len() + usize::from(primary);
        if calico_ifaces > 1 {
            for short in ["ipAddrs", "ipAddrsNoIpam"] {
                let Some(a) = get(short) else { continue };
                let mut d = ann_diag(cx, &CAL_M007, a, key_range(cx, a), format!(
                    "{} applies to every Calico interface of the pod ({calico_ifaces} here): each requests the same address and the second fails with: Address already assigned in block (projectcalico/calico#10554)",
                    a.key
                ));
                d.severity = Severity::Error;
                cx.push(d);
            }
        }
        // M010: pool annotations with calico-ipam under another plugin.
        for nad in &foreign {
            for short in ["ipv4pools", "ipv6pools"] {
                let Some(a) = get(short) else { continue };
                let d = ann_diag(cx, &CAL_M010, a, key_range(cx, a), format!(
                    "{} is not applied to the network {}/{}: it uses calico-ipam under a non-Calico plugin, and only the calico plugin injects pod annotations; set ipam.{} in that NAD instead",
                    a.key, nad.namespace, nad.name, if short == "ipv4pools" { "ipv4_pools" } else { "ipv6_pools" }
                ));
                cx.push(d);
            }
        }
    }
}

fn s_text(nad: &Nad) -> &str {
    nad.config_text.as_deref().unwrap_or("")
}
