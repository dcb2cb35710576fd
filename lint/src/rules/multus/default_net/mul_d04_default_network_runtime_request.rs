//! MUL-D04: runtime requests (ips, mac, ...) on the default network.

use crate::model::multus::Field;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, Site};
use crate::Diagnostic;

use super::single_element;

crate::declare_rule! {
    /// ## What it does
    /// Finds `ips`, `mac`, `portMappings`, `bandwidth`, `default-route` or `cni-args` on the
    /// default-network element.
    ///
    /// ## Why is this bad?
    /// The default network is the master plugin: `mergeCNIRuntimeConfig` skips it, so these
    /// requests are not delivered through runtimeConfig (only the legacy CNI_ARGS `IP=`/`MAC=`
    /// are set, which most primary CNIs ignore). For Calico use
    /// `cni.projectcalico.org/ipAddrs`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     v1.multus-cni.io/default-network: '[{"name": "calico", "namespace": "kube-system", "ips": ["192.168.10.7/32"]}]'
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
    ///     v1.multus-cni.io/default-network: '[{"name": "calico", "namespace": "kube-system"}]'
    ///     cni.projectcalico.org/ipAddrs: '["192.168.10.7"]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the right mechanism depends on the primary CNI.
    pub static MUL_D04 = ("MUL-D04", "multus-default-network-runtime-request", Warning, None);
}

pub fn check(cx: &Checker, site: &Site, out: &mut Vec<Diagnostic>) {
    let Some(e) = single_element(site) else {
        return;
    };
    let fields = [
        Field::Ips,
        Field::Mac,
        Field::PortMappings,
        Field::Bandwidth,
        Field::DefaultRoute,
        Field::CniArgs,
    ];
    for f in fields {
        if let Some(sp) = e.field(f).map(|p| p.key.unwrap_or(p.span)) {
            out.push(site_diag(cx, &MUL_D04, site, sp, format!("default-network[0].{}: runtime requests on the default network are not delivered through runtimeConfig (mergeCNIRuntimeConfig skips the master plugin){}", f.key(), if matches!(f, Field::Ips | Field::Mac) { "; only the legacy CNI_ARGS IP=/MAC= is set, which most primary CNIs ignore (for Calico use cni.projectcalico.org/ipAddrs)" } else { "" })));
        }
    }
}
