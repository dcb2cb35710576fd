//! MUL-J07: keys Multus does not know, or binds only case-insensitively.

use crate::fix::diagnostic::Applicability;
use crate::model::multus::{Element, Field, Span, FIELDS};
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
    for u in &e.unknown {
        let key = u.key_text.as_deref().unwrap_or("");
        if key.contains('.') || key == Field::IpamClaimReference.key() {
            continue;
        }
        let alias = ALIASES.iter().find(|(a, _, _)| *a == key);
        let kspan = u.key.unwrap_or(u.span);
        let msg = match alias {
            Some((_, real, _)) => format!("{label}: unknown key \"{key}\" (did you mean \"{}\"?); Multus ignores it silently", real.key()),
            None => format!("{label}: unknown key \"{key}\"; Multus ignores it silently (NPWG reserves keys without '.'; use a reverse-DNS name for implementation-specific keys)"),
        };
        let mut d = site_diag(cx, &MUL_J07, site, kspan, msg);
        if let Some((_, real, kind)) = alias {
            if e.field(*real).is_none() {
                let real = real.key();
                let app = if real == Field::DefaultRoute.key() || json_kind(&u.value) != *kind {
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

/// Key aliases (J07), the field they were meant for and the JSON kind it expects.
const ALIASES: &[(&str, Field, &str)] = &[
    ("gateway", Field::DefaultRoute, "array"),
    ("defaultRoute", Field::DefaultRoute, "array"),
    ("ip", Field::Ips, "array"),
    ("ipRequest", Field::Ips, "array"),
    ("macRequest", Field::Mac, "string"),
    ("interfaceName", Field::Interface, "string"),
    ("ifname", Field::Interface, "string"),
    ("cniArgs", Field::CniArgs, "object"),
    ("infinibandGUID", Field::InfinibandGuid, "string"),
];

/// (key span, key as written, canonical key) of the fields Multus decodes.
fn bound_keys(e: &Element) -> Vec<(Span, String, &'static str)> {
    FIELDS
        .iter()
        .filter(|f| f.multus_decodes())
        .filter_map(|&f| {
            let at = e.field(f)?;
            Some((at.key?, at.key_text?.to_string(), f.key()))
        })
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
