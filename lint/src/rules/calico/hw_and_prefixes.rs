//! CAL-H001 (`hwAddr`) and CAL-X001 (`allowedSourcePrefixes`).

use crate::fix::diagnostic::{Applicability, Severity};
use crate::fix::edit;
use crate::rules::checker::Checker;
use crate::syntax::gojson::{self, Value};
use crate::syntax::gonet;

use super::common::{ann_diag, item_range, replace_list, value_range, Calico};

crate::declare_rule! {
    /// ## What it does
    /// Checks `cni.projectcalico.org/hwAddr`: a plain MAC address string (not JSON) that
    /// Go's `net.ParseMAC` accepts. Warns when the multicast bit is set.
    ///
    /// ## Why is this bad?
    /// The pod fails with `failed to parse MAC address ["1c:0c:0a:c0:ff:ee"] provided via
    /// cni.projectcalico.org/hwAddr: address ["1c:0c:0a:c0:ff:ee"]: invalid MAC address`.
    /// A multicast MAC (low bit of the first octet set) is rejected by the kernel: `failed
    /// to set container-side interface MAC to <mac> as requested via
    /// cni.projectcalico.org/hwAddr`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: license-server
    ///   annotations:
    ///     cni.projectcalico.org/hwAddr: '["1c:0c:0a:c0:ff:ee"]'
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
    ///   name: license-server
    ///   annotations:
    ///     cni.projectcalico.org/hwAddr: "1c:0c:0a:c0:ff:ee"
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the value is a MAC wrapped in a JSON array or quotes and the inner value
    /// parses: the wrapper is removed.
    pub static CAL_H001 = ("CAL-H001", "calico-hwaddr-invalid", Error, Sometimes);
}

crate::declare_rule! {
    /// ## What it does
    /// Checks that every element of `cni.projectcalico.org/allowedSourcePrefixes` is a CIDR.
    ///
    /// ## Why is this bad?
    /// The value is parsed while converting the pod to a Calico WorkloadEndpoint: the pod
    /// fails with `failed to parse '10.0.0.5' as a CIDR: invalid CIDR address: 10.0.0.5`,
    /// and every Calico component watching pods fails to convert it.
    ///
    /// ## Example
    /// ```yaml {"calico":{"workloadSourceSpoofing":true}}
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: router
    ///   annotations:
    ///     cni.projectcalico.org/allowedSourcePrefixes: '["10.0.0.5"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Use instead
    /// ```yaml {"calico":{"workloadSourceSpoofing":true}}
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: router
    ///   annotations:
    ///     cni.projectcalico.org/allowedSourcePrefixes: '["10.0.0.5/32"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: a bare address becomes a single-address prefix (`/32`, `/128`); a wider
    /// prefix may have been meant.
    pub static CAL_X001 = ("CAL-X001", "calico-source-prefix-invalid", Error, Sometimes);
}

pub fn check(cx: &mut Checker, m: &Calico) {
    for ann in m.pod_anns() {
        match ann.short.as_str() {
            "hwAddr" => hw_addr(cx, ann),
            "allowedSourcePrefixes" => prefixes(cx, ann),
            _ => {}
        }
    }
}

fn hw_addr(cx: &mut Checker, ann: &super::common::Ann) {
    let Some(v) = ann.text.as_deref().filter(|v| !v.is_empty()) else {
        return;
    };
    match gonet::parse_mac(v) {
        Ok(bytes) => {
            if bytes.first().is_some_and(|b| b & 1 == 1) {
                let mut d = ann_diag(
                    cx,
                    &CAL_H001,
                    ann,
                    value_range(cx, ann),
                    format!(
                        "{}: {v} is a multicast MAC address (the low bit of the first octet is set); the kernel refuses it: failed to set container-side interface MAC to {v} as requested via cni.projectcalico.org/hwAddr",
                        ann.key
                    ),
                );
                d.severity = Severity::Warning;
                cx.push(d);
            }
        }
        Err(e) => {
            let mut d = ann_diag(
                cx,
                &CAL_H001,
                ann,
                value_range(cx, ann),
                format!(
                    "{} must be a plain MAC address string (not JSON); Calico fails with: failed to parse MAC address {v} provided via cni.projectcalico.org/hwAddr: {e}",
                    ann.key
                ),
            );
            if let Some(inner) = unwrap_mac(v) {
                d.fix = Some(cx.fix(
                    "Write the plain MAC address",
                    Applicability::Safe,
                    vec![edit::replace_scalar(cx.yaml, ann.value_node, &inner)],
                ));
            }
            cx.push(d);
        }
    }
}

/// The MAC inside `["..."]`, `"..."` or `'...'`, when it parses.
fn unwrap_mac(v: &str) -> Option<String> {
    let t = v.trim();
    let parsed = gojson::parse(t).ok();
    let inner = match parsed.as_ref().map(|p| &p.value) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.len() == 1 => match &items[0].value {
            Value::String(s) => s.clone(),
            _ => return None,
        },
        _ => {
            let s = t.trim_start_matches('[').trim_end_matches(']').trim();
            s.trim_matches(|c| c == '\'' || c == '"').trim().to_string()
        }
    };
    let inner = inner.trim().to_string();
    (inner != v && gonet::parse_mac(&inner).is_ok()).then_some(inner)
}

fn prefixes(cx: &mut Checker, ann: &super::common::Ann) {
    let Some(list) = &ann.list else { return };
    for (idx, item) in list.iter().enumerate() {
        let e = &item.value;
        if gonet::parse_cidr(e).is_ok() {
            continue;
        }
        let mut d = ann_diag(
            cx,
            &CAL_X001,
            ann,
            item_range(cx, ann, item),
            format!(
                "{}: {e:?} is not a CIDR (bare addresses are rejected too); Calico fails with: failed to parse '{e}' as a CIDR: invalid CIDR address: {e}",
                ann.key
            ),
        );
        if let Some(ip) = gonet::parse_ip(e) {
            let bits = if ip.is_ipv4() { 32 } else { 128 };
            let mut items = ann.strings();
            items[idx] = format!("{e}/{bits}");
            d.fix = Some(cx.fix(
                format!("Use the single-address prefix {e}/{bits}"),
                Applicability::Unsafe,
                vec![replace_list(cx, ann, &items)],
            ));
        }
        cx.push(d);
    }
}
