//! Every Multus rule: an invalid input produces it at the right range (the sliced source
//! text is asserted), a valid neighbour does not, and where a fix exists `fix` output no
//! longer produces it and is otherwise byte-identical (the whole fixed text is asserted).

#![cfg_attr(test, allow(clippy::unwrap_used))]

use podnet_lint::{check, fix, rules, Profile, Severity};

fn pod(ann: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n{ann}spec:\n  containers:\n  - name: app\n    image: nginx\n")
}

/// A Pod without annotations (what deleting the last annotation leaves).
fn bare_pod() -> String {
    pod("").replace("  annotations:\n", "")
}

fn net(v: &str) -> String {
    pod(&format!("    k8s.v1.cni.cncf.io/networks: {v}\n"))
}

fn dnet(v: &str) -> String {
    pod(&format!("    v1.multus-cni.io/default-network: {v}\n"))
}

fn ippool(name: &str, cidr: &str) -> String {
    format!("apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: {name}\nspec:\n  cidr: {cidr}\n  nodeSelector: all()\n")
}

fn nad(name: &str, config: &str) -> String {
    format!("apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: {name}\nspec:\n  config: '{config}'\n")
}

fn profile(json: &str) -> Profile {
    if json.is_empty() {
        return Profile::default();
    }
    let mut base = serde_json::to_value(Profile::default()).unwrap();
    let patch: serde_json::Value = serde_json::from_str(json).unwrap();
    for (k, v) in patch.as_object().unwrap() {
        for (k2, v2) in v.as_object().unwrap() {
            base[k][k2] = v2.clone();
        }
    }
    serde_json::from_value(base).unwrap()
}

struct Case {
    rule: &'static str,
    profile: &'static str,
    bad: String,
    /// The source text the finding must cover.
    slice: &'static str,
    severity: Option<Severity>,
    good: String,
    /// The whole text after `fix` (unsafe fixes included when `unsafe_fix`).
    fixed: Option<String>,
    unsafe_fix: bool,
}

fn case(rule: &'static str, bad: String, slice: &'static str, good: String) -> Case {
    Case {
        rule,
        profile: "",
        bad,
        slice,
        severity: None,
        good,
        fixed: None,
        unsafe_fix: false,
    }
}

impl Case {
    fn fixed(mut self, f: String) -> Case {
        self.fixed = Some(f);
        self
    }
    fn fixed_unsafe(mut self, f: String) -> Case {
        self.fixed = Some(f);
        self.unsafe_fix = true;
        self
    }
    fn profile(mut self, p: &'static str) -> Case {
        self.profile = p;
        self
    }
    fn severity(mut self, s: Severity) -> Case {
        self.severity = Some(s);
        self
    }
}

fn run(c: &Case) -> Vec<String> {
    let mut fails = Vec::new();
    let p = profile(c.profile);
    let r = check(&c.bad, &p);
    let found: Vec<_> = r.diagnostics.iter().filter(|d| d.rule == c.rule).collect();
    let hit = found
        .iter()
        .find(|d| &c.bad[d.range.start.offset..d.range.end.offset] == c.slice);
    match hit {
        None => fails.push(format!(
            "{}: no finding at {:?}; got {:?}",
            c.rule,
            c.slice,
            r.diagnostics
                .iter()
                .map(|d| format!(
                    "{} {:?} {}",
                    d.rule,
                    &c.bad[d.range.start.offset..d.range.end.offset],
                    d.message
                ))
                .collect::<Vec<_>>()
        )),
        Some(d) => {
            if let Some(s) = c.severity {
                if d.severity != s {
                    fails.push(format!(
                        "{}: severity {:?}, want {:?}",
                        c.rule, d.severity, s
                    ));
                }
            }
            if c.fixed.is_some() && d.fix.is_none() {
                fails.push(format!("{}: no fix offered", c.rule));
            }
        }
    }
    let g = check(&c.good, &p);
    if let Some(d) = g.diagnostics.iter().find(|d| d.rule == c.rule) {
        fails.push(format!(
            "{}: valid neighbour produces it: {}",
            c.rule, d.message
        ));
    }
    if let Some(want) = &c.fixed {
        let out = fix(&c.bad, None, &p, c.unsafe_fix);
        if &out.fixed != want {
            fails.push(format!(
                "{}: fixed output differs\n--- got\n{}\n--- want\n{}",
                c.rule, out.fixed, want
            ));
        }
        let again = check(&out.fixed, &p);
        if again
            .diagnostics
            .iter()
            .any(|d| d.rule == c.rule && d.severity >= Severity::Warning)
        {
            fails.push(format!("{}: fixed output still produces it", c.rule));
        }
    }
    fails
}

