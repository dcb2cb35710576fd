//! Finding the runtime errors in pasted text and unwrapping the layers the runtime wraps
//! them in: the kubelet/CRI event (`Failed to create pod sandbox: rpc error: … failed to
//! setup network for sandbox "…": `), the plugin chain (`plugin type="multus" name="…"
//! failed (add): `), Multus's `[ns/pod/uid:network]: error adding container to network
//! "…": `, the thick plugin's `CmdAdd (shim): CNI request failed with status 400: '… ERRORED:
//! …'`, and Multus's Go function prefixes (`TryLoadPodDelegates: `, `GetNetworkDelegates: `).

use std::collections::BTreeMap;

/// One runtime error found in the text, without its wrapping.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unwrapped {
    /// The innermost message (what a rule's doc quotes).
    pub core: String,
    /// The innermost plugin that failed (`calico`, `multus`, `macvlan`), if named.
    pub plugin: Option<String>,
    /// Pod, namespace, network, uid, … named by the wrapping.
    pub captures: BTreeMap<String, String>,
}

/// Words that mark a line as an error report.
const MARKERS: &[&str] = &[
    "fail",
    "error",
    "err ",
    "invalid",
    "cannot",
    "can't",
    "unable",
    "not found",
    "unauthorized",
    "timeout",
    "timed out",
    "refused",
    "denied",
    "exceeded",
    "panic",
    "isn't",
    "not supported",
    "does not",
    "no such",
    "not enabled",
    "already",
    "must ",
    "mismatch",
    "not compatible",
    "overlaps",
    "no matches",
    "not valid",
    "may not",
    "not exist",
    "no route",
    "out of range",
    "required",
    "incompatible",
    "missing",
    "unknown",
    "cannot",
    "too small",
    "not strictly",
    "expected",
    "violates",
    "more than one",
    "not in a configured",
    "specified but empty",
    "does not support",
    "can't have",
    "no pools",
    "not a ",
    "link not found",
];

/// The error lines of a pasted text (an events table, `kubectl describe pod`, logs, or one
/// message), each unwrapped; duplicates (a repeated event) once. With the lowest score a
/// match needs: lines without any error word are read too, but need a closer match.
pub fn errors_in(text: &str) -> (Vec<Unwrapped>, f64) {
    let text = text.replace("\\\"", "\"").replace('\r', "");
    let mut out: Vec<Unwrapped> = Vec::new();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let candidates: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| {
            let low = l.to_lowercase();
            MARKERS.iter().any(|m| low.contains(m))
        })
        .collect();
    let (candidates, min_score) = if candidates.is_empty() {
        let rest: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| !l.trim_start().starts_with("Normal "))
            .collect();
        (rest, super::MIN_SCORE_UNMARKED)
    } else {
        (candidates, super::MIN_SCORE)
    };
    for line in candidates {
        if line.len() > 20_000 {
            continue;
        }
        let u = unwrap(line);
        if u.core.is_empty() {
            continue;
        }
        if let Some(prev) = out.iter_mut().find(|p| p.core == u.core) {
            for (k, v) in u.captures {
                prev.captures.entry(k).or_insert(v);
            }
            continue;
        }
        out.push(u);
    }
    (out, min_score)
}

