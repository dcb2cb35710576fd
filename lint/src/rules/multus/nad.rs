//! NetworkAttachmentDefinitions (`GetCNIConfig`, `LoadDelegateNetConf`, libcni):
//! MUL-N01..N12.

use crate::fix::diagnostic::{Applicability, Diagnostic, Severity};
use crate::fix::edit;
use crate::model::k8s::Object;
use crate::model::multus::nad::{self as nm, Config, CNI_VERSIONS, NAD_API_VERSION, NAD_KIND};
use crate::model::multus::Span;
use crate::rules::checker::Checker;
use crate::syntax::gojson::{Spanned, Value};
use crate::syntax::yaml::{Kind, NodeId};

use super::json_repair::repair_json;
use super::{edit_distance, value_edits, value_range, with_severity, Ctx};

const CFG_ERR: &str =
    "GetCNIConfig: err in getCNIConfigFromSpec: failed to unmarshal Spec.Config: ";
const LOAD_ERR: &str = "LoadDelegateNetConf: error unmarshalling delegate config: ";

crate::declare_rule! {
    /// ## What it does
    /// Checks the apiVersion and kind of NetworkAttachmentDefinitions: `k8s.cni.cncf.io/v1`
    /// and `NetworkAttachmentDefinition`. Catches typos (`NetworkAttachementDefinition`), the
    /// annotation prefix used as API group (`k8s.v1.cni.cncf.io/v1`) and the legacy
    /// `kubernetes.cni.cncf.io/v1 Network`.
    ///
    /// ## Why is this bad?
    /// `kubectl apply` fails with `no matches for kind "NetworkAttachementDefinition" in
    /// version "k8s.cni.cncf.io/v1"` (issue #278), so Pods referencing it fail the lookup.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachementDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe for typos of the kind and for an apiVersion in the `cni.cncf.io` family; no fix
    /// for the legacy `Network` kind (its spec differs).
    pub static MUL_N01 = ("MUL-N01", "nad-wrong-api-version-or-kind", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks the NAD name: it must be a DNS-1123 subdomain (error); a `.` is a warning.
    ///
    /// ## Why is this bad?
    /// The API server rejects invalid names. Dotted names are legal, but cannot be referenced
    /// in the short form, and the net-attach-def admission webhook rejects them with
    /// `net-attach-def name is invalid` (maistra/istio-operator PR #332).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: v1.1-istio-cni
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: v1-1-istio-cni
    /// ```
    ///
    /// ## Fix safety
    /// No fix: renaming a NAD breaks its references.
    pub static MUL_N02 = ("MUL-N02", "nad-invalid-name", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks that `spec.config` is a string (JSON text), not a YAML mapping or sequence.
    ///
    /// ## Why is this bad?
    /// The CRD schema declares a string: `spec.config: Invalid value: "object": spec.config
    /// in body must be of type string: "object"` (issue #765).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config:
    ///     cniVersion: 0.3.1
    ///     type: macvlan
    ///     master: eth1
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion":"0.3.1","master":"eth1","type":"macvlan"}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe: a mapping or sequence is serialised to JSON (as Kubernetes reads its scalars)
    /// and written as a quoted string.
    pub static MUL_N03 = ("MUL-N03", "nad-config-not-string", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks that `spec.config` is valid JSON, and points at the character where Go's
    /// decoder stops.
    ///
    /// ## Why is this bad?
    /// Every Pod that selects the network fails: `GetCNIConfig: err in getCNIConfigFromSpec:
    /// failed to unmarshal Spec.Config: invalid character '#' looking for beginning of object
    /// key string` (issues #731, #847).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1",}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1"}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe for unambiguous defects (missing or trailing commas, missing closers, `#` and
    /// `//` comments); offered only when the repaired text is valid JSON.
    pub static MUL_N04 = ("MUL-N04", "nad-config-invalid-json", Error, Sometimes, ["CAL-M001"]);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks that `spec.config` is a JSON object.
    ///
    /// ## Why is this bad?
    /// `GetCNIConfigFromSpec` decodes it into a map: `failed to unmarshal Spec.Config: json:
    /// cannot unmarshal array into Go value of type map[string]interface {}`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-tuning
    /// spec:
    ///   config: '[{"type": "macvlan", "master": "eth1"}, {"type": "tuning"}]'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-tuning
    /// spec:
    ///   config: '{ "cniVersion": "0.4.0", "plugins": [{"type": "macvlan", "master": "eth1"}, {"type": "tuning"}] }'
    /// ```
    ///
    /// ## Fix safety
    /// Safe for an array of plugin objects that all have a `type`: it is wrapped as a
    /// conflist `{ "cniVersion": "0.4.0", "plugins": [...] }` (0.4.0 is supported by the
    /// reference plugins, Calico and current SR-IOV; change it if your plugins need another).
    pub static MUL_N05 = ("MUL-N05", "nad-config-not-object", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks the config shape Multus and libcni require: a `type` (single plugin) or a
    /// non-empty `plugins` array whose every plugin has a `type`.
    ///
    /// ## Why is this bad?
    /// `LoadDelegateNetConfList: delegate must have the 'type' or 'plugin' field`, `a plugin
    /// delegate must have the 'type' field`, `failed to parse plugin config 1: error parsing
    /// configuration: missing 'type'` (issue #1351); `"plugins": []` panics Multus (`index
    /// out of range [0] with length 0`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: placeholder-net
    /// spec:
    ///   config: '{"cniVersion": "1.0.0", "name": "placeholder-net", "plugins": []}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: placeholder-net
    /// spec:
    ///   config: '{"cniVersion": "1.0.0", "name": "placeholder-net", "plugins": [{"type": "loopback"}]}'
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the plugin type cannot be guessed.
    pub static MUL_N06 = ("MUL-N06", "nad-config-missing-type", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds a config with both a top-level `type` and `plugins`.
    ///
    /// ## Why is this bad?
    /// Multus treats it as a single plugin and ignores `plugins` entirely.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "plugins": [{"type": "tuning"}]}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1"}'
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: removes `plugins` (what Multus does today); the author may have meant a
    /// conflist instead.
    pub static MUL_N07 = ("MUL-N07", "nad-config-type-and-plugins", Warning, Always);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks `cniVersion`: present (warning; error for conflists with more than one
    /// plugin), a string, one of `0.1.0 0.2.0 0.3.0 0.3.1 0.4.0 1.0.0 1.1.0`, and at the
    /// top level of a conflist (not only inside plugins).
    ///
    /// ## Why is this bad?
    /// Plugins compare the string exactly: `incompatible CNI versions; config is "0.3",
    /// plugin supports ["0.1.0" "0.2.0" ...]`. A number fails with `json: cannot unmarshal
    /// number into Go struct field PluginConf.cniVersion of type string`. A missing version
    /// is read as 0.1.0 (legacy results; DEL may fail, issue #377); libcni overwrites the
    /// per-plugin versions with the list's (issue #1309).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3", "type": "macvlan", "master": "eth1"}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1"}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe: a numeric version is quoted when that gives a spec version; a version given
    /// only inside the plugins is hoisted to the top level. No fix otherwise.
    pub static MUL_N08 = ("MUL-N08", "nad-config-cni-version", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Notes a CNI config `name` that differs from the NAD's `metadata.name`.
    ///
    /// ## Why is this bad?
    /// Allowed, but NPWG 3.4.3 recommends they match: error messages, the libcni result cache
    /// and host-local leases use the CNI name, which makes the NAD harder to find.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: sriov-net1
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "name": "sriov-network", "type": "sriov"}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: sriov-net1
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "name": "sriov-net1", "type": "sriov"}'
    /// ```
    ///
    /// ## Fix safety
    /// No fix: renaming the CNI network changes cache and lease keys.
    pub static MUL_N09 = ("MUL-N09", "nad-config-name-differs", Info, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Notes a NAD without `spec.config`.
    ///
    /// ## Why is this bad?
    /// Multus then looks on each node in confDir (default `/etc/cni/multus/net.d`) for a
    /// file whose CNI `name` equals the NAD name; without one the Pod fails with
    /// `GetCNIConfig: err in GetCNIConfigFromFile: no network available in the name <nad> in
    /// cni dir /etc/cni/multus/net.d`. The file cannot be checked here.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf-2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf-2
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "name": "macvlan-conf-2", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}'
    /// ```
    ///
    /// ## Fix safety
    /// No fix: informational.
    pub static MUL_N10 = ("MUL-N10", "nad-config-from-node-file", Info, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks the JSON types of the fields Multus and libcni decode: `name` and `type`
    /// strings, `capabilities` an object of booleans, `ipam` an object; `args` and
    /// `args.cni` objects when Pods pass `cni-args`.
    ///
    /// ## Why is this bad?
    /// `LoadDelegateNetConf: error unmarshalling delegate config: json: cannot unmarshal
    /// string into Go struct field PluginConf.capabilities of type bool`; a non-object `args`
    /// makes Multus panic in `injectCNIArgs` when a Pod uses `cni-args`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "capabilities": {"ips": "true"}, "master": "eth1"}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "capabilities": {"ips": true}, "master": "eth1"}'
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static MUL_N11 = ("MUL-N11", "nad-config-field-type", Error, None);
}

crate::declare_rule! {
    /// ## What it does
    /// Finds `config` at the top level of a NAD instead of under `spec` (mis-indentation).
    ///
    /// ## Why is this bad?
    /// The field is pruned or rejected as unknown; the NAD has no config and Multus looks for
    /// a node file instead (issue #278).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "dhcp"}}'
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the entry is indented under a new `spec:` (or moved into the existing `spec`).
    pub static MUL_N12 = ("MUL-N12", "nad-config-outside-spec", Error, Sometimes);
}

/// The config value node and text of a NAD object of the checked text.
struct Cfg<'a> {
    node: NodeId,
    text: &'a str,
}

fn member<'v>(v: &'v Spanned<Value>, k: &str) -> Option<(&'v Spanned<String>, &'v Spanned<Value>)> {
    match &v.value {
        Value::Object(m) => m
            .iter()
            .find(|(key, _)| key.value == k)
            .map(|(k, v)| (k, v)),
        _ => None,
    }
}

/// Span to delete a member `k` of object `v` with one adjacent comma.
fn member_delete_span(v: &Spanned<Value>, k: &str) -> Option<Span> {
    let Value::Object(m) = &v.value else {
        return None;
    };
    let i = m.iter().position(|(key, _)| key.value == k)?;
    if i + 1 < m.len() {
        Some((m[i].0.start, m[i + 1].0.start))
    } else if i > 0 {
        Some((m[i - 1].1.end, m[i].1.end))
    } else {
        Some((m[i].0.start, m[i].1.end))
    }
}

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    let y = cx.yaml;
    let mut out = Vec::new();
    // NADs that Pods pass cni-args to.
    let with_cni_args: Vec<(String, String)> = ctx
        .sites
        .iter()
        .flat_map(|s| {
            s.networks
                .elements
                .iter()
                .filter(|e| e.cni_args.is_some())
                .map(|e| {
                    (
                        e.resolved_namespace(&s.networks.default_namespace)
                            .to_string(),
                        e.name_str().to_string(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    for (oi, o) in cx.model.objects.iter().enumerate() {
        kind_and_api(cx, o, &mut out);
        if o.kind() != NAD_KIND {
            continue;
        }
        let md = y.get(o.node, "metadata").filter(|&m| y.is_map(m));
        name(cx, o, md, &mut out);
        if config_at_top_level(cx, o, &mut out) {
            continue;
        }
        // The NAD as the index decoded it (once per check).
        let owned;
        let nad = match ctx
            .nads
            .nads
            .iter()
            .find(|n| !n.from_inventory && n.object_index == oi)
        {
            Some(n) => n,
            None => {
                owned = nm::from_object(y, o, oi, false);
                &owned
            }
        };
        config(cx, o, nad, &with_cni_args, &mut out);
    }
    for d in out {
        cx.push(d);
    }
}

/// MUL-N01: a kind or apiVersion that is not a NetworkAttachmentDefinition's.
fn kind_and_api(cx: &Checker, o: &Object, out: &mut Vec<Diagnostic>) {
    let y = cx.yaml;
    let kind = o.kind();
    let api = o.api_version.as_deref().unwrap_or("");
    let kind_typo = kind != NAD_KIND
        && (kind.eq_ignore_ascii_case(NAD_KIND)
            || (kind.len() > 12
                && edit_distance(&kind.to_ascii_lowercase(), &NAD_KIND.to_ascii_lowercase()) <= 3)
            || kind.eq_ignore_ascii_case("NetworkAttachmentDefinitions"));
    let legacy =
        kind == "Network" && (api == "kubernetes.cni.cncf.io/v1" || api == "kubernetes.com/v1");
    let api_wrong = (kind == NAD_KIND || kind_typo) && api != NAD_API_VERSION;
    if kind_typo || legacy || api_wrong {
        let (k, v) = if kind_typo || legacy {
            y.get_entry(o.node, "kind")
        } else {
            y.get_entry(o.node, "apiVersion")
                .or_else(|| y.get_entry(o.node, "kind"))
        }
        .unzip();
        let (Some(k), Some(v)) = (k, v) else {
            return;
        };
        let mut d = cx.object_diagnostic(&MUL_N01, o, if kind_typo || legacy { "kind".into() } else { "apiVersion".into() }, (y.node(k).start, edit::node_text_range(y, v).1), format!("{api} {kind} is not a NetworkAttachmentDefinition (apiVersion {NAD_API_VERSION}, kind {NAD_KIND}); the API server rejects it (no matches for kind \"{kind}\" in version \"{api}\") and Pods referencing it fail the lookup"));
        if !legacy {
            let mut edits = Vec::new();
            if kind_typo {
                if let Some(kv) = y.get(o.node, "kind") {
                    let (s, e) = edit::node_text_range(y, kv);
                    edits.push((s, e, NAD_KIND.to_string()));
                }
            }
            if api != NAD_API_VERSION && api.contains("cni.cncf.io") {
                if let Some(av) = y.get(o.node, "apiVersion") {
                    let (s, e) = edit::node_text_range(y, av);
                    edits.push((s, e, NAD_API_VERSION.to_string()));
                }
            } else if api != NAD_API_VERSION {
                edits.clear();
            }
            if !edits.is_empty() {
                d.fix = Some(cx.fix(
                    "Use k8s.cni.cncf.io/v1 NetworkAttachmentDefinition",
                    Applicability::Safe,
                    edits,
                ));
            }
        }
        out.push(d);
    }
}

/// MUL-N02: the NAD's name.
fn name(cx: &Checker, o: &Object, md: Option<NodeId>, out: &mut Vec<Diagnostic>) {
    let y = cx.yaml;
    // N02.
    if let Some(nv) = md.and_then(|m| y.get(m, "name")) {
        let name = y.str_value(nv).unwrap_or("");
        if !crate::model::multus::is_dns_subdomain(name) {
            out.push(cx.object_diagnostic(
                &MUL_N02,
                o,
                "metadata.name".into(),
                edit::node_text_range(y, nv),
                format!("NAD name `{name}` is not a DNS-1123 subdomain; the API server rejects it"),
            ));
        } else if name.contains('.') {
            out.push(with_severity(cx.object_diagnostic(&MUL_N02, o, "metadata.name".into(), edit::node_text_range(y, nv), format!("NAD name `{name}` contains '.': it cannot be referenced in the comma-delimited form, and the net-attach-def admission webhook (if installed) rejects it with: net-attach-def name is invalid")), Severity::Warning));
        }
    }
}

/// MUL-N12: `config` at the top level instead of under `spec` (`true`: nothing more to check).
fn config_at_top_level(cx: &Checker, o: &Object, out: &mut Vec<Diagnostic>) -> bool {
    let y = cx.yaml;
    // N12.
    if let Some((ck, cv)) = y.get_entry(o.node, "config") {
        let mut d = cx.object_diagnostic(&MUL_N12, o, "config (top level)".into(), (y.node(ck).start, y.node(ck).end), "`config` is at the top level of the NAD, not under spec: it is dropped as an unknown field and the NAD has no config (Multus then looks for a node file)");
        match y.get_entry(o.node, "spec") {
            None => {
                let col = edit::column_at(y, y.node(ck).start);
                let (_, end) = edit::node_text_range(y, cv);
                let mut edits = vec![edit::insert_line_before(y, y.node(ck).start, col, "spec:")];
                edits.extend(edit::indent_lines(
                    y,
                    y.node(ck).start,
                    end.max(y.node(ck).end),
                    2,
                ));
                // The inserted line and the first indentation share a position: merge.
                let first = edits.remove(1);
                edits[0].2.push_str(&first.2);
                d.fix = Some(cx.fix("Move config under spec", Applicability::Safe, edits));
            }
            Some((_, sv))
                if y.is_map(sv) && !y.entries(sv).is_empty() && y.get(sv, "config").is_none() =>
            {
                let vt = edit::value_text_for_move(y, cv);
                if let (Some(a), Some(b)) = (
                    edit::delete_entry(y, o.node, ck),
                    edit::insert_entry(y, sv, "config", &vt),
                ) {
                    if a.1 <= b.0 || b.1 <= a.0 {
                        d.fix =
                            Some(cx.fix("Move config under spec", Applicability::Safe, vec![a, b]));
                    }
                }
            }
            _ => {}
        }
        out.push(d);
        return true;
    }
    false
}

/// MUL-N03..N05, N10 and, through [`check_parsed`], the parsed config's rules.
fn config(
    cx: &Checker,
    o: &Object,
    nad: &nm::Nad,
    with_cni_args: &[(String, String)],
    out: &mut Vec<Diagnostic>,
) {
    let y = cx.yaml;
    let md = y.get(o.node, "metadata").filter(|&m| y.is_map(m));
    let config_node = nad.config_node.and_then(|c| y.resolve(c));
    match &nad.config {
        Config::Missing => {
            let at = y
                .get_entry(o.node, "spec")
                .map(|(k, _)| (y.node(k).start, y.node(k).end))
                .or_else(|| {
                    md.and_then(|m| y.get(m, "name"))
                        .map(|n| edit::node_text_range(y, n))
                })
                .unwrap_or((y.node(o.node).start, y.node(o.node).start));
            out.push(cx.object_diagnostic(&MUL_N10, o, "spec".into(), at, format!("no spec.config: Multus will look on each node in confDir (default /etc/cni/multus/net.d) for a .conf/.json/.conflist file whose CNI \"name\" is `{}`; podnet cannot check node files", nad.name)));
        }
        Config::NotString(tw) => {
            let Some(cn) = config_node else {
                return;
            };
            let range = edit::node_text_range(y, cn);
            let mut d = cx.object_diagnostic(&MUL_N03, o, "spec.config".into(), range, format!("spec.config is a YAML {tw}; the CRD requires a JSON string: spec.config: Invalid value: \"object\": spec.config in body must be of type string: \"object\""));
            if matches!(y.node(cn).kind, Kind::Map { .. } | Kind::Seq { .. }) {
                let json = serde_json::to_string(&y.to_json(cn)).unwrap_or_default();
                d.fix = Some(cx.fix(
                    "Serialise the config as a JSON string",
                    Applicability::Safe,
                    vec![(range.0, range.1, edit::quoted(&json))],
                ));
            }
            out.push(d);
        }
        Config::Invalid(err) => {
            let Some(cn) = config_node else {
                return;
            };
            let text = nad.config_text.as_deref().unwrap_or("");
            let range = value_range(cx, cn, text, (err.offset, err.offset + err.len));
            let mut d = cx.object_diagnostic(
                &MUL_N04,
                o,
                "spec.config".into(),
                range,
                format!(
                    "spec.config is not valid JSON; Pods using it fail with: {CFG_ERR}{}",
                    err.msg
                ),
            );
            if let Some(edits) = repair_json(text) {
                let e = value_edits(cx, cn, text, &edits);
                if !e.is_empty() {
                    d.fix = Some(cx.fix("Repair the JSON", Applicability::Safe, e));
                }
            }
            out.push(d);
        }
        Config::NotObject(k) => {
            let Some(cn) = config_node else {
                return;
            };
            let text = nad.config_text.as_deref().unwrap_or("");
            let mut d = cx.object_diagnostic(&MUL_N05, o, "spec.config".into(), edit::node_text_range(y, cn), format!("spec.config must be a JSON object (a plugin with \"type\", or a conflist with \"plugins\"); Pods using it fail with: {CFG_ERR}json: cannot unmarshal {k} into Go value of type map[string]interface {{}}"));
            if let Ok(Spanned {
                value: Value::Array(items),
                ..
            }) = crate::syntax::gojson::parse(text).as_ref()
            {
                let all_plugins = !items.is_empty() && items.iter().all(|i| matches!(member(i, "type"), Some((_, Spanned { value: Value::String(t), .. })) if !t.is_empty()));
                if all_plugins {
                    let s = text.len() - text.trim_start().len();
                    let e = text.trim_end().len();
                    let edits = value_edits(
                        cx,
                        cn,
                        text,
                        &[
                            ((s, s), "{ \"cniVersion\": \"0.4.0\", \"plugins\": ".into()),
                            ((e, e), " }".into()),
                        ],
                    );
                    d.fix = Some(cx.fix(
                        "Wrap the plugins in a conflist (cniVersion 0.4.0)",
                        Applicability::Safe,
                        edits,
                    ));
                }
            }
            out.push(d);
        }
        Config::Parsed(cfg) => {
            let Some(cn) = config_node else {
                return;
            };
            let text = nad.config_text.as_deref().unwrap_or("");
            let c = Cfg { node: cn, text };
            check_parsed(cx, o, nad, cfg, &c, with_cni_args, out);
        }
    }
}

fn check_parsed(
    cx: &Checker,
    o: &Object,
    nad: &nm::Nad,
    cfg: &nm::CniConfig,
    c: &Cfg,
    with_cni_args: &[(String, String)],
    out: &mut Vec<crate::Diagnostic>,
) {
    let diag = |rule, path: &str, span: Span, msg: String| {
        cx.object_diagnostic(
            rule,
            o,
            format!("spec.config{path}"),
            value_range(cx, c.node, c.text, span),
            msg,
        )
    };
    let top = (cfg.tree.start, cfg.tree.start + 1);
    let type_str = match &cfg.type_ {
        Some(Spanned {
            value: Value::String(s),
            ..
        }) => Some(s.as_str()),
        _ => None,
    };
    // N06.
    if cfg.is_list {
        match &cfg.plugins_value {
            None => out.push(diag(&MUL_N06, "", top, "spec.config has neither \"type\" nor \"plugins\"; Multus fails with: LoadDelegateNetConf: failed with: LoadDelegateNetConfList: delegate must have the 'type' or 'plugin' field".into())),
            Some(p) => match &p.value {
                Value::Array(items) if items.is_empty() => out.push(diag(&MUL_N06, ".plugins", (p.start, p.end), "`plugins` is empty: libcni rejects it (error parsing configuration list: no plugins in list) and Multus panics reading Plugins[0] (index out of range [0] with length 0)".into())),
                Value::Array(_) => {
                    for (i, pl) in cfg.plugins.iter().enumerate() {
                        if pl.type_.as_ref().is_none_or(|t| t.value.is_empty()) {
                            let msg = if i == 0 {
                                "plugins[0] has no \"type\"; Multus fails with: LoadDelegateNetConfList: a plugin delegate must have the 'type' field".to_string()
                            } else {
                                format!("plugins[{i}] has no \"type\"; the attachment fails with: conflistAdd: error converting the raw bytes into a conflist: failed to parse plugin config {i}: error parsing configuration: missing 'type'")
                            };
                            out.push(diag(&MUL_N06, &format!(".plugins[{i}]"), (pl.span.0, pl.span.0 + 1), msg));
                        }
                    }
                }
                _ => out.push(diag(&MUL_N06, ".plugins", (p.start, p.end), format!("`plugins` must be an array; Multus fails with: {LOAD_ERR}json: cannot unmarshal {} into Go struct field NetConfList.plugins of type []*types.NetConf", p.value.kind_name()))),
            },
        }
    }
    // N07.
    if let (Some(t), Some(p)) = (type_str.filter(|t| !t.is_empty()), &cfg.plugins_value) {
        let (ks, _) = cfg.keys.get("plugins").copied().unwrap_or((p.start, p.end));
        let mut d = diag(&MUL_N07, ".plugins", (ks, p.end), format!("spec.config has both \"type\" ({t}) and \"plugins\": Multus runs it as a single {t} plugin and ignores plugins"));
        if let Some(span) = member_delete_span(&cfg.tree, "plugins") {
            let edits = value_edits(cx, c.node, c.text, &[(span, String::new())]);
            if !edits.is_empty() {
                d.fix = Some(cx.fix("Remove plugins", Applicability::Unsafe, edits));
            }
        }
        out.push(d);
    }
    // N08.
    match &cfg.cni_version {
        None => {
            let inner: Vec<&str> = cfg.plugins.iter().filter_map(|p| p.cni_version.as_ref().map(|v| v.value.as_str())).collect();
            if cfg.is_list && !inner.is_empty() {
                let v = inner[0];
                let mut d = diag(&MUL_N08, ".cniVersion", top, "cniVersion is given only inside plugins: libcni overwrites each plugin's version with the list's (none, read as 0.1.0), so the plugins run with the legacy version (issue #1309)".to_string());
                if inner.iter().all(|x| *x == v) && CNI_VERSIONS.contains(&v) {
                    let edits = value_edits(cx, c.node, c.text, &[((cfg.tree.start + 1, cfg.tree.start + 1), format!(" \"cniVersion\": \"{v}\","))]);
                    d.fix = Some(cx.fix(format!("Set cniVersion {v} at the top level"), Applicability::Safe, edits));
                }
                out.push(d);
            } else {
                let multi = cfg.is_list && cfg.plugins.len() > 1;
                let d = diag(&MUL_N08, ".cniVersion", top, "spec.config has no cniVersion: plugins decode it as 0.1.0 (legacy results without interfaces; chained plugins get no prevResult; DEL may fail with: failed to convert major version part \"\")".into());
                out.push(if multi { d } else { with_severity(d, Severity::Warning) });
            }
        }
        Some(v) => match &v.value {
            Value::String(s) if !CNI_VERSIONS.contains(&s.as_str()) => out.push(diag(&MUL_N08, ".cniVersion", (v.start, v.end), format!("cniVersion \"{s}\" is not a CNI spec version ({}); plugins compare it exactly and fail with: incompatible CNI versions; config is \"{s}\", plugin supports [...]", CNI_VERSIONS.join(", ")))),
            Value::String(_) => {}
            other => {
                let mut d = diag(&MUL_N08, ".cniVersion", (v.start, v.end), format!("cniVersion must be a string; Multus fails with: {LOAD_ERR}json: cannot unmarshal {} into Go struct field PluginConf.cniVersion of type string", other.kind_name()));
                if let Value::Number(n) = other {
                    if CNI_VERSIONS.contains(&n.as_str()) {
                        let edits = value_edits(cx, c.node, c.text, &[((v.start, v.end), format!("\"{n}\""))]);
                        d.fix = Some(cx.fix("Quote the version", Applicability::Safe, edits));
                    }
                }
                out.push(d);
            }
        },
    }
    // N09.
    if let Some(n) = &cfg.name {
        if let Value::String(s) = &n.value {
            if !s.is_empty() && *s != nad.name {
                out.push(diag(&MUL_N09, ".name", (n.start, n.end), format!("CNI config name `{s}` differs from the NAD name `{}` (allowed; NPWG 3.4.3 recommends they match; errors, the result cache and host-local leases use the CNI name)", nad.name)));
            }
        }
    }
    // N11.
    let mut objects: Vec<(String, &Spanned<Value>)> = vec![(String::new(), &cfg.tree)];
    if let Some(Spanned {
        value: Value::Array(items),
        ..
    }) = &cfg.plugins_value
    {
        if cfg.is_list {
            objects.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (format!(".plugins[{i}]"), p)),
            );
        }
    }
    for (path, obj) in objects {
        if !matches!(obj.value, Value::Object(_)) {
            out.push(diag(
                &MUL_N11,
                &path,
                (obj.start, obj.end),
                format!("plugin{path} must be a JSON object"),
            ));
            continue;
        }
        for (field, want) in [
            ("name", "string"),
            ("type", "string"),
            ("ipam", "object"),
            ("capabilities", "object"),
        ] {
            let Some((_, v)) = member(obj, field) else {
                continue;
            };
            let ok = match want {
                "string" => matches!(v.value, Value::String(_) | Value::Null),
                _ => matches!(v.value, Value::Object(_) | Value::Null),
            };
            if !ok {
                let go = match (field, want) {
                    ("ipam", _) => "types.IPAM".to_string(),
                    ("capabilities", _) => "map[string]bool".to_string(),
                    _ => "string".to_string(),
                };
                out.push(diag(&MUL_N11, &format!("{path}.{field}"), (v.start, v.end), format!("\"{field}\" must be a JSON {want}; Multus fails with: {LOAD_ERR}json: cannot unmarshal {} into Go struct field PluginConf.{field} of type {go}", v.value.kind_name())));
            } else if field == "capabilities" {
                if let Value::Object(caps) = &v.value {
                    for (ck, cv) in caps {
                        if !matches!(cv.value, Value::Bool(_) | Value::Null) {
                            out.push(diag(&MUL_N11, &format!("{path}.capabilities.{}", ck.value), (cv.start, cv.end), format!("capability \"{}\" must be true or false; Multus fails with: {LOAD_ERR}json: cannot unmarshal {} into Go struct field PluginConf.capabilities of type bool", ck.value, cv.value.kind_name())));
                        }
                    }
                }
            }
        }
        if with_cni_args
            .iter()
            .any(|(ns, n)| *ns == nad.namespace && *n == nad.name)
        {
            if let Some((_, args)) = member(obj, "args") {
                let bad = match &args.value {
                    Value::Object(_) => member(args, "cni")
                        .filter(|(_, v)| !matches!(v.value, Value::Object(_)))
                        .map(|(_, v)| (v.start, v.end, ".args.cni")),
                    _ => Some((args.start, args.end, ".args")),
                };
                if let Some((s, e, which)) = bad {
                    out.push(diag(&MUL_N11, &format!("{path}{which}"), (s, e), format!("`{}` must be a JSON object: Pods pass cni-args to this NAD and Multus' injectCNIArgs type-asserts it (the Multus process panics)", which.trim_start_matches('.'))));
                }
            }
        }
    }
}