fn cases() -> Vec<Case> {
    let deploy = |own: &str, tmpl: &str| {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: edge-gw\n{own}spec:\n  selector:\n    matchLabels:\n      app: edge-gw\n  template:\n    metadata:\n      labels:\n        app: edge-gw\n{tmpl}    spec:\n      containers:\n      - name: app\n        image: nginx\n")
    };
    let labels = |extra: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: p\n{extra}spec:\n  containers:\n  - name: app\n    image: nginx\n")
    };
    let sts = |v: &str| {
        format!("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: my-app\nspec:\n  replicas: 3\n  serviceName: my-app\n  selector:\n    matchLabels:\n      app: my-app\n  template:\n    metadata:\n      annotations:\n        k8s.v1.cni.cncf.io/networks: {v}\n    spec:\n      containers:\n      - name: app\n        image: nginx\n")
    };
    let bad_meta = "apiVersion: v1\nkind: Pod\nmetadata:\nname: pod-example\nannotations:\n v1.multus-cni.io/default-network: kube-system/calico-conf\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let good_meta = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-example\n  annotations:\n   v1.multus-cni.io/default-network: kube-system/calico-conf\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let mv = r#"{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "static"}}"#;
    let mvw = r#"{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "whereabouts", "range": "192.168.20.0/24"}}"#;
    let hl = r#"{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1", "ipam": {"type": "host-local", "subnet": "10.1.1.0/24"}}"#;
    let sriov_nad = "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: sriov-net1\n  annotations:\n    k8s.v1.cni.cncf.io/resourceName: intel.com/sriov\nspec:\n  config: '{\"cniVersion\": \"0.3.1\", \"name\": \"sriov-net1\", \"type\": \"sriov\"}'\n---\n";
    let sriov_pod = |res: &str| {
        format!("{sriov_nad}apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    k8s.v1.cni.cncf.io/networks: sriov-net1\nspec:\n  containers:\n  - name: app\n    image: centos\n{res}")
    };
    let raw_nad = |kind: &str, body: &str| {
        format!(
            "apiVersion: k8s.cni.cncf.io/v1\nkind: {kind}\nmetadata:\n  name: macvlan-conf\n{body}"
        )
    };
    vec![
        case("MUL-P01", deploy("  annotations:\n    k8s.v1.cni.cncf.io/networks: macvlan-conf\n", ""), "k8s.v1.cni.cncf.io/networks: macvlan-conf", deploy("", "      annotations:\n        k8s.v1.cni.cncf.io/networks: macvlan-conf\n"))
            .fixed(deploy("", "      annotations:\n        k8s.v1.cni.cncf.io/networks: macvlan-conf\n")),
        case("MUL-P02", labels("    k8s.v1.cni.cncf.io/networks: macvlan-conf\n"), "k8s.v1.cni.cncf.io/networks: macvlan-conf", labels("  annotations:\n    k8s.v1.cni.cncf.io/networks: macvlan-conf\n"))
            .fixed(labels("  annotations:\n    k8s.v1.cni.cncf.io/networks: macvlan-conf\n")),
        case("MUL-P03", pod("    k8s.v1.cni.cncf.io/network: macvlan-conf\n"), "k8s.v1.cni.cncf.io/network", net("macvlan-conf")).fixed(net("macvlan-conf")).severity(Severity::Warning),
        case("MUL-P04", net(r#"[{"name": "macvlan-conf"}]"#), r#"[{"name": "macvlan-conf"}]"#, net(r#"'[{"name": "macvlan-conf"}]'"#)).fixed(net(r#"'[{"name":"macvlan-conf"}]'"#)),
        case("MUL-P04", net("[macvlan-conf, other]"), "[macvlan-conf, other]", net("macvlan-conf,other")).fixed(net("'macvlan-conf,other'")),
        case("MUL-P05", pod("    k8s.v1.cni.cncf.io/networks: macvlan-conf\n    k8s.v1.cni.cncf.io/network-status: '[]'\n"), "k8s.v1.cni.cncf.io/network-status: '[]'", net("macvlan-conf")).fixed(net("macvlan-conf")).severity(Severity::Info),
        case("MUL-P07", bad_meta.to_string(), "name", good_meta.to_string()).fixed("apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-example\n  annotations:\n   v1.multus-cni.io/default-network: kube-system/calico-conf\nspec:\n  containers:\n  - name: app\n    image: nginx\n".into()),
        case("MUL-P07", bad_meta.to_string(), "annotations", good_meta.to_string()),
        case("MUL-P08", net("\"\""), "k8s.v1.cni.cncf.io/networks: \"\"", net("macvlan-conf")).fixed(bare_pod()).severity(Severity::Info),
        case("MUL-S01", net("macvlan-conf,"), ",", net("macvlan-conf")).fixed(net("macvlan-conf")),
        case("MUL-S01", net("a,, b"), ",", net("a, b")).fixed(net("a, b")),
        case("MUL-S01", net("testns1/"), "testns1/", net("testns1/macvlan-conf")),
        case("MUL-S02", net("v1.1-istio-cni"), "v1.1-istio-cni", net(r#"'[{"name":"v1.1-istio-cni"}]'"#)).fixed(net(r#"'[{"name":"v1.1-istio-cni"}]'"#)),
        case("MUL-S02", net("Macvlan-Conf@eth1"), "Macvlan-Conf", net("macvlan-conf@eth1")).fixed_unsafe(net("macvlan-conf@eth1")),
        case("MUL-S02", net("Test_NS/macvlan-conf"), "Test_NS", net("test-ns/macvlan-conf")),
        case("MUL-S03", net("default/net/macvlan-conf"), "default/net/macvlan-conf", net("default/macvlan-conf")),
        case("MUL-S04", net("a, macvlan-conf@eth1@eth2"), "macvlan-conf@eth1@eth2", net("a, macvlan-conf@eth1")),
        case("MUL-S05", net("macvlan-conf@storage-network-1"), "storage-network-1", net("macvlan-conf@storage1")),
        case("MUL-S05", net("macvlan-conf@eth:1"), "eth:1", net("macvlan-conf@eth1")),
        case("MUL-S05", net("macvlan-conf@Data_1"), "Data_1", net("macvlan-conf@data1")).severity(Severity::Info),
        case("MUL-S06", net("net-a; net-b"), "net-a; net-b", net("net-a,net-b")).fixed(net("'net-a,net-b'")),
        case("MUL-J01", net(r#"'[{"name": "macvlan-conf", "ips": ["10.1.1.104/24"]]'"#), "]", net(r#"'[{"name": "macvlan-conf", "ips": ["10.1.1.104/24"]}]'"#)).fixed(net(r#"'[{"name": "macvlan-conf", "ips": ["10.1.1.104/24"]}]'"#)),
        case("MUL-J01", net(r#"'[{"name": "a",}]'"#), "}", net(r#"'[{"name": "a"}]'"#)).fixed(net(r#"'[{"name": "a"}]'"#)),
        case("MUL-J02", net(r#"'{"name": "macvlan-conf"}'"#), r#"{"name": "macvlan-conf"}"#, net(r#"'[{"name": "macvlan-conf"}]'"#)).fixed(net(r#"'[{"name": "macvlan-conf"}]'"#)),
        case("MUL-J02", net(r#"'"macvlan-conf"'"#), r#""macvlan-conf""#, net("'macvlan-conf'")).fixed(net("'macvlan-conf'")),
        case("MUL-J03", net(r#"'[{"name": "a", "ips": "10.1.1.10/24"}]'"#), r#""10.1.1.10/24""#, net(r#"'[{"name": "a", "ips": ["10.1.1.10/24"]}]'"#)).fixed(net(r#"'[{"name": "a", "ips": ["10.1.1.10/24"]}]'"#)),
        case("MUL-J03", net(r#"'[{"name": "a", "portMappings": [{"hostPort": "8080", "containerPort": 80}]}]'"#), r#""8080""#, net(r#"'[{"name": "a", "portMappings": [{"hostPort": 8080, "containerPort": 80}]}]'"#)).fixed(net(r#"'[{"name": "a", "portMappings": [{"hostPort": 8080, "containerPort": 80}]}]'"#)),
        case("MUL-J04", net(r#"'[{"namespace": "default", "interface": "net1"}]'"#), r#"{"namespace": "default", "interface": "net1"}"#, net(r#"'[{"name": "a", "namespace": "default", "interface": "net1"}]'"#)),
        case("MUL-J05", net(r#"'[{"name": "openshift-multus/macvlan-conf"}]'"#), r#""openshift-multus/macvlan-conf""#, net(r#"'[{"name": "macvlan-conf", "namespace": "openshift-multus"}]'"#)).fixed(net(r#"'[{"name":"macvlan-conf","namespace":"openshift-multus"}]'"#)),
        case("MUL-J06", net(r#"'[{"name": "Macvlan_Conf"}]'"#), r#""Macvlan_Conf""#, net(r#"'[{"name": "macvlan-conf"}]'"#)),
        case("MUL-J06", net(r#"'[{"name": " a"}]'"#), r#"" a""#, net(r#"'[{"name": "a"}]'"#)),
        case("MUL-J07", net(r#"'[{"name": "a", "macRequest": "02:00:00:00:00:01"}]'"#), r#""macRequest""#, net(r#"'[{"name": "a", "mac": "02:00:00:00:00:01"}]'"#)).fixed(net(r#"'[{"name": "a", "mac": "02:00:00:00:00:01"}]'"#)).severity(Severity::Warning),
        case("MUL-J07", net(r#"'[{"name": "a", "gateway": ["10.0.0.1"]}]'"#), r#""gateway""#, net(r#"'[{"name": "a", "org.example.gw": "x"}]'"#)).fixed_unsafe(net(r#"'[{"name": "a", "default-route": ["10.0.0.1"]}]'"#)),
        case("MUL-J07", net(r#"'[{"Name": "a"}]'"#), r#""Name""#, net(r#"'[{"name": "a"}]'"#)).fixed(net(r#"'[{"name": "a"}]'"#)),
        case("MUL-J08", net(r#"'[{"name": "a", "interfaceRequest": "eth1"}]'"#), r#""interfaceRequest""#, net(r#"'[{"name": "a", "interface": "eth1"}]'"#)).fixed(net(r#"'[{"name": "a", "interface": "eth1"}]'"#)),
        case("MUL-J09", net(r#"'[{"name": "a", "ips": ["10.1.1.304/24"]}]'"#), r#""10.1.1.304/24""#, net(r#"'[{"name": "a", "ips": ["10.1.1.34/24"]}]'"#)),
        case("MUL-J09", net(r#"'[{"name": "a", "ips": []}]'"#), "[]", net(r#"'[{"name": "a"}]'"#)).severity(Severity::Warning),
        case("MUL-J10", net(r#"'[{"name": "a", "mac": "c3:b0:57:49:47:f1"}]'"#), r#""c3:b0:57:49:47:f1""#, net(r#"'[{"name": "a", "mac": "c2:b0:57:49:47:f1"}]'"#)),
        case("MUL-J10", net(r#"'[{"name": "a", "mac": "c2:b0:57:49:47"}]'"#), r#""c2:b0:57:49:47""#, net(r#"'[{"name": "a", "mac": "c2:b0:57:49:47:f1"}]'"#)),
        case("MUL-J11", net(r#"'[{"name": "a", "infiniband-guid": "24:8a:07:03:00:8d:ae"}]'"#), r#""24:8a:07:03:00:8d:ae""#, net(r#"'[{"name": "a", "infiniband-guid": "24:8a:07:03:00:8d:ae:d6"}]'"#)),
        case("MUL-J11", net(r#"'[{"name": "a", "infiniband-guid": "24:8a:07:03:00:8d"}]'"#), r#""24:8a:07:03:00:8d""#, net(r#"'[{"name": "a"}]'"#)).severity(Severity::Warning),
        case("MUL-J12", net(r#"'[{"name": "a", "default-route": ["192.168.2.1/24"]}]'"#), r#""192.168.2.1/24""#, net(r#"'[{"name": "a", "default-route": ["192.168.2.1"]}]'"#)).fixed(net(r#"'[{"name": "a", "default-route": ["192.168.2.1"]}]'"#)),
        case("MUL-J13", net(r#"'[{"name": "a", "default-route": ["10.1.0.1"]}, {"name": "b", "default-route": ["10.2.0.1"]}]'"#), r#""10.2.0.1""#, net(r#"'[{"name": "a", "default-route": ["10.1.0.1"]}, {"name": "b"}]'"#)),
        case("MUL-J14", net(r#"'[{"name": "a", "default-route": []}]'"#), "[]", net(r#"'[{"name": "a"}]'"#)).severity(Severity::Warning),
        case("MUL-J15", net(r#"'[{"name": "a", "interface": "storage-network-1"}]'"#), r#""storage-network-1""#, net(r#"'[{"name": "a", "interface": "storage1"}]'"#)),
        case("MUL-J16", net(r#"'[{"name": "a", "interface": "net1"}, {"name": "b", "interface": "net1 "}]'"#.replace("net1 ", "net1").leak()), r#""net1""#, net(r#"'[{"name": "a", "interface": "net1"}, {"name": "b", "interface": "net2"}]'"#)),
        case("MUL-J16", net("a, b@net1"), "net1", net("a, b@net9")),
        case("MUL-J16", net("a@eth0"), "eth0", net("a@eth1")),
        case("MUL-J16", net("a, b@net3"), "net3", net("a, b@net2")).profile(r#"{"multus":{"defaultNetworks":2}}"#),
        case("MUL-J17", net(r#"'[{"name": "b", "portMappings": [{"hostPort": 80800, "containerPort": 80}]}]'"#), "80800", net(r#"'[{"name": "b", "portMappings": [{"hostPort": 8080, "containerPort": 80}]}]'"#)),
        case("MUL-J17", net(r#"'[{"name": "b", "portMappings": [{"hostPort": 8080, "containerPort": 80, "protocol": "icmp"}]}]'"#), r#""icmp""#, net(r#"'[{"name": "b", "portMappings": [{"hostPort": 8080, "containerPort": 80, "protocol": "TCP"}]}]'"#)),
        case("MUL-J18", net(r#"'[{"name": "b", "bandwidth": {"ingressRate": 0, "ingressBurst": 1000}}]'"#), "0", net(r#"'[{"name": "b", "bandwidth": {"ingressRate": 2048, "ingressBurst": 1000}}]'"#)),
        case("MUL-J20", net(r#"'[{"name": "b", "ips": ["10.0.0.5/24"], "ipam-claim-reference": "c"}]'"#), r#""ipam-claim-reference""#, net(r#"'[{"name": "b", "ips": ["10.0.0.5/24"]}]'"#)).severity(Severity::Warning),
        case("MUL-J21", sts(r#"'[{"name": "conf-static", "ips": ["10.1.1.10/24"]}]'"#), r#"["10.1.1.10/24"]"#, sts("whereabouts-conf")),
        case("MUL-J22", net(r#"'[{"name": "a", "default-route": ["192.168.2.1"]}]'"#), r#""default-route""#, net(r#"'[{"name": "a"}]'"#)).severity(Severity::Info),
        case("MUL-D01", dnet("kube-system/calico-a,kube-system/calico-b"), "kube-system/calico-b", dnet("kube-system/calico-a")),
        case("MUL-D02", dnet("\"\""), "v1.multus-cni.io/default-network: \"\"", dnet("kube-system/calico")).fixed(bare_pod()),
        case("MUL-D03", dnet("calico-conf"), "calico-conf", dnet("kube-system/calico-conf")).fixed_unsafe(dnet("kube-system/calico-conf")).severity(Severity::Info),
        case("MUL-D03", format!("{}---\n{}", nad("calico-conf", r#"{"cniVersion": "0.3.1", "name": "calico-conf", "type": "calico"}"#), dnet(r#"'[{"name": "calico-conf"}]'"#)), r#""calico-conf""#, format!("{}---\n{}", nad("calico-conf", r#"{"cniVersion": "0.3.1", "name": "calico-conf", "type": "calico"}"#), dnet(r#"'[{"name": "calico-conf", "namespace": "default"}]'"#))).severity(Severity::Warning),
        case("MUL-D04", dnet(r#"'[{"name": "calico", "namespace": "kube-system", "ips": ["192.168.10.7/32"]}]'"#), r#""ips""#, dnet(r#"'[{"name": "calico", "namespace": "kube-system"}]'"#)),
        case("MUL-X01", net("macvlan-conf"), "macvlan-conf", format!("{}---\n{}", nad("macvlan-conf", mv), net("macvlan-conf"))).profile(r#"{"multus":{"inventoryComplete":true}}"#).severity(Severity::Error),
        case("MUL-X01", net("a, macvlan-conf"), "macvlan-conf", format!("{}---\n{}---\n{}", nad("a", mv), nad("macvlan-conf", mv), net("a, macvlan-conf"))).severity(Severity::Info),
        case("MUL-X02", net("privileged/macvlan-conf"), "privileged", net("macvlan-conf")).profile(r#"{"multus":{"namespaceIsolation":true}}"#).severity(Severity::Error),
        case("MUL-X02", net(r#"'[{"name": "a", "namespace": "other"}]'"#), r#""other""#, net(r#"'[{"name": "a", "namespace": "default"}]'"#)).severity(Severity::Info),
        case("MUL-X03", format!("{}---\n{}", nad("m", mv), net(r#"'[{"name": "m", "ips": ["10.1.1.10/24"]}]'"#)), r#""ips""#, format!("{}---\n{}", nad("m", &mv.replace("\"master\"", "\"capabilities\": {\"ips\": true}, \"master\"")), net(r#"'[{"name": "m", "ips": ["10.1.1.10/24"]}]'"#)))
            .fixed_unsafe(format!("{}---\n{}", nad("m", &mv.replacen('{', "{ \"capabilities\": {\"ips\": true},", 1)), net(r#"'[{"name": "m", "ips": ["10.1.1.10/24"]}]'"#))).severity(Severity::Warning),
        case("MUL-X04", format!("{}---\n{}", nad("m", mv), net(r#"'[{"name": "m", "ips": ["10.1.1.10"]}]'"#)), r#""10.1.1.10""#, format!("{}---\n{}", nad("m", mv), net(r#"'[{"name": "m", "ips": ["10.1.1.10/24"]}]'"#))),
        case("MUL-X05", format!("{}---\n{}", nad("h", hl), net(r#"'[{"name": "h", "ips": ["10.1.1.10", "10.1.1.11"]}]'"#)), r#"["10.1.1.10", "10.1.1.11"]"#, format!("{}---\n{}", nad("h", hl), net(r#"'[{"name": "h", "ips": ["10.1.1.10"]}]'"#))),
        case("MUL-X06", sriov_pod(""), "containers", sriov_pod("    resources:\n      limits:\n        intel.com/sriov: 1\n"))
            .fixed(sriov_pod("    resources:\n      requests:\n        intel.com/sriov: \"1\"\n      limits:\n        intel.com/sriov: \"1\"\n")),
        case("MUL-X07", net(r#"'[{"name": "a", "ips": ["10.1.1.10/24"], "default-route": ["10.2.0.1"]}]'"#), r#""10.2.0.1""#, net(r#"'[{"name": "a", "ips": ["10.1.1.10/24"], "default-route": ["10.1.1.1"]}]'"#)),
        case("MUL-X07", format!("{}---\n{}", nad("h", hl), net(r#"'[{"name": "h", "default-route": ["10.2.0.1"]}]'"#)), r#""10.2.0.1""#, format!("{}---\n{}", nad("h", hl), net(r#"'[{"name": "h", "default-route": ["10.1.1.1"]}]'"#))).severity(Severity::Warning),
        case("MUL-N01", raw_nad("NetworkAttachementDefinition", ""), "kind: NetworkAttachementDefinition", raw_nad("NetworkAttachmentDefinition", "")).fixed(raw_nad("NetworkAttachmentDefinition", "")),
        case("MUL-N02", nad("v1.1-istio-cni", mv), "v1.1-istio-cni", nad("v1-1-istio-cni", mv)).severity(Severity::Warning),
        case("MUL-N02", nad("Bad_Name", mv), "Bad_Name", nad("bad-name", mv)).severity(Severity::Error),
        case("MUL-N03", raw_nad("NetworkAttachmentDefinition", "spec:\n  config: {cniVersion: 0.3.1, type: macvlan}\n"), "{cniVersion: 0.3.1, type: macvlan}", nad("macvlan-conf", r#"{"cniVersion":"0.3.1","type":"macvlan"}"#))
            .fixed(nad("macvlan-conf", r#"{"cniVersion":"0.3.1","type":"macvlan"}"#)),
        case("MUL-N04", nad("m", r#"{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1",}"#), "}", nad("m", r#"{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1"}"#)).fixed(nad("m", r#"{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1"}"#)),
        case("MUL-N05", nad("m", r#"[{"type": "macvlan"}, {"type": "tuning"}]"#), r#"'[{"type": "macvlan"}, {"type": "tuning"}]'"#, nad("m", r#"{"cniVersion": "0.4.0", "plugins": [{"type": "macvlan"}, {"type": "tuning"}]}"#))
            .fixed(nad("m", r#"{ "cniVersion": "0.4.0", "plugins": [{"type": "macvlan"}, {"type": "tuning"}] }"#)),
        case("MUL-N06", nad("m", r#"{"cniVersion": "1.0.0", "plugins": []}"#), "[]", nad("m", r#"{"cniVersion": "1.0.0", "plugins": [{"type": "loopback"}]}"#)),
        case("MUL-N06", nad("m", r#"{"cniVersion": "1.0.0", "plugins": [{"type": "bridge"}, {"type:": "tuning"}]}"#), "{", nad("m", r#"{"cniVersion": "1.0.0", "plugins": [{"type": "bridge"}, {"type": "tuning"}]}"#)),
        case("MUL-N07", nad("m", r#"{"cniVersion": "0.3.1", "type": "macvlan", "plugins": [{"type": "tuning"}]}"#), r#""plugins": [{"type": "tuning"}]"#, nad("m", r#"{"cniVersion": "0.3.1", "type": "macvlan"}"#))
            .fixed_unsafe(nad("m", r#"{"cniVersion": "0.3.1", "type": "macvlan"}"#)).severity(Severity::Warning),
        case("MUL-N08", nad("m", r#"{"cniVersion": "0.3", "type": "macvlan"}"#), r#""0.3""#, nad("m", r#"{"cniVersion": "0.3.1", "type": "macvlan"}"#)),
        case("MUL-N08", nad("m", r#"{"plugins": [{"type": "bridge", "cniVersion": "0.4.0"}, {"type": "tuning", "cniVersion": "0.4.0"}]}"#), "{", nad("m", r#"{"cniVersion": "0.4.0", "plugins": [{"type": "bridge"}, {"type": "tuning"}]}"#))
            .fixed(nad("m", r#"{ "cniVersion": "0.4.0","plugins": [{"type": "bridge", "cniVersion": "0.4.0"}, {"type": "tuning", "cniVersion": "0.4.0"}]}"#)),
        case("MUL-N08", nad("m", r#"{"type": "macvlan"}"#), "{", nad("m", r#"{"cniVersion": "1.0.0", "type": "macvlan"}"#)).severity(Severity::Warning),
        case("MUL-N09", nad("sriov-net1", r#"{"cniVersion": "0.3.1", "name": "sriov-network", "type": "sriov"}"#), r#""sriov-network""#, nad("sriov-net1", r#"{"cniVersion": "0.3.1", "name": "sriov-net1", "type": "sriov"}"#)).severity(Severity::Info),
        case("MUL-N10", raw_nad("NetworkAttachmentDefinition", ""), "macvlan-conf", nad("macvlan-conf", mv)).severity(Severity::Info),
        case("MUL-N11", nad("m", r#"{"cniVersion": "0.3.1", "type": "macvlan", "capabilities": {"ips": "true"}}"#), r#""true""#, nad("m", r#"{"cniVersion": "0.3.1", "type": "macvlan", "capabilities": {"ips": true}}"#)),
        case("MUL-N11", nad("m", r#"{"cniVersion": "0.3.1", "type": "macvlan", "ipam": "dhcp"}"#), r#""dhcp""#, nad("m", r#"{"cniVersion": "0.3.1", "type": "macvlan", "ipam": {"type": "dhcp"}}"#)),
        case("MUL-C03", format!("{}---\n{}", nad("m", mvw), pod("    k8s.v1.cni.cncf.io/networks: m\n    cni.projectcalico.org/ipv4pools: '[\"192.168.20.0/26\"]'\n")), "cni.projectcalico.org/ipv4pools", format!("{}---\n{}", nad("m", mvw), net("m"))).severity(Severity::Info),
        // A pool named by the annotation, resolved through the IPPools of the input.
        case("MUL-C03", format!("{}---\n{}---\n{}", nad("m", mvw), ippool("p", "192.168.0.0/16"), pod("    k8s.v1.cni.cncf.io/networks: m\n    cni.projectcalico.org/ipv4pools: '[\"p\"]'\n")), "cni.projectcalico.org/ipv4pools", format!("{}---\n{}---\n{}", nad("m", mvw), ippool("p", "10.10.0.0/16"), pod("    k8s.v1.cni.cncf.io/networks: m\n    cni.projectcalico.org/ipv4pools: '[\"p\"]'\n"))).severity(Severity::Info),
        case("MUL-N12", raw_nad("NetworkAttachmentDefinition", &format!("config: '{mv}'\n")), "config", nad("macvlan-conf", mv)).fixed(nad("macvlan-conf", mv)),
    ]
}

#[test]
fn every_multus_rule_has_cases() {
    let covered: std::collections::BTreeSet<&str> = cases().iter().map(|c| c.rule).collect();
    let missing: Vec<&str> = rules::all()
        .iter()
        .map(|r| r.id)
        .filter(|id| id.starts_with("MUL-") && !covered.contains(id))
        .collect();
    assert!(missing.is_empty(), "rules without cases: {missing:?}");
}

#[test]
fn multus_rule_cases() {
    let mut fails = Vec::new();
    for c in cases() {
        fails.extend(run(&c));
    }
    assert!(fails.is_empty(), "\n{}", fails.join("\n\n"));
}

#[test]
fn cal_m001_is_an_alias_of_mul_n04() {
    assert_eq!(rules::find("CAL-M001").map(|r| r.id), Some("MUL-N04"));
}

#[test]
fn findings_in_block_scalars_point_inside_the_annotation() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: my-pod\n  annotations:\n    k8s.v1.cni.cncf.io/networks: |\n      [\n        {\"name\": \"net-b\",\n         \"infiniband-guid\": \"24:8a:07:03:00:8d:ae\"}\n      ]\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let r = check(src, &Profile::default());
    let d = r.diagnostics.iter().find(|d| d.rule == "MUL-J11").unwrap();
    assert_eq!(
        &src[d.range.start.offset..d.range.end.offset],
        "\"24:8a:07:03:00:8d:ae\""
    );
    assert_eq!(d.range.start.line, 9);
    assert!(d.message.contains("parsePodNetworkAnnotation: failed to validate infiniband GUID: address 24:8a:07:03:00:8d:ae: invalid MAC address"), "{}", d.message);
}

#[test]
fn json_error_messages_quote_multus() {
    let r = check(&net(r#"'{"name": "a"}'"#), &Profile::default());
    let d = r.diagnostics.iter().find(|d| d.rule == "MUL-J02").unwrap();
    assert!(d.message.contains("parsePodNetworkAnnotation: failed to parse pod Network Attachment Selection Annotation JSON format: json: cannot unmarshal object into Go value of type []*types.NetworkSelectionElement"), "{}", d.message);
}

#[test]
fn doc_examples_are_fixed_by_their_fix() {
    let mut fails = Vec::new();
    for r in rules::all()
        .iter()
        .filter(|r| r.id.starts_with("MUL-") && r.fix != rules::FixAvailability::None)
    {
        for ex in r.examples("Example") {
            let p = if ex.profile.is_empty() {
                Profile::default()
            } else {
                profile(&ex.profile)
            };
            let out = fix(&ex.source, None, &p, true);
            let fixed_it = out.applied.iter().any(|d| d.rule == r.id);
            if fixed_it
                && check(&out.fixed, &p)
                    .diagnostics
                    .iter()
                    .any(|d| d.rule == r.id && d.severity >= Severity::Warning)
            {
                fails.push(format!(
                    "{}: fixing the doc example does not clear it:\n{}",
                    r.id, out.fixed
                ));
            }
            if !fixed_it
                && r.fix == rules::FixAvailability::Always
                && r.severity >= Severity::Warning
            {
                fails.push(format!("{}: the doc example gets no fix", r.id));
            }
        }
    }
    assert!(fails.is_empty(), "\n{}", fails.join("\n"));
}

/// One answer to "does this controller run several pods at once?": a single-replica
/// Deployment with `strategy: Recreate` never runs two pods, so neither MUL-J21 (static
/// `ips`) nor the CAL-S rules (fixed `ipAddrs`) warn; with the default RollingUpdate both
/// see the surge pod.
#[test]
fn recreate_single_replica_runs_one_pod_for_every_rule() {
    let deployment = |strategy: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1\n{strategy}  selector:\n    matchLabels:\n      app: d\n  template:\n    metadata:\n      labels:\n        app: d\n      annotations:\n        k8s.v1.cni.cncf.io/networks: '[{{\"name\": \"conf-static\", \"ips\": [\"10.1.1.10/24\"]}}]'\n        cni.projectcalico.org/ipAddrs: '[\"10.1.0.5\"]'\n    spec:\n      containers:\n      - name: app\n        image: nginx\n"
        )
    };
    let fired = |src: &str| -> Vec<String> {
        check(src, &Profile::default())
            .diagnostics
            .into_iter()
            .map(|d| d.rule)
            .filter(|r| r == "MUL-J21" || r.starts_with("CAL-S00"))
            .collect()
    };
    let recreate = fired(&deployment("  strategy:\n    type: Recreate\n"));
    assert!(
        !recreate
            .iter()
            .any(|r| r == "MUL-J21" || r == "CAL-S004" || r == "CAL-S005"),
        "{recreate:?}"
    );
    let rolling = fired(&deployment(""));
    assert!(rolling.iter().any(|r| r == "MUL-J21"), "{rolling:?}");
    assert!(rolling.iter().any(|r| r == "CAL-S005"), "{rolling:?}");
}
