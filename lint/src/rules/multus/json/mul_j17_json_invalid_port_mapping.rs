//! MUL-J17: port mappings outside 1-65535 or with an unknown protocol.

use crate::model::multus::Element;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Checks `portMappings`: not empty, `hostPort`/`containerPort` within 1–65535,
    /// `protocol` one of tcp, udp, sctp (any case).
    ///
    /// ## Why is this bad?
    /// Multus only checks JSON types; the portmap plugin then fails the attachment or
    /// installs no rule.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-b", "portMappings": [{"hostPort": 80800, "containerPort": 80, "protocol": "tcp"}]}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-b", "portMappings": [{"hostPort": 8080, "containerPort": 80, "protocol": "tcp"}]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended port cannot be known.
    pub static MUL_J17 = ("MUL-J17", "multus-json-invalid-port-mapping", Error, None);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    if let Some(pm) = &e.port_mappings {
        if pm.value.is_empty() {
            out.push(site_diag(
                cx,
                &MUL_J17,
                site,
                pm.span,
                format!("{label}: \"portMappings\" is empty; remove it or list mappings"),
            ));
        }
        for p in &pm.value {
            for port in [&p.host_port, &p.container_port].into_iter().flatten() {
                if !(1..=65535).contains(&port.value) {
                    out.push(site_diag(
                        cx,
                        &MUL_J17,
                        site,
                        port.span,
                        format!("{label}: port {} is outside 1-65535", port.value),
                    ));
                }
            }
            if let Some(pr) = &p.protocol {
                if !["tcp", "udp", "sctp"].contains(&pr.value.to_ascii_lowercase().as_str()) {
                    out.push(site_diag(
                        cx,
                        &MUL_J17,
                        site,
                        pr.span,
                        format!("{label}: protocol \"{}\" is not tcp, udp or sctp", pr.value),
                    ));
                }
            }
        }
    }
}
