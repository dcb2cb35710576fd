//! The templates: the runtime errors each rule's doc quotes (in backticks, under "Why is this
//! bad?"), a few explicit ones per rule ([`EXTRA`], for error variants the docs do not quote),
//! and the errors no manifest can cause ([`OUTSIDE`]).

use super::tokens::{tokenize, Tok};
use super::unwrap::unwrap;
use crate::rules::{self, Rule};

/// One template of a runtime error.
#[derive(Debug)]
pub struct Template {
    /// The rule ID (or an `ENV-*` ID for errors outside the manifest).
    pub id: &'static str,
    /// The text as quoted (after `...` expansion).
    pub text: String,
    /// The innermost plugin the template names (`plugin type="calico" failed (add)`).
    pub plugin: Option<String>,
    pub tokens: Vec<Tok>,
    /// Where it comes from: the rule's docs, or the table here.
    pub from_docs: bool,
}

/// Explicit templates for variants of a rule's runtime error that its doc does not quote
/// (other `encoding/json` errors, older wrappers). Keyed by rule ID. The rule docs stay the
/// main source; a rule listed here would be better served by quoting the variant in its doc.
pub const EXTRA: &[(&str, &str)] = &[
    // Calico returns Go's JSON error bare: any of them, after `plugin type="calico"`.
    (
        "CAL-A001",
        "plugin type=\"calico\" failed (add): invalid character 'e' in literal null (expecting 'u')",
    ),
    (
        "CAL-A001",
        "plugin type=\"calico\" failed (add): invalid character 'a' in literal true (expecting 'r')",
    ),
    (
        "CAL-A001",
        "plugin type=\"calico\" failed (add): json: cannot unmarshal string into Go value of type []string",
    ),
    (
        "CAL-A001",
        "plugin type=\"calico\" failed (add): json: cannot unmarshal object into Go value of type []string",
    ),
    (
        "CAL-A001",
        "plugin type=\"calico\" failed (add): unexpected end of JSON input",
    ),
    (
        "CAL-A001",
        "plugin type=\"calico\" failed (add): invalid character ',' after top-level value",
    ),
    (
        "MUL-J01",
        "parsePodNetworkAnnotation: failed to parse pod Network Attachment Selection Annotation JSON format: invalid character 'm' looking for beginning of value",
    ),
    (
        "MUL-J01",
        "parsePodNetworkAnnotation: failed to parse pod Network Attachment Selection Annotation JSON format: unexpected end of JSON input",
    ),
    (
        "MUL-N04",
        "GetCNIConfig: err in getCNIConfigFromSpec: failed to unmarshal Spec.Config: invalid character '}' looking for beginning of object key string",
    ),
    (
        "MUL-N04",
        "GetCNIConfig: err in getCNIConfigFromSpec: failed to unmarshal Spec.Config: unexpected end of JSON input",
    ),
    // Older Multus (3.x) wrote the default-network failure without the function prefix.
    (
        "MUL-D03",
        "Multus: error in loading K8s cluster default network from pod annotation: tryLoadK8sPodDefaultNetwork: cannot find a network-attachment-definition (calico-conf) in namespace (kube-system)",
    ),
    // The NAD lookup as users see it: with the client's `not found` after the doc's part.
    (
        "MUL-J05",
        "getKubernetesDelegate: cannot find a network-attachment-definition (ns/macvlan-conf) in namespace (default): network-attachment-definitions.k8s.cni.cncf.io \"ns/macvlan-conf\" not found",
    ),
    (
        "MUL-J06",
        "getKubernetesDelegate: cannot find a network-attachment-definition ( macvlan-conf) in namespace (default): network-attachment-definitions.k8s.cni.cncf.io \" macvlan-conf\" not found",
    ),
    (
        "MUL-D03",
        "tryLoadK8sPodDefaultNetwork: cannot find a network-attachment-definition (calico-conf) in namespace (kube-system): network-attachment-definitions.k8s.cni.cncf.io \"calico-conf\" not found",
    ),
    // calicoctl v1's wording of the pool-smaller-than-a-block rejection.
    (
        "CAL-IP006",
        "error with field CIDR = '10.0.0.0/32' (IP pool is too small)",
    ),
    // The short form with an upper-case name (the doc's example item is a dotted name).
    (
        "MUL-S02",
        "parsePodNetworkAnnotation: parsePodNetworkObjectName: Failed to parse: one or more items did not match comma-delimited format (must consist of lower case alphanumeric characters). Must start and end with an alphanumeric character), mismatch @ 'Macvlan-Conf'",
    ),
];

