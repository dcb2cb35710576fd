//! How many pods a controller runs at once: the one answer every rule (and the Calico form)
//! asks before it warns about a fixed address or MAC in a pod template.

use crate::model::semantic::Semantic;
use crate::syntax::yaml::{NodeId, Yaml};

/// Whether the controller's pods can run side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PodsAtOnce {
    /// At most one pod at any time (a bare Pod, `replicas: 1` with `strategy: Recreate`, a
    /// Job without parallelism, …).
    One,
    /// Several pods at once in steady state; the text says why (`Deployment has replicas: 3`).
    Several(String),
    /// One pod, but a Deployment's RollingUpdate starts the new pod before the old one stops
    /// (a surge pod); the text says why.
    DuringRollout(String),
}

impl PodsAtOnce {
    pub fn is_one(&self) -> bool {
        *self == PodsAtOnce::One
    }
}

fn int(y: &Yaml, n: Option<NodeId>) -> Option<i64> {
    n.and_then(|n| y.scalar(n)?.trim().parse().ok())
}

/// Whether the object `object` (index into the model's objects) runs several pods at once:
/// replicas > 1, a HorizontalPodAutoscaler of the input or inventory targeting it, a
/// DaemonSet, Job (or CronJob job) parallelism > 1, or a Deployment's rolling-update surge.
pub fn pods_at_once(cx: &Semantic, object: usize) -> PodsAtOnce {
    if let Some(why) = parallel_pods(cx, object) {
        return PodsAtOnce::Several(why);
    }
    let y = cx.yaml;
    let obj = cx.object(object);
    if obj.kind() != "Deployment" {
        return PodsAtOnce::One;
    }
    let Some(spec) = y.get(obj.node, "spec").filter(|&s| y.is_map(s)) else {
        return PodsAtOnce::One;
    };
    let strategy = y.get(spec, "strategy");
    let ty = strategy
        .and_then(|s| y.get(s, "type"))
        .and_then(|t| y.str_value(t));
    if ty.is_some_and(|t| t != "RollingUpdate") {
        return PodsAtOnce::One;
    }
    let surge = strategy
        .and_then(|s| y.get(s, "rollingUpdate"))
        .and_then(|r| y.get(r, "maxSurge"))
        .and_then(|v| y.scalar(v));
    if surge.is_some_and(|s| matches!(s.trim(), "0" | "0%")) {
        return PodsAtOnce::One;
    }
    PodsAtOnce::DuringRollout("the Deployment rolls out with RollingUpdate, which starts the new pod before the old one stops".into())
}

/// Why the controller `object` may run more than one pod in steady state (`None`: one at
/// most, though a Deployment may still surge during a rollout, see [`pods_at_once`]).
pub fn parallel_pods(cx: &Semantic, object: usize) -> Option<String> {
    let y = cx.yaml;
    let obj = cx.object(object);
    let spec = y.get(obj.node, "spec");
    let field = |k: &str| spec.and_then(|s| y.get(s, k));
    match obj.kind() {
        "DaemonSet" => return Some("a DaemonSet runs one pod per node".into()),
        "Deployment" | "ReplicaSet" | "StatefulSet" | "ReplicationController" => {
            if let Some(r) = int(y, field("replicas")).filter(|&r| r > 1) {
                return Some(format!("{} has replicas: {r}", obj.kind()));
            }
        }
        "Job" => {
            if let Some(p) = int(y, field("parallelism")).filter(|&p| p > 1) {
                return Some(format!("the Job has parallelism: {p}"));
            }
        }
        "CronJob" => {
            let p = field("jobTemplate")
                .and_then(|j| y.get(j, "spec"))
                .and_then(|s| y.get(s, "parallelism"));
            if let Some(p) = int(y, p).filter(|&p| p > 1) {
                return Some(format!("the CronJob's jobs have parallelism: {p}"));
            }
        }
        _ => return None,
    }
    autoscaled(cx, object)
}

/// A HorizontalPodAutoscaler of the input or inventory that scales `object` above one pod.
fn autoscaled(cx: &Semantic, object: usize) -> Option<String> {
    let obj = cx.object(object);
    for (hy, h, _) in cx.all_objects() {
        if h.kind() != "HorizontalPodAutoscaler" || h.effective_namespace != obj.effective_namespace
        {
            continue;
        }
        let Some(hs) = hy.get(h.node, "spec") else {
            continue;
        };
        let Some(target) = hy.get(hs, "scaleTargetRef") else {
            continue;
        };
        let text = |k: &str| hy.get(target, k).and_then(|v| hy.str_value(v));
        if text("kind") == Some(obj.kind()) && text("name") == obj.name.as_deref() {
            if let Some(max) = int(hy, hy.get(hs, "maxReplicas")).filter(|&m| m > 1) {
                return Some(format!(
                    "HorizontalPodAutoscaler {} scales it up to {max} replicas",
                    h.name.as_deref().unwrap_or("(unnamed)"),
                ));
            }
        }
    }
    None
}
