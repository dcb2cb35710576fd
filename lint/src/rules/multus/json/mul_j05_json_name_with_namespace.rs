//! MUL-J05: a JSON name written as `namespace/name@interface`.

use crate::fix::diagnostic::Applicability;
use crate::model::multus::{self as m, Element};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, value_edits, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Finds a JSON `name` containing `/` (namespace) or `@` (interface).
    ///
    /// ## Why is this bad?
    /// JSON names are used verbatim: `"name": "ns/macvlan-conf"` is looked up as a NAD
    /// literally named so in the pod namespace and fails with `cannot find a
    /// network-attachment-definition (ns/macvlan-conf) in namespace (default)` (issue #705).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "openshift-multus/macvlan-conf"}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "macvlan-conf", "namespace": "openshift-multus"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the part before `/` moves to `namespace`, the part after `@` to `interface`
    /// (the element is rewritten as compact JSON). No fix when those keys already exist.
    pub static MUL_J05 = ("MUL-J05", "multus-json-name-with-namespace", Error, Sometimes);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    let n = &site.networks;
    let v = &site.value;
    let Some(p) = e
        .name
        .as_ref()
        .filter(|p| !p.value.is_empty() && p.value.contains(['/', '@']))
    else {
        return;
    };
    let mut d = site_diag(cx, &MUL_J05, site, p.span, format!("{label}: JSON names are used verbatim, so \"{}\" is looked up as a NAD literally named so and fails: cannot find a network-attachment-definition ({}) in namespace ({}); use \"namespace\" and \"interface\"", p.value, p.value, e.resolved_namespace(&n.default_namespace)));
    let mut ne = e.clone();
    let mut rest = p.value.as_str();
    let mut ok = true;
    if let Some((ns, r)) = rest.split_once('/') {
        if e.namespace.as_ref().is_some_and(|x| !x.value.is_empty()) || r.contains('/') {
            ok = false;
        }
        ne.namespace = Some(m::Part::new(ns.to_string()));
        rest = r;
    }
    if let Some((nm, ifn)) = rest.split_once('@') {
        if e.interface.as_ref().is_some_and(|x| !x.value.is_empty()) || ifn.contains('@') {
            ok = false;
        }
        ne.interface = Some(m::Part::new(ifn.to_string()));
        rest = nm;
    }
    ne.name = Some(m::Part::new(rest.to_string()));
    if ok && !rest.is_empty() {
        let edits = value_edits(
            cx,
            site.value_node,
            v,
            &[(e.span, m::element_json_text(&ne))],
        );
        d.fix = Some(cx.fix(
            "Split into name, namespace and interface",
            Applicability::Safe,
            edits,
        ));
    }
    out.push(d);
}