/// An error no manifest can cause: the node, the cluster or the plugin install.
#[derive(Debug)]
pub struct Outside {
    pub id: &'static str,
    pub name: &'static str,
    pub templates: &'static [&'static str],
    /// The usual cause, in a sentence or two.
    pub cause: &'static str,
    /// What to do instead of editing the manifest.
    pub fix: &'static str,
}

/// Errors outside the manifest, recognized so they are not blamed on an annotation.
pub const OUTSIDE: &[Outside] = &[
    Outside {
        id: "ENV-001",
        name: "cni-plugin-binary-missing",
        templates: &["failed to find plugin \"macvlan\" in path [/opt/cni/bin]"],
        cause: "The plugin binary the network's config names (its `type`) is not installed in the node's CNI bin directory, or Multus looks in another directory than the one the binaries are in.",
        fix: "Install the CNI plugins on every node (e.g. the containernetworking/plugins release into /opt/cni/bin), or set Multus's `binDir` / the daemonset's host path to where they are. Nothing in the manifest changes this.",
    },
    Outside {
        id: "ENV-002",
        name: "datastore-unauthorized",
        templates: &[
            "error getting ClusterInformation: connection is unauthorized: Unauthorized",
            "connection is unauthorized: Unauthorized",
        ],
        cause: "The CNI plugin's service-account token (in /etc/cni/net.d/calico-kubeconfig) expired or was revoked, or its RBAC is missing: the plugin cannot read the datastore.",
        fix: "Restart calico-node on that node (it rewrites the CNI kubeconfig with a fresh token) and check the calico-node ClusterRole/Binding; upgrade old Calico versions with the token-refresh fix.",
    },
    Outside {
        id: "ENV-003",
        name: "calico-node-not-ready",
        templates: &[
            "stat /var/lib/calico/nodename: no such file or directory: check that the calico/node container is running and has mounted /var/lib/calico/",
            "error getting ClusterInformation: resource does not exist: ClusterInformation(default) with error: clusterinformations.crd.projectcalico.org \"default\" not found",
        ],
        cause: "calico-node is not running (or not yet ready) on the node, so the files and resources the CNI plugin needs do not exist.",
        fix: "Look at the calico-node pod on that node (`kubectl -n calico-system logs ds/calico-node`); the pod will start once it is ready.",
    },
    Outside {
        id: "ENV-004",
        name: "apiserver-or-datastore-unreachable",
        templates: &[
            "dial tcp 10.96.0.1:443: i/o timeout",
            "dial tcp 10.96.0.1:443: connect: connection refused",
            "context deadline exceeded",
            "etcdserver: request timed out",
            "etcdserver: leader changed",
            "Client.Timeout exceeded while awaiting headers",
        ],
        cause: "The plugin could not reach the Kubernetes API server or the datastore in time (network, kube-proxy, overload, etcd leader changes).",
        fix: "Check the node's connectivity to the API service address and the control plane's health; the sandbox is retried automatically.",
    },
    Outside {
        id: "ENV-005",
        name: "ip-addresses-exhausted",
        templates: &[
            "failed to request IPv4 addresses: Assigned 0 out of 1 requested IPv4 addresses; No more free affine blocks and strict affinity enabled",
            "failed to allocate for range 0: no IP addresses available in range set: 10.1.1.1-10.1.1.10",
            "no IP addresses available in range set",
            "No IPv4 addresses available in pool",
        ],
        cause: "The IP pool or IPAM range has no free address left (or stale allocations hold them).",
        fix: "Grow the pool or range, add another pool, or release leaked allocations (`calicoctl ipam check`, host-local's /var/lib/cni/networks).",
    },
    Outside {
        id: "ENV-006",
        name: "cluster-network-not-ready",
        templates: &[
            "have you checked that your default network is ready? still waiting for readinessindicatorfile @ /host/etc/cni/net.d/10-calico.conflist. pollimmediate error: timed out waiting for the condition",
            "network plugin is not ready: cni config uninitialized",
            "cni plugin not initialized",
            "no networks found in /etc/cni/net.d",
        ],
        cause: "The cluster network (the primary CNI) is not installed or not ready on the node yet, so Multus or the runtime has no network to delegate to.",
        fix: "Wait for, or repair, the primary CNI's daemonset on the node; check /etc/cni/net.d and Multus's readinessindicatorfile setting.",
    },
    Outside {
        id: "ENV-007",
        name: "calico-binary-misinstalled",
        templates: &[
            "netplugin failed but error parsing its diagnostic message \"No valid options provided. Usage:\\n\": invalid character 'N' looking for beginning of value",
        ],
        cause: "The binary run as the `calico` CNI plugin is not the CNI plugin (e.g. a calico/node or calicoctl binary copied in its place).",
        fix: "Reinstall the Calico CNI binaries (the install-cni init container does this) into the CNI bin directory.",
    },
    Outside {
        id: "ENV-008",
        name: "master-interface-missing",
        templates: &[
            "failed to lookup master \"eth1\": Link not found",
            "Link not found",
        ],
        cause: "The `master` interface a macvlan/ipvlan network names does not exist on this node (interface names differ between nodes).",
        fix: "Use an interface that exists on every node the pod can run on (or a node selector), and check the NAD's `master`.",
    },
];

