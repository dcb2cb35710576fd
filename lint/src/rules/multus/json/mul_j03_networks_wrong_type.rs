//! MUL-J03: a field of the wrong JSON type.

use crate::fix::diagnostic::{Applicability, Diagnostic};
use crate::model::multus::ErrorKind;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, value_edits, Site};
use crate::syntax::gojson::{self, Value};

use super::what;

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

pub fn check(cx: &Checker, site: &Site, out: &mut Vec<Diagnostic>) {
    let Some(err) = site
        .networks
        .error
        .as_ref()
        .filter(|e| e.kind == ErrorKind::JsonType)
    else {
        return;
    };
    let v = &site.value;
    let what = what(site);
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
        if (err.message.contains(".ips of type") || err.message.contains(".default-route of type"))
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
            let e = value_edits(cx, site.value_node, v, &[(err.span, number.to_string())]);
            d.fix = Some(cx.fix("Write the number without quotes", Applicability::Safe, e));
        }
    }
    out.push(d);
}
