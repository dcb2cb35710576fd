//! MUL-D01: the default-network annotation names more than one network.

use crate::model::multus::{Format, DEFAULT_NETWORK_KEY};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Checks that `v1.multus-cni.io/default-network` names exactly one network.
    ///
    /// ## Why is this bad?
    /// The Pod fails with `TryLoadPodDelegates: error in loading K8s cluster default network
    /// from pod annotation: tryLoadK8sPodDefaultNetwork: more than one default network is
    /// specified: <value>`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     v1.multus-cni.io/default-network: kube-system/calico-a,kube-system/calico-b
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
    ///     v1.multus-cni.io/default-network: kube-system/calico-a
    ///     k8s.v1.cni.cncf.io/networks: kube-system/calico-b
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which network is the default is a user decision.
    pub static MUL_D01 = ("MUL-D01", "multus-default-network-multiple", Error, None);
}

pub fn check(cx: &Checker, site: &Site, out: &mut Vec<Diagnostic>) {
    let n = &site.networks;
    if n.format == Format::Empty || (n.error.is_some() && n.elements.is_empty()) {
        return;
    }
    if n.elements.len() > 1 {
        out.push(site_diag(cx, &MUL_D01, site, n.elements[1].span, format!("{DEFAULT_NETWORK_KEY} names {} networks; Multus fails with: tryLoadK8sPodDefaultNetwork: more than one default network is specified: {}", n.elements.len(), site.value)));
    }
}
