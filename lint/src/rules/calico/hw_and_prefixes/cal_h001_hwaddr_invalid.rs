use crate::fix::diagnostic::{Applicability, Severity};
use crate::fix::edit;
use crate::rules::calico::common::{ann_diag, value_range, Ann};
use crate::rules::checker::Checker;
use crate::syntax::gojson::{self, Value};
use crate::syntax::gonet;

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

pub fn check(cx: &mut Checker, ann: &Ann) {
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
