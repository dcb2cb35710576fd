//! NetworkAttachmentDefinitions (`GetCNIConfig`, `LoadDelegateNetConf`, libcni):
//! MUL-N01..N12.

pub mod mul_n01_nad_wrong_api_version_or_kind;
pub mod mul_n02_nad_invalid_name;
pub mod mul_n03_nad_config_not_string;
pub mod mul_n04_nad_config_invalid_json;
pub mod mul_n05_nad_config_not_object;
pub mod mul_n06_nad_config_missing_type;
pub mod mul_n07_nad_config_type_and_plugins;
pub mod mul_n08_nad_config_cni_version;
pub mod mul_n09_nad_config_name_differs;
pub mod mul_n10_nad_config_from_node_file;
pub mod mul_n11_nad_config_field_type;
pub mod mul_n12_nad_config_outside_spec;

use crate::model::k8s::Object;
use crate::model::multus::nad::{self as nm, CniConfig, Config, Nad, NAD_KIND};
use crate::model::multus::Span;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{value_range, Ctx};
use crate::rules::Rule;
use crate::syntax::gojson::{Spanned, Value};
use crate::syntax::yaml::NodeId;
use crate::Diagnostic;

pub const CFG_ERR: &str =
    "GetCNIConfig: err in getCNIConfigFromSpec: failed to unmarshal Spec.Config: ";
pub const LOAD_ERR: &str = "LoadDelegateNetConf: error unmarshalling delegate config: ";

/// A NAD object of the checked text whose `spec.config` parsed.
pub struct Parsed<'a> {
    pub o: &'a Object,
    pub nad: &'a Nad,
    pub cfg: &'a CniConfig,
    /// The config value node and its text.
    pub node: NodeId,
    pub text: &'a str,
}

impl Parsed<'_> {
    /// A finding at a span of the config text; `path` continues `spec.config`.
    pub fn diag(
        &self,
        cx: &Checker,
        rule: &Rule,
        path: &str,
        span: Span,
        msg: String,
    ) -> Diagnostic {
        cx.object_diagnostic(
            rule,
            self.o,
            format!("spec.config{path}"),
            value_range(cx, self.node, self.text, span),
            msg,
        )
    }

    /// The config's opening brace.
    pub fn top(&self) -> Span {
        (self.cfg.tree.start, self.cfg.tree.start + 1)
    }
}

pub fn check(cx: &mut Checker, ctx: &Ctx) {
    let y = cx.yaml;
    let mut out = Vec::new();
    let with_cni_args = mul_n11_nad_config_field_type::with_cni_args(ctx);
    for (oi, o) in cx.model.objects.iter().enumerate() {
        mul_n01_nad_wrong_api_version_or_kind::check(cx, o, &mut out);
        // A misspelt kind is still meant as a NAD: its body is checked in the same pass.
        if o.kind() != NAD_KIND && !mul_n01_nad_wrong_api_version_or_kind::is_kind_typo(o) {
            continue;
        }
        mul_n02_nad_invalid_name::check(cx, o, &mut out);
        if mul_n12_nad_config_outside_spec::check(cx, o, &mut out) {
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
        let config_node = nad.config_node.and_then(|c| y.resolve(c));
        mul_n10_nad_config_from_node_file::check(cx, o, nad, &mut out);
        mul_n03_nad_config_not_string::check(cx, o, nad, config_node, &mut out);
        mul_n04_nad_config_invalid_json::check(cx, o, nad, config_node, &mut out);
        mul_n05_nad_config_not_object::check(cx, o, nad, config_node, &mut out);
        let (Config::Parsed(cfg), Some(node)) = (&nad.config, config_node) else {
            continue;
        };
        let p = Parsed {
            o,
            nad,
            cfg,
            node,
            text: nad.config_text.as_deref().unwrap_or(""),
        };
        mul_n06_nad_config_missing_type::check(cx, &p, &mut out);
        mul_n07_nad_config_type_and_plugins::check(cx, &p, &mut out);
        mul_n08_nad_config_cni_version::check(cx, &p, &mut out);
        mul_n09_nad_config_name_differs::check(cx, &p, &mut out);
        mul_n11_nad_config_field_type::check(cx, &p, &with_cni_args, &mut out);
    }
    for d in out {
        cx.push(d);
    }
}

pub fn member<'v>(
    v: &'v Spanned<Value>,
    k: &str,
) -> Option<(&'v Spanned<String>, &'v Spanned<Value>)> {
    match &v.value {
        Value::Object(m) => m
            .iter()
            .find(|(key, _)| key.value == k)
            .map(|(k, v)| (k, v)),
        _ => None,
    }
}
