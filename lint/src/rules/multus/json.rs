//! The JSON form (`parsePodNetworkAnnotation`, `NetworkSelectionElement`): MUL-J01..J22.

use std::collections::HashMap;

use crate::fix::diagnostic::{Applicability, Diagnostic, Severity};
use crate::model::multus::{self as m, ErrorKind, Format, Span, JSON_ERROR_PREFIX};
use crate::rules::checker::Checker;
use crate::syntax::gojson::{self, Value};
use crate::syntax::gonet;

use super::json_repair::repair_json;
use super::{site_diag, value_edits, with_severity, Ctx, Site};

crate::declare_rule! {
    /// ## What it does
    /// Checks that a networks annotation written in the JSON form (any value containing
    /// `[`, `{` or `"`) is valid JSON, and points at the character where Go's decoder stops.
    ///
    /// ## Why is this bad?
    /// Multus fails the Pod sandbox with `parsePodNetworkAnnotation: failed to parse pod
    /// Network Attachment Selection Annotation JSON format: invalid character ']' after
    /// object key:value pair` (older versions silently ignored it, issue #635).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.104/24"]]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.104/24"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe for unambiguous defects: a missing `}` or `]` before a closing bracket, a missing
    /// comma, a trailing comma, `//` or `#` comments, missing closers at the end. The fix is
    /// offered only when the repaired text is valid JSON.
    pub static MUL_J01 = ("MUL-J01", "multus-networks-invalid-json", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks that the JSON form is an array of objects.
    ///
    /// ## Why is this bad?
    /// A bare object, or a short-form name wrapped in double quotes (typical of Helm
    /// `quote`), fails with `... JSON format: json: cannot unmarshal object into Go value of
    /// type []*types.NetworkSelectionElement`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '{"name": "macvlan-conf"}'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: an object is wrapped in `[` `]`; a JSON string holding a valid short form is
    /// unwrapped. No fix for other values.
    pub static MUL_J02 = ("MUL-J02", "multus-networks-not-array", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a field of the wrong JSON type, with Go's exact decoding error.
    ///
    /// ## Why is this bad?
    /// The whole annotation fails: `... JSON format: json: cannot unmarshal string into Go
    /// struct field NetworkSelectionElement.ips of type []string` (issue #460), or
    /// `PortMapEntry.portMappings.hostPort of type int`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": "10.1.1.10/24"}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.10/24"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: a string where `ips` or `default-route` expect a list is wrapped in `[` `]`; a
    /// numeric string where a port or bandwidth value expects a number is unquoted.
    pub static MUL_J03 = ("MUL-J03", "multus-networks-wrong-type", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds JSON elements without `name` or with an empty name.
    ///
    /// ## Why is this bad?
    /// The lookup fails: `getKubernetesDelegate: cannot find a network-attachment-definition
    /// () in namespace (default): resource name may not be empty`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"namespace": "default", "interface": "net1"}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "namespace": "default", "interface": "net1"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the network cannot be guessed.
    pub static MUL_J04 = ("MUL-J04", "multus-json-missing-name", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds a JSON `name` containing `/` (namespace) or `@` (interface).
    ///
    /// ## Why is this bad?
    /// JSON names are used verbatim: `"name": "ns/macvlan-conf"` is looked up as a NAD
    /// literally named so in the pod namespace and fails with `cannot find a
    /// network-attachment-definition (ns/macvlan-conf) in namespace (default)` (issue #705).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "openshift-multus/macvlan-conf"}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "namespace": "openshift-multus"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the part before `/` moves to `namespace`, the part after `@` to `interface`
    /// (the element is rewritten as compact JSON). No fix when those keys already exist.
    pub static MUL_J05 = ("MUL-J05", "multus-json-name-with-namespace", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks that a JSON `name` is a DNS-1123 subdomain and `namespace` a DNS-1123 label,
    /// without surrounding whitespace (JSON values are not trimmed).
    ///
    /// ## Why is this bad?
    /// No NAD or namespace can have such a name, so the lookup fails: `cannot find a
    /// network-attachment-definition ( macvlan-conf) in namespace (default)`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "Macvlan_Conf"}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended name cannot be known.
    pub static MUL_J06 = ("MUL-J06", "multus-json-invalid-name", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds unknown keys without a `.` in a JSON element (NPWG reserves dot-less keys;
    /// implementation-specific keys use reverse-DNS names). Known mistakes get a rename:
    /// `gateway`/`defaultRoute` → `default-route`, `ip`/`ipRequest` → `ips`, `macRequest` →
    /// `mac`, `interfaceName`/`ifname` → `interface`, `cniArgs` → `cni-args`,
    /// `infinibandGUID` → `infiniband-guid`.
    ///
    /// ## Why is this bad?
    /// Multus ignores unknown keys silently: the request is simply not applied (the upstream
    /// `examples/macvlan-pod.yml` still uses `gateway`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "macRequest": "02:00:00:00:00:01"}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "mac": "02:00:00:00:00:01"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the value already has the type of the real key; unsafe for
    /// `gateway`/`defaultRoute` (a default route changes the routes of every interface) and
    /// when the value's type does not fit. No fix when the real key is already present.
    pub static MUL_J07 = ("MUL-J07", "multus-json-unknown-key", Warning, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports the deprecated `interfaceRequest` key.
    ///
    /// ## Why is this bad?
    /// Multus still copies it to `interface` ("compatibility pre v3.2, will be removed"),
    /// but network-attachment-definition-client consumers ignore it, and v3.2–3.3 ignored it
    /// (issue #360).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "interfaceRequest": "eth1"}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "interface": "eth1"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the key is renamed to `interface` (same behaviour in Multus). No fix when
    /// `interface` is also present.
    pub static MUL_J08 = ("MUL-J08", "multus-json-interface-request", Warning, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks every `ips` entry as Multus does: with `/` through `net.ParseCIDR`, else
    /// `net.ParseIP`. Warns on an empty `ips` array (NPWG requires at least one).
    ///
    /// ## Why is this bad?
    /// The Pod fails with `failed to parse CIDR "10.1.1.304/24": invalid CIDR address:
    /// 10.1.1.304/24` or `failed to parse IP address "<ip>"` (these have no function prefix).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.304/24"]}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "ips": ["10.1.1.34/24"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended address cannot be known.
    pub static MUL_J09 = ("MUL-J09", "multus-json-invalid-ip", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks `mac`: it must parse (`net.ParseMAC`), be 6 bytes, unicast (the lowest bit of
    /// the first octet clear), and not all-zero or broadcast.
    ///
    /// ## Why is this bad?
    /// Unparsable: `parsePodNetworkAnnotation: failed to mac: address c2:b0:57:49:47:
    /// invalid MAC address`. Multicast or all-zero: the plugin fails with `failed to create
    /// macvlan: cannot assign requested address` (issues #1378, #285).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "mac": "c3:b0:57:49:47:f1"}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "mac": "c2:b0:57:49:47:f1"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended address cannot be known.
    pub static MUL_J10 = ("MUL-J10", "multus-json-invalid-mac", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks `infiniband-guid` with `net.ParseMAC` as Multus does, and warns when it is not
    /// 8 bytes (an InfiniBand GUID).
    ///
    /// ## Why is this bad?
    /// The Pod fails with `parsePodNetworkAnnotation: failed to validate infiniband GUID:
    /// address 24:8a:07:03:00:8d:ae: invalid MAC address`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "ib-net", "infiniband-guid": "24:8a:07:03:00:8d:ae"}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "ib-net", "infiniband-guid": "24:8a:07:03:00:8d:ae:d6"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended GUID cannot be known.
    pub static MUL_J11 = ("MUL-J11", "multus-json-invalid-infiniband-guid", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks that every `default-route` entry is a gateway IP address (decoded with
    /// `net.IP.UnmarshalText`), not a CIDR.
    ///
    /// ## Why is this bad?
    /// The whole annotation fails to decode: `... JSON format: invalid IP address:
    /// 192.168.2.1/24`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "default-route": ["192.168.2.1/24"]}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "default-route": ["192.168.2.1"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the prefix length of a CIDR is removed (the gateway address is kept).
    pub static MUL_J12 = ("MUL-J12", "multus-json-default-route-not-ip", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Counts `default-route` gateways over the whole annotation: more than one IPv4 or more
    /// than one IPv6 gateway is an error; `default-route` on more than one element is a
    /// warning (NPWG: only one element should carry it).
    ///
    /// ## Why is this bad?
    /// Multus refuses the Pod with `multus does not support ECMP for default-route`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-a", "default-route": ["10.1.0.1"]}, {"name": "net-b", "default-route": ["10.2.0.1"]}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-a", "default-route": ["10.1.0.1"]}, {"name": "net-b"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which gateway to keep is a user decision.
    pub static MUL_J13 = ("MUL-J13", "multus-json-multiple-default-routes", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports `"default-route": []`.
    ///
    /// ## Why is this bad?
    /// An empty list is non-nil: `CheckGatewayConfig` runs and removes the IPv4 and IPv6
    /// default routes of every interface, including `eth0`; the Pod ends up without a
    /// default route.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "default-route": []}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: removing the key or listing a gateway are different intents.
    pub static MUL_J14 = ("MUL-J14", "multus-json-empty-default-route", Warning, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks a JSON `interface` (or `interfaceRequest`) as the kernel does
    /// (`dev_valid_name`): at most 15 bytes, no whitespace, `/` or `:`, not `.` or `..`.
    /// Multus does not check it in the JSON form.
    ///
    /// ## Why is this bad?
    /// The attachment fails at runtime, e.g. `failed to rename macvlan to
    /// "storage-network-1": numerical result out of range`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "interface": "storage-network-1"}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "interface": "storage1"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: a new interface name is a user decision.
    pub static MUL_J15 = ("MUL-J15", "multus-json-invalid-interface", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Assigns interface names as Multus does (requested name, else `net<i>` counting the
    /// profile's `defaultNetworks`) and reports clashes: a name requested twice, the cluster
    /// interface (`eth0`), or a name another element receives by default.
    ///
    /// ## Why is this bad?
    /// The later attachment fails: `DelegateAdd: cannot set "macvlan" interface name to
    /// "net1": validateIfName: interface name net1 already exists` (issue #1089), and the
    /// attachments already added are torn down.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-a", "interface": "net1"}, {"name": "net-b", "interface": "net1"}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-a", "interface": "net1"}, {"name": "net-b", "interface": "net2"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: a new interface name is a user decision.
    pub static MUL_J16 = ("MUL-J16", "multus-interface-name-clash", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks `portMappings`: not empty, `hostPort`/`containerPort` within 1–65535,
    /// `protocol` one of tcp, udp, sctp (any case).
    ///
    /// ## Why is this bad?
    /// Multus only checks JSON types; the portmap plugin then fails the attachment or
    /// installs no rule.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-b", "portMappings": [{"hostPort": 80800, "containerPort": 80, "protocol": "tcp"}]}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-b", "portMappings": [{"hostPort": 8080, "containerPort": 80, "protocol": "tcp"}]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended port cannot be known.
    pub static MUL_J17 = ("MUL-J17", "multus-json-invalid-port-mapping", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks `bandwidth`: rates and bursts must be positive (error); a burst without its
    /// rate, or an empty object, is a warning.
    ///
    /// ## Why is this bad?
    /// The bandwidth plugin rejects non-positive values or installs no shaping at all; the
    /// NPWG spec requires non-zero integers and a rate with each burst.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-b", "bandwidth": {"ingressRate": 0, "ingressBurst": 1000}}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-b", "bandwidth": {"ingressRate": 2048, "ingressBurst": 1000}}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended rate cannot be known.
    pub static MUL_J18 = ("MUL-J18", "multus-json-invalid-bandwidth", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Reports `ipam-claim-reference`: a warning together with `ips` (NPWG 1.3 says this is
    /// an error; network-attachment-definition-client v1.7.6 rejected it), else an info that
    /// Multus ignores the key.
    ///
    /// ## Why is this bad?
    /// Consumers disagree: client v1.7.6 fails with `cannot provide a static IP and a
    /// reference of an IPAM claim in the same network selection element`, v1.7.7 accepts it,
    /// and Multus never reads the claim.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-b", "ips": ["10.0.0.5/24"], "ipam-claim-reference": "claim-1"}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-b", "ips": ["10.0.0.5/24"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which address source to keep is a user decision.
    pub static MUL_J20 = ("MUL-J20", "multus-json-ipam-claim-with-ips", Warning, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds `ips` or `mac` in the pod template of a Deployment, ReplicaSet,
    /// ReplicationController, StatefulSet or DaemonSet (or a Job/CronJob with parallelism
    /// above 1).
    ///
    /// ## Why is this bad?
    /// Every replica (and every surge Pod of a rolling update) requests the same address and
    /// MAC: duplicate addresses on the segment (issues #589, #346, #537, #845). Static IPAM
    /// is for one Pod; use a cluster-wide IPAM such as whereabouts.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: StatefulSet
    /// metadata:
    ///   name: my-app
    /// spec:
    ///   replicas: 3
    ///   serviceName: my-app
    ///   selector:
    ///     matchLabels:
    ///       app: my-app
    ///   template:
    ///     metadata:
    ///       labels:
    ///         app: my-app
    ///       annotations:
    ///         k8s.v1.cni.cncf.io/networks: '[{"name": "conf-static", "ips": ["10.1.1.10/24"]}]'
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: StatefulSet
    /// metadata:
    ///   name: my-app
    /// spec:
    ///   replicas: 3
    ///   serviceName: my-app
    ///   selector:
    ///     matchLabels:
    ///       app: my-app
    ///   template:
    ///     metadata:
    ///       labels:
    ///         app: my-app
    ///       annotations:
    ///         k8s.v1.cni.cncf.io/networks: whereabouts-conf
    ///     spec:
    ///       containers:
    ///       - name: app
    ///         image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: per-replica addressing needs another IPAM.
    pub static MUL_J21 = ("MUL-J21", "multus-static-address-in-template", Warning, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Notes a `default-route` request and what it does to the Pod's other routes.
    ///
    /// ## Why is this bad?
    /// Multus deletes the default routes of every other interface, including `eth0`; an
    /// IPv4-only request also removes the IPv6 default routes. Cluster traffic that relies on
    /// `eth0`'s default route may break.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "default-route": ["192.168.2.1"]}]'
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
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: informational.
    pub static MUL_J22 = ("MUL-J22", "multus-default-route-effects", Info, None);
}

/// Key aliases (J07) and the JSON kind the real key expects.
const ALIASES: &[(&str, &str, &str)] = &[
    ("gateway", "default-route", "array"),
    ("defaultRoute", "default-route", "array"),
    ("ip", "ips", "array"),
    ("ipRequest", "ips", "array"),
    ("macRequest", "mac", "string"),
    ("interfaceName", "interface", "string"),
    ("ifname", "interface", "string"),
    ("cniArgs", "cni-args", "object"),
    ("infinibandGUID", "infiniband-guid", "string"),
];

/// (key span, key as written, canonical key) of the known fields of an element.
fn bound_keys(e: &m::Element) -> Vec<(Span, String, &'static str)> {
    fn k<T>(p: &Option<m::Part<T>>, canon: &'static str) -> Option<(Span, String, &'static str)> {
        let p = p.as_ref()?;
        Some((p.key?, p.key_text.clone()?, canon))
    }
    [
        k(&e.name, "name"),
        k(&e.namespace, "namespace"),
        k(&e.interface, "interface"),
        k(&e.interface_request, "interfaceRequest"),
        k(&e.ips, "ips"),
        k(&e.mac, "mac"),
        k(&e.infiniband_guid, "infiniband-guid"),
        k(&e.default_route, "default-route"),
        k(&e.port_mappings, "portMappings"),
        k(&e.bandwidth, "bandwidth"),
        k(&e.cni_args, "cni-args"),
        k(&e.device_id, "deviceID"),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
        serde_json::Value::String(_) => "string",
        _ => "other",
    }
}

/// Whether the pod template of `site` runs as several pods at once (see
/// [`crate::model::workload::pods_at_once`]).
fn replicated(cx: &Checker, site: &Site) -> bool {
    site.holder.place == crate::model::k8s::Place::Template
        && !crate::model::workload::pods_at_once(cx, site.object).is_one()
}

/// The networks value's syntax errors (MUL-J01..J03 and the element errors Multus stops
/// at); `true` when the value is unreadable and the element rules must not run.
fn syntax_error(cx: &Checker, site: &Site, out: &mut Vec<Diagnostic>) -> bool {
    let n = &site.networks;
    let v = &site.value;
    let what = if site.is_default {
        m::DEFAULT_NETWORK_KEY
    } else {
        m::NETWORKS_KEY
    };
    if let Some(err) = &n.error {
        match err.kind {
            ErrorKind::JsonSyntax => {
                let mut d = site_diag(
                    cx,
                    &MUL_J01,
                    site,
                    err.span,
                    format!(
                        "{what} is not valid JSON; Multus fails with: {}",
                        err.message
                    ),
                );
                if let Some(edits) = repair_json(v) {
                    let e = value_edits(cx, site.value_node, v, &edits);
                    if !e.is_empty() {
                        d.fix = Some(cx.fix("Repair the JSON", Applicability::Safe, e));
                    }
                }
                out.push(d);
                return true;
            }
            ErrorKind::JsonNotArray => {
                out.push(not_array(cx, site, what));
                return true;
            }
            ErrorKind::JsonType => {
                let mut d = site_diag(
                    cx,
                    &MUL_J03,
                    site,
                    err.span,
                    format!(
                        "{what}: wrong JSON type; Multus fails with: {}",
                        err.message
                    ),
                );
                let raw = &v[err.span.0..err.span.1];
                if let Ok(gojson::Spanned {
                    value: Value::String(s),
                    ..
                }) = gojson::parse(raw).as_ref()
                {
                    if (err.message.contains(".ips of type")
                        || err.message.contains(".default-route of type"))
                        && err.message.contains("[]")
                    {
                        let e = value_edits(
                            cx,
                            site.value_node,
                            v,
                            &[
                                ((err.span.0, err.span.0), "[".into()),
                                ((err.span.1, err.span.1), "]".into()),
                            ],
                        );
                        d.fix = Some(cx.fix("Wrap in a list", Applicability::Safe, e));
                    } else if let Some(number) = s
                        .parse::<i64>()
                        .ok()
                        .filter(|_| err.message.ends_with("of type int") && !s.starts_with('+'))
                    {
                        let e =
                            value_edits(cx, site.value_node, v, &[(err.span, number.to_string())]);
                        d.fix =
                            Some(cx.fix("Write the number without quotes", Applicability::Safe, e));
                    }
                }
                out.push(d);
            }
            _ => {}
        }
    }
    false
}

/// MUL-J02: the value is JSON but not an array.
fn not_array(cx: &Checker, site: &Site, what: &str) -> Diagnostic {
    let v = &site.value;
    let err = match &site.networks.error {
        Some(err) => err.message.as_str(),
        None => "",
    };
    let mut d = site_diag(
        cx,
        &MUL_J02,
        site,
        (v.len() - v.trim_start().len(), v.trim_end().len()),
        format!(
            "{what} must be a JSON array of objects; Multus fails with: {}",
            err
        ),
    );
    let t = v.trim();
    let start = v.len() - v.trim_start().len();
    if t.starts_with('{') {
        let e = value_edits(
            cx,
            site.value_node,
            v,
            &[
                ((start, start), "[".into()),
                ((start + t.len(), start + t.len()), "]".into()),
            ],
        );
        d.fix = Some(cx.fix("Wrap the object in an array", Applicability::Safe, e));
    } else if let Ok(gojson::Spanned {
        value: Value::String(inner),
        ..
    }) = gojson::parse(v).as_ref()
    {
        let p = m::parse_networks(inner, "default");
        if p.format == Format::Short
            && p.error.is_none()
            && p.elements.iter().all(|e| !e.name_str().is_empty())
        {
            let e = value_edits(cx, site.value_node, v, &[((0, v.len()), inner.clone())]);
            d.fix = Some(cx.fix("Unwrap the short form", Applicability::Safe, e));
        }
    }
    d
}

/// MUL-J04..J06: the element's name and namespace.
fn names(cx: &Checker, site: &Site, e: &m::Element, label: &str, out: &mut Vec<Diagnostic>) {
    let n = &site.networks;
    let v = &site.value;
    // J04.
    match &e.name {
        None => out.push(site_diag(cx, &MUL_J04, site, e.span, format!("{label} has no \"name\"; Multus fails with: getKubernetesDelegate: cannot find a network-attachment-definition () in namespace ({}): resource name may not be empty", e.resolved_namespace(&n.default_namespace)))),
        Some(p) if p.value.is_empty() => out.push(site_diag(cx, &MUL_J04, site, p.span, format!("{label} has an empty \"name\"; Multus fails with: getKubernetesDelegate: cannot find a network-attachment-definition () in namespace ({}): resource name may not be empty", e.resolved_namespace(&n.default_namespace)))),
        Some(p) if p.value.contains(['/', '@']) => {
            let mut d = site_diag(cx, &MUL_J05, site, p.span, format!("{label}: JSON names are used verbatim, so \"{}\" is looked up as a NAD literally named so and fails: cannot find a network-attachment-definition ({}) in namespace ({}); use \"namespace\" and \"interface\"", p.value, p.value, e.resolved_namespace(&n.default_namespace)));
            let mut ne = e.clone();
            let mut rest = p.value.as_str();
            let mut ok = true;
            if let Some((ns, r)) = rest.split_once('/') {
                if e.namespace.as_ref().is_some_and(|x| !x.value.is_empty()) || r.contains('/') {
                    ok = false;
                }
                ne.namespace = Some(m::Part::new(ns.to_string()));
                rest = r;
            }
            if let Some((nm, ifn)) = rest.split_once('@') {
                if e.interface.as_ref().is_some_and(|x| !x.value.is_empty()) || ifn.contains('@') {
                    ok = false;
                }
                ne.interface = Some(m::Part::new(ifn.to_string()));
                rest = nm;
            }
            ne.name = Some(m::Part::new(rest.to_string()));
            if ok && !rest.is_empty() {
                let edits = value_edits(cx, site.value_node, v, &[(e.span, m::element_json_text(&ne))]);
                d.fix = Some(cx.fix("Split into name, namespace and interface", Applicability::Safe, edits));
            }
            out.push(d);
        }
        Some(p) if !m::is_dns_subdomain(&p.value) => out.push(site_diag(cx, &MUL_J06, site, p.span, format!("{label}: name \"{}\" is not a valid NAD name (DNS-1123 subdomain){}; the lookup fails: cannot find a network-attachment-definition ({}) in namespace ({})", p.value, if p.value.trim() != p.value { ", it has surrounding whitespace and JSON values are not trimmed" } else { "" }, p.value, e.resolved_namespace(&n.default_namespace)))),
        _ => {}
    }
    if let Some(ns) = e
        .namespace
        .as_ref()
        .filter(|p| !p.value.is_empty() && !m::is_dns_label(&p.value))
    {
        out.push(site_diag(
            cx,
            &MUL_J06,
            site,
            ns.span,
            format!(
                "{label}: namespace \"{}\" is not a valid namespace name (DNS-1123 label){}",
                ns.value,
                if ns.value.trim() != ns.value {
                    "; JSON values are not trimmed"
                } else {
                    ""
                }
            ),
        ));
    }
}

/// MUL-J07: keys Multus does not know, or binds only case-insensitively.
fn keys(cx: &Checker, site: &Site, e: &m::Element, label: &str, out: &mut Vec<Diagnostic>) {
    let v = &site.value;
    // J07.
    for u in &e.unknown {
        let key = u.key_text.as_deref().unwrap_or("");
        if key.contains('.') || key == "ipam-claim-reference" {
            continue;
        }
        let alias = ALIASES.iter().find(|(a, _, _)| *a == key);
        let kspan = u.key.unwrap_or(u.span);
        let msg = match alias {
            Some((_, real, _)) => format!("{label}: unknown key \"{key}\" (did you mean \"{real}\"?); Multus ignores it silently"),
            None => format!("{label}: unknown key \"{key}\"; Multus ignores it silently (NPWG reserves keys without '.'; use a reverse-DNS name for implementation-specific keys)"),
        };
        let mut d = site_diag(cx, &MUL_J07, site, kspan, msg);
        if let Some((_, real, kind)) = alias {
            let present = match *real {
                "default-route" => e.default_route.is_some(),
                "ips" => e.ips.is_some(),
                "mac" => e.mac.is_some(),
                "interface" => e.interface.is_some(),
                "cni-args" => e.cni_args.is_some(),
                _ => e.infiniband_guid.is_some(),
            };
            if !present {
                let app = if *real == "default-route" || json_kind(&u.value) != *kind {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                };
                let edits = value_edits(cx, site.value_node, v, &[(kspan, format!("\"{real}\""))]);
                d.fix = Some(cx.fix(format!("Rename to \"{real}\""), app, edits));
            }
        }
        out.push(d);
    }
    // J07: known keys bound only through Go's case-insensitive matching.
    for (kspan, written, canon) in bound_keys(e) {
        if written != canon {
            let mut d = site_diag(cx, &MUL_J07, site, kspan, format!("{label}: key \"{written}\" binds to \"{canon}\" only through Go's case-insensitive field matching; write it exactly"));
            let edits = value_edits(cx, site.value_node, v, &[(kspan, format!("\"{canon}\""))]);
            d.fix = Some(cx.fix(format!("Rename to \"{canon}\""), Applicability::Safe, edits));
            out.push(d);
        }
    }
}

/// MUL-J08..J11: IPs, MAC, cni-args and the InfiniBand GUID.
fn values(cx: &Checker, site: &Site, e: &m::Element, label: &str, out: &mut Vec<Diagnostic>) {
    let v = &site.value;
    // J08.
    if let Some(ir) = &e.interface_request {
        let kspan = ir.key.unwrap_or(ir.span);
        let mut d = site_diag(cx, &MUL_J08, site, kspan, format!("{label}: \"interfaceRequest\" is deprecated (\"compatibility pre v3.2, will be removed\") and ignored by network-attachment-definition-client consumers; use \"interface\""));
        if e.interface.is_none() {
            let edits = value_edits(cx, site.value_node, v, &[(kspan, "\"interface\"".into())]);
            d.fix = Some(cx.fix("Rename to \"interface\"", Applicability::Safe, edits));
        }
        out.push(d);
    }
    // J09.
    if let Some(ips) = &e.ips {
        if ips.value.is_empty() {
            out.push(with_severity(site_diag(cx, &MUL_J09, site, ips.span, format!("{label}: \"ips\" is empty (NPWG requires at least one address); remove the key")), Severity::Warning));
        }
        for ip in &ips.value {
            if let Some(err) = m::ip_error(&ip.value) {
                out.push(site_diag(
                    cx,
                    &MUL_J09,
                    site,
                    ip.span,
                    format!(
                        "{label}: `{}` is not an IP address or CIDR; Multus fails with: {err}",
                        ip.value
                    ),
                ));
            }
        }
    }
    // J10.
    if let Some(mac) = e.mac.as_ref().filter(|x| !x.value.is_empty()) {
        let problem = match gonet::parse_mac(&mac.value) {
            Err(err) => Some(format!("Multus fails with: parsePodNetworkAnnotation: failed to mac: {err}")),
            Ok(b) if b.len() != 6 => Some(format!("it is {} bytes, not a 6-byte Ethernet MAC; the plugin cannot set it", b.len())),
            Ok(b) if b.iter().all(|x| *x == 0) || b.iter().all(|x| *x == 0xff) => Some("it is all-zero or broadcast; the plugin fails with: cannot assign requested address".to_string()),
            Ok(b) if b[0] & 1 == 1 => Some(format!("it is a multicast address (the lowest bit of the first octet 0x{:02x} is set); the plugin fails with: failed to create macvlan: cannot assign requested address", b[0])),
            _ => None,
        };
        if let Some(p) = problem {
            out.push(site_diag(
                cx,
                &MUL_J10,
                site,
                mac.span,
                format!("{label}: mac \"{}\": {p}", mac.value),
            ));
        }
    }
    // J11.
    if let Some(g) = e.infiniband_guid.as_ref().filter(|x| !x.value.is_empty()) {
        match gonet::parse_mac(&g.value) {
            Err(err) => out.push(site_diag(cx, &MUL_J11, site, g.span, format!("{label}: infiniband-guid \"{}\" is not a valid address; Multus fails with: parsePodNetworkAnnotation: failed to validate infiniband GUID: {err}", g.value))),
            Ok(b) if b.len() != 8 => out.push(with_severity(site_diag(cx, &MUL_J11, site, g.span, format!("{label}: infiniband-guid \"{}\" is {} bytes; an InfiniBand GUID is 8 bytes", g.value, b.len())), Severity::Warning)),
            _ => {}
        }
    }
}

/// MUL-J12..J14, J22: default-route gateways, counted over the value's elements.
fn routes(
    cx: &Checker,
    site: &Site,
    e: &m::Element,
    label: &str,
    gws: &mut Gateways,
    out: &mut Vec<Diagnostic>,
) {
    let v = &site.value;
    // J12, J13, J14, J22.
    if let Some(dr) = &e.default_route {
        gws.elements += 1;
        if dr.value.is_empty() && !site.is_default {
            out.push(site_diag(cx, &MUL_J14, site, dr.span, format!("{label}: \"default-route\": [] removes the IPv4 and IPv6 default routes of every interface (eth0 included): the Pod has no default route; remove the key or list the gateway")));
        } else if !site.is_default {
            out.push(site_diag(cx, &MUL_J22, site, dr.key.unwrap_or(dr.span), format!("{label}: default-route makes Multus delete the default routes of every other interface, eth0 included (an IPv4-only request also removes the IPv6 default routes)")));
        }
        for gw in &dr.value {
            match gonet::unmarshal_ip_text(&gw.value) {
                Err(err) => {
                    let mut d = site_diag(cx, &MUL_J12, site, gw.span, format!("{label}: default-route entries are gateway addresses, not CIDRs; Multus fails with: {JSON_ERROR_PREFIX}{err}"));
                    if let Some((ip, _)) = gw.value.split_once('/') {
                        if gonet::parse_ip(ip).is_some() {
                            let edits = value_edits(
                                cx,
                                site.value_node,
                                v,
                                &[(gw.span, format!("\"{ip}\""))],
                            );
                            d.fix =
                                Some(cx.fix("Drop the prefix length", Applicability::Safe, edits));
                        }
                    }
                    out.push(d);
                }
                Ok(Some(ip)) if !site.is_default => {
                    let count = if gonet::is_ipv4(&ip) {
                        &mut gws.v4
                    } else {
                        &mut gws.v6
                    };
                    *count += 1;
                    if *count == 2 {
                        out.push(site_diag(cx, &MUL_J13, site, gw.span, format!("{label}: a second {} default-route gateway; Multus fails with: multus does not support ECMP for default-route", if gonet::is_ipv4(&ip) { "IPv4" } else { "IPv6" })));
                    }
                }
                _ => {}
            }
        }
        if gws.elements == 2 && gws.v4 < 2 && gws.v6 < 2 && !site.is_default {
            out.push(with_severity(site_diag(cx, &MUL_J13, site, dr.key.unwrap_or(dr.span), format!("{label}: default-route on more than one element; Multus accepts one IPv4 and one IPv6 gateway, but NPWG allows only one element to carry it")), Severity::Warning));
        }
    }
}

/// MUL-J15, J17, J18: interface names, port mappings and bandwidth.
fn interface_and_bandwidth(
    cx: &Checker,
    site: &Site,
    e: &m::Element,
    label: &str,
    out: &mut Vec<Diagnostic>,
) {
    // J15.
    for p in [e.interface.as_ref(), e.interface_request.as_ref()]
        .into_iter()
        .flatten()
    {
        if !p.value.is_empty() && !m::kernel_ifname_ok(&p.value) {
            out.push(site_diag(cx, &MUL_J15, site, p.span, format!("{label}: interface name \"{}\" is not a valid Linux interface name (at most 15 bytes, no whitespace, '/' or ':', not '.' or '..'); Multus does not check it in the JSON form and the attachment fails when the plugin renames the interface", p.value)));
        }
    }
    // J17.
    if let Some(pm) = &e.port_mappings {
        if pm.value.is_empty() {
            out.push(site_diag(
                cx,
                &MUL_J17,
                site,
                pm.span,
                format!("{label}: \"portMappings\" is empty; remove it or list mappings"),
            ));
        }
        for p in &pm.value {
            for port in [&p.host_port, &p.container_port].into_iter().flatten() {
                if !(1..=65535).contains(&port.value) {
                    out.push(site_diag(
                        cx,
                        &MUL_J17,
                        site,
                        port.span,
                        format!("{label}: port {} is outside 1-65535", port.value),
                    ));
                }
            }
            if let Some(pr) = &p.protocol {
                if !["tcp", "udp", "sctp"].contains(&pr.value.to_ascii_lowercase().as_str()) {
                    out.push(site_diag(
                        cx,
                        &MUL_J17,
                        site,
                        pr.span,
                        format!("{label}: protocol \"{}\" is not tcp, udp or sctp", pr.value),
                    ));
                }
            }
        }
    }
    // J18.
    if let Some(bw) = &e.bandwidth {
        let b = &bw.value;
        let all = [
            &b.ingress_rate,
            &b.ingress_burst,
            &b.egress_rate,
            &b.egress_burst,
        ];
        if all.iter().all(|x| x.is_none()) {
            out.push(with_severity(
                site_diag(
                    cx,
                    &MUL_J18,
                    site,
                    bw.span,
                    format!("{label}: \"bandwidth\" sets no rate; remove it"),
                ),
                Severity::Warning,
            ));
        }
        for x in all.into_iter().flatten() {
            if x.value <= 0 {
                out.push(site_diag(
                    cx,
                    &MUL_J18,
                    site,
                    x.span,
                    format!(
                        "{label}: bandwidth value {} must be a positive integer",
                        x.value
                    ),
                ));
            }
        }
        for (burst, rate, name) in [
            (&b.ingress_burst, &b.ingress_rate, "ingress"),
            (&b.egress_burst, &b.egress_rate, "egress"),
        ] {
            if let (Some(bu), None) = (burst, rate) {
                out.push(with_severity(
                    site_diag(
                        cx,
                        &MUL_J18,
                        site,
                        bu.key.unwrap_or(bu.span),
                        format!("{label}: {name}Burst without {name}Rate has no effect"),
                    ),
                    Severity::Warning,
                ));
            }
        }
    }
}

/// MUL-J20, J21: IPAM claims, and static addresses in a template that runs several pods.
fn claims_and_replicas(
    cx: &Checker,
    site: &Site,
    e: &m::Element,
    label: &str,
    out: &mut Vec<Diagnostic>,
) {
    // J20.
    if let Some(c) = &e.ipam_claim_reference {
        let sp = c.key.unwrap_or(c.span);
        if e.ips.is_some() {
            out.push(site_diag(cx, &MUL_J20, site, sp, format!("{label}: \"ipam-claim-reference\" together with \"ips\": NPWG 1.3 calls this an error and network-attachment-definition-client v1.7.6 rejects it (cannot provide a static IP and a reference of an IPAM claim in the same network selection element); Multus ignores the claim")));
        } else {
            out.push(with_severity(site_diag(cx, &MUL_J20, site, sp, format!("{label}: Multus ignores \"ipam-claim-reference\" (only IPAMClaim-aware controllers such as OVN-Kubernetes read it)")), Severity::Info));
        }
    }
    // J21.
    if !site.is_default && replicated(cx, site) {
        let target = e
            .ips
            .as_ref()
            .map(|p| (p.span, "ips"))
            .or(e.mac.as_ref().map(|p| (p.span, "mac")));
        if let Some((sp, which)) = target {
            let o = cx.object(site.object);
            out.push(site_diag(cx, &MUL_J21, site, sp, format!("{label}: static {which} in the pod template of {} {}: every replica requests the same {}; use a cluster-wide IPAM (e.g. whereabouts) instead", o.kind(), o.name.as_deref().unwrap_or(""), if e.ips.is_some() && e.mac.is_some() { "addresses and MAC" } else if which == "ips" { "addresses" } else { "MAC" })));
        }
    }
}

/// Default-route gateways and the elements carrying them, over one networks value.
#[derive(Default)]
struct Gateways {
    v4: usize,
    v6: usize,
    elements: usize,
}

/// MUL-J16 on both forms: requested interface names that collide.
fn interface_collisions(cx: &Checker, ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for site in &ctx.sites {
        if site.is_default || site.networks.format == Format::Empty {
            continue;
        }
        if site.networks.format == Format::Json
            && site
                .networks
                .error
                .as_ref()
                .is_some_and(|e| matches!(e.kind, ErrorKind::JsonSyntax | ErrorKind::JsonNotArray))
        {
            continue;
        }
        let els = &site.networks.elements;
        let defaults = cx.profile.multus.default_networks_for(&site.pod_namespace);
        let assigned = m::assigned_interfaces(els, defaults);
        let cluster = &cx.profile.multus.cluster_interface;
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, e) in els.iter().enumerate() {
            let Some(req) = e.requested_interface() else {
                continue;
            };
            let label = super::element_label(site, i);
            let name = req.value.as_str();
            let why = if name == cluster {
                Some(format!("it is the cluster network's interface ({cluster})"))
            } else if let Some(j) = seen.get(name) {
                Some(format!("element {} requests it too", j + 1))
            } else {
                els.iter().enumerate().find(|(j, o)| *j != i && o.requested_interface().is_none() && assigned[*j] == name).map(|(j, _)| format!("Multus gives it to element {} by default (net<N> numbering counts the cluster network and {} defaultNetworks)", j + 1, defaults))
            };
            seen.entry(name).or_insert(i);
            if let Some(why) = why {
                out.push(site_diag(cx, &MUL_J16, site, req.span, format!("{label}: interface name `{name}` clashes: {why}; the attachment fails with: DelegateAdd: cannot set \"<type>\" interface name to \"{name}\": validateIfName: interface name {name} already exists")));
            }
        }
    }
}

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    let mut out = Vec::new();
    for site in &ctx.sites {
        if site.networks.format != Format::Json || syntax_error(cx, site, &mut out) {
            continue;
        }
        let mut gws = Gateways::default();
        for (i, e) in site.networks.elements.iter().enumerate() {
            let label = format!(
                "{}[{i}]",
                if site.is_default {
                    "default-network"
                } else {
                    "networks"
                }
            );
            names(cx, site, e, &label, &mut out);
            keys(cx, site, e, &label, &mut out);
            values(cx, site, e, &label, &mut out);
            routes(cx, site, e, &label, &mut gws, &mut out);
            interface_and_bandwidth(cx, site, e, &label, &mut out);
            claims_and_replicas(cx, site, e, &label, &mut out);
        }
    }
    interface_collisions(cx, ctx, &mut out);
    for d in out {
        cx.push(d);
    }
}