/// Unwraps one error line (or one template).
pub fn unwrap(line: &str) -> Unwrapped {
    let mut u = Unwrapped::default();
    let mut s: &str = line.trim();

    // Teardown errors appended by the runtime, and dockershim's `[…]` around both.
    for cut in [
        ", failed to clean up sandbox container",
        ", failed to teardown pod",
    ] {
        if let Some(at) = s.find(cut) {
            s = &s[..at];
        }
    }
    // Log line prefixes: `kuberuntime_sandbox.go:72] `, `err="`, `[error] `.
    if let Some(at) = rfind_go_location(s) {
        s = &s[at..];
    }
    for marker in [
        "err=\"",
        "[error] ",
        "[verbose] ",
        "[debug] ",
        "level=error msg=\"",
    ] {
        if let Some(at) = s.find(marker) {
            s = &s[at + marker.len()..];
        }
    }
    // The thick plugin's shim: the daemon's answer follows `ERRORED: `.
    if let Some(at) = s.find("ERRORED: ") {
        s = &s[at + "ERRORED: ".len()..];
        if let Some(rest) = s.strip_prefix("error configuring pod [") {
            if let Some(end) = rest.find("] networking: ") {
                pod_ns(&rest[..end], &mut u.captures);
                s = &rest[end + "] networking: ".len()..];
            }
        }
    }
    // The sandbox layer: everything up to its last occurrence is the runtime's wrapping.
    s = after_sandbox(s, &mut u.captures);

    // Layers at the start, innermost last.
    loop {
        s = s.trim_start();
        if let Some(rest) = plugin_layer(s, &mut u) {
            s = rest;
            continue;
        }
        if let Some(rest) = s.strip_prefix("Multus: ") {
            s = rest;
            continue;
        }
        if let Some(rest) = multus_pod_layer(s, &mut u.captures) {
            s = rest;
            continue;
        }
        if let Some(rest) =
            quoted_layer(s, "error adding container to network \"", &mut u, "network")
        {
            s = rest;
            continue;
        }
        if let Some(rest) = quoted_layer(s, "Err adding pod to network \"", &mut u, "network") {
            s = rest;
            continue;
        }
        if let Some(rest) = quoted_layer(s, "error in invoke Delegate add - \"", &mut u, "plugin") {
            if let Some(p) = u.captures.get("plugin") {
                u.plugin = Some(p.clone());
            }
            s = rest;
            continue;
        }
        if let Some(rest) = s.strip_prefix("CmdAdd (shim): ") {
            s = rest;
            continue;
        }
        let mut stripped = false;
        for phrase in [
            "error loading k8s delegates k8s args: ",
            "error in getting k8s network for pod: ",
            "failed getting the delegate: ",
            "netplugin failed: ",
        ] {
            if let Some(rest) = s.strip_prefix(phrase) {
                s = rest;
                stripped = true;
            }
        }
        if stripped {
            continue;
        }
        if let Some(rest) = go_function_prefix(s) {
            s = rest;
            continue;
        }
        break;
    }
    let mut core = s.trim().trim_end_matches("\\n'").trim_end_matches("\\n");
    // The closing quote of a log field or of the shim's `'…'` (an unbalanced quote).
    for q in ['\'', '"'] {
        if core.ends_with(q) && core.matches(q).count() % 2 == 1 {
            core = core[..core.len() - 1].trim_end();
        }
    }
    // A `]` closing dockershim's `[…]` (more closing than opening brackets).
    while core.ends_with(']') && core.matches(']').count() > core.matches('[').count() {
        core = core[..core.len() - 1].trim_end();
    }
    u.core = core.to_string();
    u
}

/// After the last `….go:NN] ` of a kubelet/containerd log line.
fn rfind_go_location(s: &str) -> Option<usize> {
    let mut best = None;
    let mut from = 0;
    while let Some(at) = s[from..].find(".go:") {
        let start = from + at + 4;
        let digits = s[start..].chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && s[start + digits..].starts_with("] ") {
            best = Some(start + digits + 2);
        }
        from = start;
    }
    best
}

