//! MUL-J18: bandwidth without rates, non-positive values, bursts without rates.

use crate::fix::diagnostic::Severity;
use crate::model::multus::Element;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, with_severity, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Checks `bandwidth`: rates and bursts must be positive (error); a burst without its
    /// rate, or an empty object, is a warning.
    ///
    /// ## Why is this bad?
    /// The bandwidth plugin rejects non-positive values or installs no shaping at all; the
    /// NPWG spec requires non-zero integers and a rate with each burst.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-b", "bandwidth": {"ingressRate": 0, "ingressBurst": 1000}}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-b", "bandwidth": {"ingressRate": 2048, "ingressBurst": 1000}}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended rate cannot be known.
    pub static MUL_J18 = ("MUL-J18", "multus-json-invalid-bandwidth", Error, None);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    if let Some(bw) = &e.bandwidth {
        let b = &bw.value;
        let all = [
            &b.ingress_rate,
            &b.ingress_burst,
            &b.egress_rate,
            &b.egress_burst,
        ];
        if all.iter().all(|x| x.is_none()) {
            out.push(with_severity(
                site_diag(
                    cx,
                    &MUL_J18,
                    site,
                    bw.span,
                    format!("{label}: \"bandwidth\" sets no rate; remove it"),
                ),
                Severity::Warning,
            ));
        }
        for x in all.into_iter().flatten() {
            if x.value <= 0 {
                out.push(site_diag(
                    cx,
                    &MUL_J18,
                    site,
                    x.span,
                    format!(
                        "{label}: bandwidth value {} must be a positive integer",
                        x.value
                    ),
                ));
            }
        }
        for (burst, rate, name) in [
            (&b.ingress_burst, &b.ingress_rate, "ingress"),
            (&b.egress_burst, &b.egress_rate, "egress"),
        ] {
            if let (Some(bu), None) = (burst, rate) {
                out.push(with_severity(
                    site_diag(
                        cx,
                        &MUL_J18,
                        site,
                        bu.key.unwrap_or(bu.span),
                        format!("{label}: {name}Burst without {name}Rate has no effect"),
                    ),
                    Severity::Warning,
                ));
            }
        }
    }
}
