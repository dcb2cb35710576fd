//! MUL-N11: config fields of the wrong JSON type.

use crate::fix::diagnostic::Applicability;
use crate::model::multus::Span;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{value_edits, Ctx};
use crate::syntax::gojson::{Spanned, Value};
use crate::Diagnostic;

use super::{member, Parsed, LOAD_ERR};

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
    /// Safe for a capability written as the string `"true"` or `"false"`: Go fails to
    /// unmarshal a string into `bool`, so the boolean is the only meaning that works, and
    /// only the value's token changes. No fix for the other wrong types (the intended value
    /// is not known).
    pub static MUL_N11 = ("MUL-N11", "nad-config-field-type", Error, Sometimes);
}

/// The (namespace, name) of the NADs that Pods pass cni-args to.
pub fn with_cni_args(ctx: &Ctx) -> Vec<(String, String)> {
    ctx.sites
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
        .collect()
}

pub fn check(
    cx: &Checker,
    p: &Parsed,
    with_cni_args: &[(String, String)],
    out: &mut Vec<Diagnostic>,
) {
    let (cfg, nad) = (p.cfg, p.nad);
    let diag = |rule, path: &str, span: Span, msg: String| p.diag(cx, rule, path, span, msg);
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
                            let mut d = diag(&MUL_N11, &format!("{path}.capabilities.{}", ck.value), (cv.start, cv.end), format!("capability \"{}\" must be true or false; Multus fails with: {LOAD_ERR}json: cannot unmarshal {} into Go struct field PluginConf.capabilities of type bool", ck.value, cv.value.kind_name()));
                            if let Value::String(b) = &cv.value {
                                let b = b.as_str();
                                if !matches!(b, "true" | "false") {
                                    out.push(d);
                                    continue;
                                }
                                let edits = value_edits(
                                    cx,
                                    p.node,
                                    p.text,
                                    &[((cv.start, cv.end), b.to_string())],
                                );
                                if !edits.is_empty() {
                                    d.fix = Some(cx.fix(
                                        format!("Write the capability as {b}"),
                                        Applicability::Safe,
                                        edits,
                                    ));
                                }
                            }
                            out.push(d);
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
