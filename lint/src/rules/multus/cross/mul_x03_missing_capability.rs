//! MUL-X03: a runtime request (ips, mac, ...) that no plugin of the NAD declares as a
//! capability.

use crate::fix::diagnostic::Applicability;
use crate::fix::edit;
use crate::model::multus::nad::Nad;
use crate::model::multus::{Field, FIELDS};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, value_edits};
use crate::Diagnostic;

use super::Target;

crate::declare_rule! {
    /// ## What it does
    /// Checks that a request (`ips`, `mac`, `portMappings`, `bandwidth`, `infiniband-guid`)
    /// is matched by a plugin of the NAD declaring the capability (`ips`, `mac`,
    /// `portMappings`, `bandwidth`, `infinibandGUID`).
    ///
    /// ## Why is this bad?
    /// libcni passes a runtimeConfig key only to plugins with `"capabilities": {"<key>":
    /// true}`; Multus drops the request silently. `ips`/`mac` still reach static/host-local
    /// IPAM and macvlan through the deprecated CNI_ARGS, capability-only plugins ignore them.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "static"}}'
    /// ---
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
    /// ## Use instead
    /// ```yaml
    /// apiVersion: k8s.cni.cncf.io/v1
    /// kind: NetworkAttachmentDefinition
    /// metadata:
    ///   name: macvlan-conf
    /// spec:
    ///   config: '{"cniVersion": "0.3.1", "type": "macvlan", "capabilities": {"ips": true}, "master": "eth1", "ipam": {"type": "static"}}'
    /// ---
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
    /// Unsafe: adds the capability to the NAD (the plugin owning the IPAM for `ips`, a
    /// `tuning` plugin or the main plugin for `mac`), which changes it for every Pod using it.
    pub static MUL_X03 = ("MUL-X03", "multus-missing-capability", Warning, Sometimes);
}

pub fn check(cx: &Checker, t: &Target, out: &mut Vec<Diagnostic>) {
    let (site, e, label, ns, name) = (t.site, t.e, &t.label, &t.ns, t.name);
    let Some(nad) = t.nad else { return };
    let Some(cfg) = nad.parsed() else { return };
    if site.is_default {
        return;
    }
    // The fields that reach the plugin as a capability (`ips` only when it lists any).
    let reqs = FIELDS.iter().filter_map(|&f| {
        let cap = f.capability()?;
        if f == Field::Ips && e.ips.as_ref().is_some_and(|p| p.value.is_empty()) {
            return None;
        }
        Some((f, cap, e.field(f).map(|p| p.key.unwrap_or(p.span))))
    });
    for (f, cap, sp) in reqs {
        let Some(sp) = sp else { continue };
        if cfg.has_capability(cap) {
            continue;
        }
        let fallback = if matches!(f, Field::Ips | Field::Mac) {
            " (only the deprecated CNI_ARGS path still carries it, which static/host-local IPAM and macvlan read)"
        } else {
            ""
        };
        let mut d = site_diag(cx, &MUL_X03, site, sp, format!("{label}: requests {cap} but no plugin of {ns}/{name} declares \"capabilities\": {{\"{cap}\": true}}; libcni does not pass it and Multus drops the request silently{fallback}"));
        if let Some(edits) = capability_fix(cx, nad, f, cap) {
            d.fix = Some(cx.fix(
                format!("Add the {cap} capability to the NAD"),
                Applicability::Unsafe,
                edits,
            ));
        }
        out.push(d);
    }
}

/// The capability fix: insert `"cap": true` into the right plugin of the NAD's config.
fn capability_fix(cx: &Checker, nad: &Nad, f: Field, cap: &str) -> Option<Vec<edit::TextEdit>> {
    if nad.from_inventory {
        return None;
    }
    let cfg = nad.parsed()?;
    let node = cx.yaml.resolve(nad.config_node?)?;
    let text = nad.config_text.as_ref()?;
    let plugin = match f {
        Field::Ips => cfg.plugins.iter().find(|p| p.ipam.is_some()),
        Field::Mac => cfg.plugins.iter().find(|p| p.type_str() == "tuning"),
        Field::PortMappings => cfg.plugins.iter().find(|p| p.type_str() == "portmap"),
        Field::Bandwidth => cfg.plugins.iter().find(|p| p.type_str() == "bandwidth"),
        _ => None,
    }
    .or(cfg.plugins.first())?;
    let edit = match plugin.capabilities_span {
        Some((s, e)) if text[s..e].starts_with('{') => {
            let empty = text[s + 1..e - 1].trim().is_empty();
            (
                (s + 1, s + 1),
                format!("\"{cap}\": true{}", if empty { "" } else { ", " }),
            )
        }
        Some(_) => return None,
        None => (
            (plugin.span.0 + 1, plugin.span.0 + 1),
            format!(" \"capabilities\": {{\"{cap}\": true}},"),
        ),
    };
    let edits = value_edits(cx, node, text, &[edit]);
    (!edits.is_empty()).then_some(edits)
}
