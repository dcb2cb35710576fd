use crate::rules::checker::Checker;
use crate::syntax::yaml::NodeId;

crate::declare_rule! {
    /// ## What it does
    /// Reports a mapping key that appears twice in the same mapping.
    ///
    /// ## Why is this bad?
    /// Strict decoders reject the object (`mapping key "annotations" already defined`);
    /// lenient ones keep only the last value, so the first block, often the one with the
    /// network annotations, silently disappears.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    ///   annotations:
    ///     cni.projectcalico.org/ipv4pools: '["default-ipv4-ippool"]'
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     k8s.v1.cni.cncf.io/networks: macvlan-conf
    ///     cni.projectcalico.org/ipv4pools: '["default-ipv4-ippool"]'
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which value was meant is a decision for the author.
    pub static YAML_002 = ("YAML-002", "yaml-duplicate-key", Error, None);
}

/// The key node `key` repeats the key `first` of the same mapping.
pub fn check(cx: &mut Checker, key: NodeId, first: NodeId) {
    let n = cx.yaml.node(key);
    let (s, e) = (n.start, n.end);
    let name = cx.yaml.scalar(key).unwrap_or("").to_string();
    let first_line = cx.yaml.index.position(cx.yaml.node(first).start).line;
    let msg = format!(
        "duplicate key `{name}` (first defined on line {first_line}); strict decoders reject this, others keep only the last value"
    );
    let d = cx.diagnostic(&YAML_002, s, e, msg);
    let d = cx.attach_object_at(d, s);
    cx.push(d);
}