/// Strips the runtime's sandbox wrapping (several historical spellings) and records the pod.
fn after_sandbox<'a>(s: &'a str, captures: &mut BTreeMap<String, String>) -> &'a str {
    let mut s = s;
    // Containerd: `failed to setup network for sandbox "<id>": `.
    if let Some(at) = s.rfind("failed to setup network for sandbox \"") {
        let rest = &s[at + "failed to setup network for sandbox \"".len()..];
        if let Some(end) = rest.find("\": ") {
            s = &rest[end + 3..];
        }
    }
    // Dockershim: `NetworkPlugin cni failed to set up pod "<pod>_<ns>" network: `.
    for marker in [
        "NetworkPlugin cni failed to set up pod \"",
        "networkPlugin cni failed to set up pod \"",
    ] {
        if let Some(at) = s.rfind(marker) {
            let rest = &s[at + marker.len()..];
            if let Some(end) = rest.find("\" network: ") {
                let pod = &rest[..end];
                if let Some((name, ns)) = pod.rsplit_once('_') {
                    captures.insert("pod".into(), name.into());
                    captures.insert("namespace".into(), ns.into());
                }
                s = &rest[end + "\" network: ".len()..];
            }
        }
    }
    // CRI-O: `failed to create pod network sandbox k8s_<pod>_<ns>_<uid>_0(<id>): `.
    if let Some(at) = s.rfind("failed to create pod network sandbox k8s_") {
        let rest = &s[at + "failed to create pod network sandbox k8s_".len()..];
        if let Some(end) = rest.find("): ") {
            let parts: Vec<&str> = rest[..end].split('_').collect();
            if parts.len() >= 3 {
                captures.insert("pod".into(), parts[0].into());
                captures.insert("namespace".into(), parts[1].into());
            }
            s = &rest[end + 3..];
        }
    }
    // `error adding pod <ns>_<pod> to CNI network "<net>": `.
    if let Some(at) = s.rfind("error adding pod ") {
        let rest = &s[at + "error adding pod ".len()..];
        if let Some(mid) = rest.find(" to CNI network \"") {
            if let Some((ns, pod)) = rest[..mid].split_once('_') {
                captures.insert("namespace".into(), ns.into());
                captures.insert("pod".into(), pod.into());
            }
            let after = &rest[mid + " to CNI network \"".len()..];
            if let Some(end) = after.find("\": ") {
                s = &after[end + 3..];
            }
        }
    }
    // An event without the network layer: what follows `desc = `.
    if let Some(at) = s.rfind("desc = ") {
        s = &s[at + "desc = ".len()..];
    }
    // An event line of `kubectl describe` / `kubectl get events`: the message column.
    if let Some(at) = s.find("Failed to create pod sandbox: ") {
        s = &s[at + "Failed to create pod sandbox: ".len()..];
    }
    s
}

/// `plugin type="<t>" [name="<n>"] failed (add): `.
fn plugin_layer<'a>(s: &'a str, u: &mut Unwrapped) -> Option<&'a str> {
    let rest = s.strip_prefix("plugin type=\"")?;
    let end = rest.find('"')?;
    let plugin = &rest[..end];
    let mut rest = &rest[end + 1..];
    if let Some(r) = rest.strip_prefix(" name=\"") {
        let e = r.find('"')?;
        rest = &r[e + 1..];
    }
    let rest = rest.strip_prefix(" failed (")?;
    let close = rest.find("): ")?;
    if close > 6 {
        return None;
    }
    u.plugin = Some(plugin.to_string());
    if plugin != "multus" && plugin != "multus-shim" {
        u.captures.insert("plugin".into(), plugin.to_string());
    }
    Some(&rest[close + 3..])
}

/// Multus's `[<ns>/<pod>/<uid>:<network>]: ` (or without the uid or network).
fn multus_pod_layer<'a>(s: &'a str, captures: &mut BTreeMap<String, String>) -> Option<&'a str> {
    let rest = s.strip_prefix('[')?;
    let end = rest.find("]: ")?;
    let inner = &rest[..end];
    if inner.contains(' ') || !inner.contains('/') {
        return None;
    }
    let (ids, network) = match inner.rsplit_once(':') {
        Some((ids, net)) => (ids, Some(net)),
        None => (inner, None),
    };
    pod_ns(ids, captures);
    if let Some(net) = network {
        captures.insert("network".into(), net.into());
    }
    Some(&rest[end + 3..])
}

