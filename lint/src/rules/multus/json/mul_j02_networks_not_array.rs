//! MUL-J02: a networks value that is JSON but not an array.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::model::multus::{self as m, ErrorKind, Format};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, value_edits, Site};
use crate::syntax::gojson::{self, Value};

use super::what;

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

/// `true` when the value is not an array (the element rules must not run).
pub fn check(cx: &Checker, site: &Site, out: &mut Vec<Diagnostic>) -> bool {
    if !site
        .networks
        .error
        .as_ref()
        .is_some_and(|e| e.kind == ErrorKind::JsonNotArray)
    {
        return false;
    }
    out.push(not_array(cx, site, what(site)));
    true
}

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
