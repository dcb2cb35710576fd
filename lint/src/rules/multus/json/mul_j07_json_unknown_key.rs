//! MUL-J07: keys Multus does not know, or binds only case-insensitively.

use crate::fix::diagnostic::Applicability;
use crate::model::multus::{self as m, Element, Span};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, value_edits, Site};
use crate::Diagnostic;

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

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
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
