//! MUL-D02: an empty default-network annotation.

use crate::fix::diagnostic::Applicability;
use crate::model::multus::{Format, DEFAULT_NETWORK_KEY};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Reports an empty `v1.multus-cni.io/default-network`.
    ///
    /// ## Why is this bad?
    /// Unlike the networks annotation, an empty value fails the Pod:
    /// `tryLoadK8sPodDefaultNetwork: failed to parse CRD object: parsePodNetworkAnnotation:
    /// pod annotation does not have "network" as key`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     v1.multus-cni.io/default-network: ""
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
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the empty annotation is deleted (the cluster network stays the default).
    pub static MUL_D02 = ("MUL-D02", "multus-default-network-empty", Error, Always);
}

pub fn check(cx: &Checker, site: &Site, out: &mut Vec<Diagnostic>) {
    if site.networks.format != Format::Empty {
        return;
    }
    let mut d = site_diag(cx, &MUL_D02, site, (0, 0), format!("{DEFAULT_NETWORK_KEY} is empty; Multus fails the Pod with: tryLoadK8sPodDefaultNetwork: failed to parse CRD object: parsePodNetworkAnnotation: pod annotation does not have \"network\" as key"));
    let y = cx.yaml;
    if let Some(ann) = y.get(site.holder.metadata, "annotations") {
        if let Some(e) = crate::rules::multus::common::delete_annotation(
            y,
            site.holder.metadata,
            ann,
            site.key_node,
        ) {
            d.fix = Some(cx.fix("Delete the empty annotation", Applicability::Safe, vec![e]));
        }
    }
    d.range = cx.yaml.index.range(
        y.node(site.key_node).start,
        crate::fix::edit::node_text_range(y, site.value_node).1,
    );
    out.push(d);
}
