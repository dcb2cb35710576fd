//! MUL-J20: `ipam-claim-reference`, which Multus ignores.

use crate::fix::diagnostic::Severity;
use crate::model::multus::Element;
use crate::rules::checker::Checker;
use crate::rules::multus::common::{site_diag, with_severity, Site};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Reports `ipam-claim-reference`: a warning together with `ips` (NPWG 1.3 says this is
    /// an error; network-attachment-definition-client v1.7.6 rejected it), else an info that
    /// Multus ignores the key.
    ///
    /// ## Why is this bad?
    /// Consumers disagree: client v1.7.6 fails with `cannot provide a static IP and a
    /// reference of an IPAM claim in the same network selection element`, v1.7.7 accepts it,
    /// and Multus never reads the claim.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-b", "ips": ["10.0.0.5/24"], "ipam-claim-reference": "claim-1"}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-b", "ips": ["10.0.0.5/24"]}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which address source to keep is a user decision.
    pub static MUL_J20 = ("MUL-J20", "multus-json-ipam-claim-with-ips", Warning, None);
}

pub fn check(cx: &Checker, site: &Site, e: &Element, label: &str, out: &mut Vec<Diagnostic>) {
    if let Some(c) = &e.ipam_claim_reference {
        let sp = c.key.unwrap_or(c.span);
        if e.ips.is_some() {
            out.push(site_diag(cx, &MUL_J20, site, sp, format!("{label}: \"ipam-claim-reference\" together with \"ips\": NPWG 1.3 calls this an error and network-attachment-definition-client v1.7.6 rejects it (cannot provide a static IP and a reference of an IPAM claim in the same network selection element); Multus ignores the claim")));
        } else {
            out.push(with_severity(site_diag(cx, &MUL_J20, site, sp, format!("{label}: Multus ignores \"ipam-claim-reference\" (only IPAMClaim-aware controllers such as OVN-Kubernetes read it)")), Severity::Info));
        }
    }
}