/// Every template: from the docs of every rule, the explicit table, and the outside errors.
pub fn all() -> &'static [Template] {
    static ALL: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    ALL.get_or_init(build)
}

fn build() -> Vec<Template> {
    let mut out = Vec::new();
    for rule in rules::all() {
        let quoted = quoted_errors(rule);
        for text in &quoted {
            let text = expand_ellipsis(text, &quoted);
            out.push(template(rule.id, text, true));
        }
    }
    for (id, text) in EXTRA {
        if let Some(rule) = rules::find(id) {
            out.push(template(rule.id, (*text).to_string(), false));
        }
    }
    for o in OUTSIDE {
        for text in o.templates {
            out.push(template(o.id, (*text).to_string(), false));
        }
    }
    out
}

fn template(id: &'static str, text: String, from_docs: bool) -> Template {
    let u = unwrap(&text);
    Template {
        id,
        plugin: u.plugin,
        tokens: tokenize(&u.core),
        text,
        from_docs,
    }
}

/// The runtime errors a rule's doc quotes: the backtick spans of "Why is this bad?" that
/// read as an error message (several words, not a config fragment or a command).
pub fn quoted_errors(rule: &Rule) -> Vec<String> {
    let docs = rule.docs();
    let Some(why) = docs.split("## Why is this bad?\n").nth(1) else {
        return vec![];
    };
    let why = why.split("\n## ").next().unwrap_or("");
    let flat = why.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    let mut rest = flat.as_str();
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        let span = &after[..close];
        if is_error_text(span) {
            out.push(span.to_string());
        }
        rest = &after[close + 1..];
    }
    out
}

/// Whether a backtick span of a rule doc is a runtime error message.
pub fn is_error_text(span: &str) -> bool {
    let words: Vec<&str> = span.split_whitespace().collect();
    if words.len() < 3 || span.len() < 16 {
        return false;
    }
    if span.starts_with("kubectl ") || span.starts_with('{') || span.starts_with("\"capabilities") {
        return false;
    }
    // `key: value` config fragments.
    if words.len() <= 3 && words[0].ends_with(':') {
        return false;
    }
    true
}

/// `... isn't a IPv6 address`: the leading `...` stands for the start of another quoted
/// error of the rule (or of any rule) that continues with the same words.
fn expand_ellipsis(text: &str, siblings: &[String]) -> String {
    let Some(rest) = text.strip_prefix("... ") else {
        return text.to_string();
    };
    let probe: String = rest
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let others = siblings.iter().cloned().chain(
        rules::all()
            .iter()
            .flat_map(|r| quoted_errors(r))
            .filter(|t| !t.starts_with("...")),
    );
    for other in others {
        if other.starts_with("...") {
            continue;
        }
        if let Some(at) = other.find(&probe) {
            if at > 0 {
                return format!("{}{}", &other[..at], rest);
            }
        }
    }
    rest.to_string()
}
