use super::common::{block_size, diag, flag, span, Cidr, PoolCx};
use crate::fix::diagnostic::Applicability;
use crate::fix::edit;
use crate::rules::checker::Checker;
use crate::syntax::yaml::NodeId;

crate::declare_rule! {
    /// ## What it does
    /// Reports an enabled IPPool whose prefix is longer than its block size (default 26 for
    /// IPv4, 122 for IPv6): the pool is smaller than one block.
    ///
    /// ## Why is this bad?
    /// Calico rejects it: `IP pool size is too small for use with Calico IPAM. It must be equal
    /// to or greater than the block size.`
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.22.0.0/28
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: 10.22.0.0/28
    ///   blockSize: 28
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: setting `blockSize` to the prefix length makes the pool one single block, which
    /// changes how Calico hands out addresses (one node takes the whole pool's affinity;
    /// other nodes borrow from it) and is immutable once the pool exists. Enlarging the
    /// CIDR instead may be what was meant. Offered only when the prefix length is a valid
    /// block size for the family.
    pub static CAL_IP006 = ("CAL-IP006", "calico-ippool-smaller-than-block", Error, Sometimes);
}

pub fn check(cx: &mut Checker, p: &PoolCx, spec: NodeId, c: &Cidr) {
    let y = cx.yaml;
    let bs = block_size(y, spec, c.v4());
    let (Some(b), prefix) = (bs.value, c.prefix) else {
        return;
    };
    if i64::from(prefix) <= b || flag(y, spec, "disabled") {
        return;
    }
    let (name, lo, hi, bs_entry) = (p.name(), bs.lo, bs.hi, bs.entry);
    let r = bs_entry
        .map(|(_, v)| span(cx, v))
        .unwrap_or_else(|| span(cx, c.node));
    let mut d = diag(
        cx,
        &CAL_IP006,
        p,
        if bs_entry.is_some() { "spec.blockSize" } else { "spec.cidr" },
        r,
        format!(
            "IPPool {name}: the /{prefix} pool is smaller than one /{b} block{}; Calico rejects it: IP pool size is too small for use with Calico IPAM. It must be equal to or greater than the block size.",
            if bs_entry.is_none() { " (the default block size)" } else { "" }
        ),
    );
    if (lo..=hi).contains(&i64::from(prefix)) {
        let e = match bs_entry {
            Some((_, v)) => {
                let r = span(cx, v);
                Some((r.0, r.1, prefix.to_string()))
            }
            None => edit::insert_entry(y, spec, "blockSize", &prefix.to_string()),
        };
        if let Some(e) = e {
            d.fix = Some(cx.fix(
                format!("Set blockSize to {prefix}"),
                Applicability::Unsafe,
                vec![e],
            ));
        }
    }
    cx.push(d);
}
