use super::common::{block_size, diag, span, Cidr, PoolCx};
use crate::rules::checker::Checker;
use crate::syntax::yaml::NodeId;

crate::declare_rule! {
    /// ## What it does
    /// Checks `spec.blockSize`: 20..32 for IPv4 pools, 116..128 for IPv6 pools.
    ///
    /// ## Why is this bad?
    /// Calico rejects the pool: `IPv4 block size must be between 20 and 32` / `IPv6 block size
    /// must be between 116 and 128` (HEAD CEL: `blockSize must be between 20 and 32 for IPv4
    /// pools, and between 116 and 128 for IPv6 pools`).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: fd00:10:244::/48
    ///   blockSize: 64
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// apiVersion: projectcalico.org/v3
    /// kind: IPPool
    /// metadata:
    ///   name: pool-a
    /// spec:
    ///   cidr: fd00:10:244::/48
    ///   blockSize: 122
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended block size is unknown (defaults are 26 and 122).
    pub static CAL_IP005 = ("CAL-IP005", "calico-ippool-block-size-range", Error, None);
}

pub fn check(cx: &mut Checker, p: &PoolCx, spec: NodeId, c: &Cidr) {
    let y = cx.yaml;
    let v4 = c.v4();
    let bs = block_size(y, spec, v4);
    let (Some((_, bv)), None) = (bs.entry, bs.value) else {
        return;
    };
    let (name, lo, hi) = (p.name(), bs.lo, bs.hi);
    let raw = y.scalar(bv).unwrap_or("").trim().to_string();
    let fam = if v4 { "IPv4" } else { "IPv6" };
    let d = diag(
        cx,
        &CAL_IP005,
        p,
        "spec.blockSize",
        span(cx, bv),
        format!("IPPool {name}: blockSize {raw} is outside {lo}..{hi}; Calico rejects it: {fam} block size must be between {lo} and {hi}"),
    );
    cx.push(d);
}
