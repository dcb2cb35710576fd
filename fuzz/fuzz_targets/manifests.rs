//! Structure-aware: manifests assembled from Kubernetes shapes, the annotation keys podnet
//! reads, and values mixing valid and broken JSON, quoting styles and indentation.
#![no_main]

use arbitrary::Arbitrary;

mod oracles;

const KINDS: &[&str] = &["Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Namespace", "NetworkAttachmentDefinition", "IPPool", "List"];
const KEYS: &[&str] = &[
    "k8s.v1.cni.cncf.io/networks",
    "v1.multus-cni.io/default-network",
    "cni.projectcalico.org/ipv4pools",
    "cni.projectcalico.org/ipv6pools",
    "cni.projectcalico.org/ipFamilies",
    "cni.projectcalico.org/ipAddrs",
    "cni.projectcalico.org/ipAddrsNoIpam",
    "cni.projectcalico.org/floatingIPs",
    "cni.projectcalico.org/hwAddr",
    "cni.projectcalico.org/allowedSourcePrefixes",
    "cni.projectcalico.org/podIP",
    "k8s.v1.cni.cncf.io/network",
];
const VALUES: &[&str] = &[
    "default-ipv4-ippool", "[\"pool-a\"]", "['pool-a']", "[pool-a pool-b]", "\u{201c}p\u{201d}", "[\"a\",]",
    "macvlan-conf", "ns/net@eth1", "a,,b", "[{\"name\":\"n\",\"ips\":[\"10.0.0.1/24\"],\"mac\":\"02:00:00:00:00:01\"}]",
    "[{\"name\":\"n\",\"default-route\":[\"10.0.0.1/24\"]}]", "{\"name\":\"x\"}", "[\"10.0.0.5/32\"]", "02:00:00:00:00:01",
    "[\"IPv4\",\"ipv6\"]", "", "null", "[{\"name\": 5}]", "10.0.0.0/16", "fd00::/64",
];

#[derive(Arbitrary, Debug)]
struct Doc {
    kind: u8,
    name: String,
    annotations: Vec<(u8, u8, u8)>,
    extra: String,
    indent: bool,
    crlf: bool,
    template: bool,
}

fn quote(style: u8, v: &str, pad: &str, nl: &str) -> String {
    match style % 5 {
        0 => v.to_string(),
        1 => format!("'{}'", v.replace('\'', "''")),
        2 => format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"")),
        3 => format!("|{nl}{pad}  {v}{nl}"),
        _ => format!(">-{nl}{pad}  {v}{nl}"),
    }
}

libfuzzer_sys::fuzz_target!(|docs: Vec<Doc>| {
    let mut out = String::new();
    for d in docs.iter().take(8) {
        let nl = if d.crlf { "\r\n" } else { "\n" };
        let ind = if d.indent { "    " } else { "  " };
        let kind = KINDS[d.kind as usize % KINDS.len()];
        out.push_str(&format!("---{nl}apiVersion: v1{nl}kind: {kind}{nl}metadata:{nl}{ind}name: {:?}{nl}", d.name));
        let (pad, head) = if d.template {
            (format!("{ind}{ind}{ind}"), format!("spec:{nl}{ind}template:{nl}{ind}{ind}metadata:{nl}"))
        } else {
            (ind.to_string(), String::new())
        };
        out.push_str(&head);
        out.push_str(&format!("{pad}annotations:{nl}"));
        for &(k, v, s) in d.annotations.iter().take(8) {
            let key = KEYS[k as usize % KEYS.len()];
            let val = VALUES[v as usize % VALUES.len()];
            let q = quote(s, val, &pad, nl);
            out.push_str(&format!("{pad}{ind}{key}: {q}"));
            if !q.ends_with('\n') {
                out.push_str(nl);
            }
        }
        out.push_str(&d.extra);
        out.push_str(nl);
    }
    oracles::check_all(&out);
});
