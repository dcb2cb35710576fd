//! MUL-J16: requested interface names that collide (both forms).

use std::collections::HashMap;

use crate::model::multus::{self as m, ErrorKind, Format};
use crate::rules::checker::Checker;
use crate::rules::multus::common::{element_label, site_diag, Ctx};
use crate::Diagnostic;

crate::declare_rule! {
    /// ## What it does
    /// Assigns interface names as Multus does (requested name, else `net<i>` counting the
    /// profile's `defaultNetworks`) and reports clashes: a name requested twice, the cluster
    /// interface (`eth0`), or a name another element receives by default.
    ///
    /// ## Why is this bad?
    /// The later attachment fails: `DelegateAdd: cannot set "macvlan" interface name to
    /// "net1": validateIfName: interface name net1 already exists` (issue #1089), and the
    /// attachments already added are torn down.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: samplepod
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-a", "interface": "net1"}, {"name": "net-b", "interface": "net1"}]'
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
    ///     k8s.v1.cni.cncf.io/networks: '[{"name": "net-a", "interface": "net1"}, {"name": "net-b", "interface": "net2"}]'
    /// spec:
    ///   containers:
    ///   - name: app
    ///     image: nginx
    /// ```
    ///
    /// ## Fix safety
    /// No fix: a new interface name is a user decision.
    pub static MUL_J16 = ("MUL-J16", "multus-interface-name-clash", Error, None);
}

/// MUL-J16 on both forms: requested interface names that collide.
pub fn check(cx: &Checker, ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for site in &ctx.sites {
        if site.is_default || site.networks.format == Format::Empty {
            continue;
        }
        if site.networks.format == Format::Json
            && site
                .networks
                .error
                .as_ref()
                .is_some_and(|e| matches!(e.kind, ErrorKind::JsonSyntax | ErrorKind::JsonNotArray))
        {
            continue;
        }
        let els = &site.networks.elements;
        let defaults = cx.profile.multus.default_networks_for(&site.pod_namespace);
        let assigned = m::assigned_interfaces(els, defaults);
        let cluster = &cx.profile.multus.cluster_interface;
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, e) in els.iter().enumerate() {
            let Some(req) = e.requested_interface() else {
                continue;
            };
            let label = element_label(site, i);
            let name = req.value.as_str();
            let why = if name == cluster {
                Some(format!("it is the cluster network's interface ({cluster})"))
            } else if let Some(j) = seen.get(name) {
                Some(format!("element {} requests it too", j + 1))
            } else {
                els.iter().enumerate().find(|(j, o)| *j != i && o.requested_interface().is_none() && assigned[*j] == name).map(|(j, _)| format!("Multus gives it to element {} by default (net<N> numbering counts the cluster network and {} defaultNetworks)", j + 1, defaults))
            };
            seen.entry(name).or_insert(i);
            if let Some(why) = why {
                out.push(site_diag(cx, &MUL_J16, site, req.span, format!("{label}: interface name `{name}` clashes: {why}; the attachment fails with: DelegateAdd: cannot set \"<type>\" interface name to \"{name}\": validateIfName: interface name {name} already exists")));
            }
        }
    }
}