/// `<ns>/<pod>[/<uid>]`.
fn pod_ns(ids: &str, captures: &mut BTreeMap<String, String>) {
    let mut parts = ids.split('/');
    if let (Some(ns), Some(pod)) = (parts.next(), parts.next()) {
        captures.insert("namespace".into(), ns.into());
        captures.insert("pod".into(), pod.into());
    }
}

/// `<prefix><value>": `.
fn quoted_layer<'a>(s: &'a str, prefix: &str, u: &mut Unwrapped, key: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(prefix)?;
    let end = rest.find("\": ")?;
    u.captures.insert(key.into(), rest[..end].to_string());
    Some(&rest[end + 3..])
}

/// The Go function names Multus puts before an error only to wrap it (the ones that
/// tell errors apart, such as `parsePodNetworkAnnotation` or `tryLoadK8sPodDefaultNetwork`,
/// stay part of the message).
const WRAPPING_FUNCTIONS: &[&str] = &[
    "TryLoadPodDelegates",
    "GetNetworkDelegates",
    "getKubernetesDelegate",
    "GetCNIConfig",
    "DelegateAdd",
    "CmdAdd",
    "cmdAdd",
];

/// A wrapping Go function name used as an error prefix: `TryLoadPodDelegates: `.
fn go_function_prefix(s: &str) -> Option<&str> {
    let end = s.find(": ")?;
    WRAPPING_FUNCTIONS
        .contains(&&s[..end])
        .then(|| &s[end + 2..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_event() {
        let text = "  Warning  FailedCreatePodSandBox  4s  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"cc39\": plugin type=\"multus\" name=\"multus-cni-network\" failed (add): [default/web-7d9f/1c2b3a:k8s-pod-network]: error adding container to network \"k8s-pod-network\": plugin type=\"calico\" failed (add): invalid character 'd' looking for beginning of value";
        let all = errors_in(text).0;
        assert_eq!(all.len(), 1);
        let u = &all[0];
        assert_eq!(
            u.core,
            "invalid character 'd' looking for beginning of value"
        );
        assert_eq!(u.plugin.as_deref(), Some("calico"));
        assert_eq!(u.captures["pod"], "web-7d9f");
        assert_eq!(u.captures["namespace"], "default");
        assert_eq!(u.captures["network"], "k8s-pod-network");
    }

    #[test]
    fn multus_function_prefixes() {
        let u = unwrap("plugin type=\"multus\" name=\"multus-cni-network\" failed (add): Multus: [default/samplepod-bridge/772c]: error loading k8s delegates k8s args: TryLoadPodDelegates: error in getting k8s network for pod: GetNetworkDelegates: failed getting the delegate: getKubernetesDelegate: cannot find a network-attachment-definition () in namespace (default): resource name may not be empty");
        assert_eq!(
            u.core,
            "cannot find a network-attachment-definition () in namespace (default): resource name may not be empty"
        );
        assert_eq!(u.plugin.as_deref(), Some("multus"));
        assert_eq!(u.captures["pod"], "samplepod-bridge");
    }

    #[test]
    fn thick_plugin() {
        let u = unwrap("plugin type=\"multus-shim\" name=\"multus-cni-network\" failed (add): CmdAdd (shim): CNI request failed with status 400: 'ContainerID:\"1\" Netns:\"/var/run/netns/x\" IfName:\"eth0\" Args:\"K8S_POD_NAMESPACE=apps\" Path:\"\" ERRORED: error configuring pod [apps/db-0] networking: [apps/db-0/9a:storage]: error adding container to network \"storage\": failed to find plugin \"macvlan\" in path [/opt/cni/bin]\n'");
        assert_eq!(
            u.core,
            "failed to find plugin \"macvlan\" in path [/opt/cni/bin]"
        );
        assert_eq!(u.captures["pod"], "db-0");
        assert_eq!(u.captures["network"], "storage");
    }
}
