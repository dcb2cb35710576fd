use super::wizard::{self, Cni, IpamKind, Wizard, WizardKind};
use super::*;
use crate::{analyze, check, Profile, Severity};

fn form_view(src: &str) -> FormView {
    analyze(src, None, &Profile::default(), view)
}

const POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    # the pool this pod draws from
    cni.projectcalico.org/ipv4pools: '[\"pool-a\"]'
    k8s.v1.cni.cncf.io/networks: macvlan-conf
spec:
  containers:
  - name: app
    image: nginx
";

#[test]
fn wizard_every_allowed_path_checks_clean() {
    let mut n = 0;
    for &(kind, _) in wizard::KINDS {
        for &(cni, _) in wizard::CNIS {
            for &(ipam, _) in wizard::IPAMS {
                if wizard::ipam_allowed(kind, cni, ipam).is_err() {
                    continue;
                }
                let w = Wizard {
                    kind,
                    cni,
                    ipam,
                    network: "net-a".into(),
                    ..Wizard::default()
                };
                let text = w
                    .generate()
                    .unwrap_or_else(|e| panic!("{kind:?} {cni:?} {ipam:?}: {e:?}"));
                let report = check(&text, &Profile::default());
                let bad: Vec<_> = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity != Severity::Info)
                    .map(|d| format!("{} {}", d.rule, d.message))
                    .collect();
                assert!(
                    bad.is_empty(),
                    "{kind:?} {cni:?} {ipam:?}:\n{text}\n{bad:#?}"
                );
                n += 1;
            }
        }
    }
    assert!(n >= 12, "only {n} wizard paths");
}

#[test]
fn wizard_rejects_bad_input_at_the_field() {
    let w = Wizard {
        subnet: "10.0.0.0/33".into(),
        ..Wizard::default()
    };
    assert_eq!(w.generate().unwrap_err().field, "wizard.subnet");
    let w = Wizard {
        ipam: IpamKind::Static,
        address: "10.9.0.5/24".into(),
        ..Wizard::default()
    };
    assert_eq!(w.generate().unwrap_err().field, "wizard.address");
    let w = Wizard {
        kind: WizardKind::Deployment,
        ipam: IpamKind::Static,
        ..Wizard::default()
    };
    assert_eq!(w.generate().unwrap_err().field, "wizard.ipam");
    let w = Wizard {
        cni: Cni::Calico,
        ipam: IpamKind::Whereabouts,
        ..Wizard::default()
    };
    assert_eq!(w.generate().unwrap_err().field, "wizard.ipam");
}

#[test]
fn wizard_lists_every_field_error_at_once() {
    let w = Wizard {
        ipam: IpamKind::Static,
        name: "Web_1".into(),
        master: " ".into(),
        address: "10.9.0.5/24".into(),
        image: "".into(),
        ..Wizard::default()
    };
    let fields: Vec<String> = w.errors().iter().map(|e| e.field.to_string()).collect();
    assert_eq!(
        fields,
        [
            "wizard.name",
            "wizard.master",
            "wizard.address",
            "wizard.image"
        ]
    );
    assert!(w.errors()[0]
        .message
        .contains("\"Web_1\" is not a DNS-1123 label"));
    assert_eq!(w.generate().unwrap_err(), w.errors()[0]);
    // A bad subnet: the address is still checked on its own.
    let w = Wizard {
        ipam: IpamKind::Static,
        subnet: "nope".into(),
        address: "10.0.0.1".into(),
        ..Wizard::default()
    };
    let fields: Vec<String> = w.errors().iter().map(|e| e.field.to_string()).collect();
    assert_eq!(fields, ["wizard.subnet", "wizard.address"]);
    // Fields the choice does not use are not checked; names are read trimmed.
    let w = Wizard {
        kind: WizardKind::Nad,
        name: "Web_1".into(),
        image: "".into(),
        network: " net-a ".into(),
        ..Wizard::default()
    };
    assert!(w.errors().is_empty(), "{:?}", w.errors());
    assert!(w.generate().unwrap().contains("name: net-a\n"));
    assert!(Wizard::default().errors().is_empty());
}

#[test]
fn view_reads_targets_and_fields() {
    let v = form_view(POD);
    assert_eq!(v.targets.len(), 1);
    let t = &v.targets[0];
    assert_eq!(t.label, "Pod default/web");
    assert_eq!(t.calico.ipv4pools.list(), ["pool-a"]);
    let n = t.networks.as_ref().unwrap();
    assert_eq!(n.form.as_ref().unwrap().elements[0].name, "macvlan-conf");
    let at = POD.find("macvlan-conf").unwrap();
    assert_eq!(t.field_at(at), Some(FieldId::Net(0, NetField::Name)));
    let at = POD.find("pool-a").unwrap();
    assert_eq!(
        t.field_at(at),
        Some(FieldId::Calico(Some(CalicoField::Ipv4Pools)))
    );
}

#[test]
fn apply_keeps_every_other_byte() {
    let v = form_view(POD);
    let mut form = v.targets[0].networks.clone().unwrap().form.unwrap();
    form.elements[0].ips = vec!["10.1.1.5/24".into()];
    form.elements[0].mac = "02:00:00:00:00:01".into();
    let out = apply_networks(POD, 0, &form).unwrap();
    let expected = POD.replace(
        "k8s.v1.cni.cncf.io/networks: macvlan-conf",
        r#"k8s.v1.cni.cncf.io/networks: '[{"name":"macvlan-conf","ips":["10.1.1.5/24"],"mac":"02:00:00:00:00:01"}]'"#,
    );
    assert_eq!(out, expected);
    // Back to the short form once the extra fields are gone.
    let v = form_view(&out);
    let mut form = v.targets[0].networks.clone().unwrap().form.unwrap();
    assert!(form.json);
    form.elements[0].ips.clear();
    form.elements[0].mac.clear();
    form.json = false;
    assert_eq!(apply_networks(&out, 0, &form).unwrap(), POD);
}

#[test]
fn apply_creates_and_removes_annotations() {
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p # keep\nspec:\n  containers: []\n";
    let out = apply(
        src,
        0,
        &[Change::set(
            "cni.projectcalico.org/ipv4pools",
            Some("[\"a\"]".into()),
        )],
    )
    .unwrap();
    assert_eq!(
        out,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p # keep\n  annotations:\n    cni.projectcalico.org/ipv4pools: '[\"a\"]'\nspec:\n  containers: []\n"
    );
    let back = apply(
        &out,
        0,
        &[Change::set("cni.projectcalico.org/ipv4pools", None)],
    )
    .unwrap();
    assert_eq!(back, src);
    // Without metadata at all.
    let src = "apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n";
    let out = apply(
        src,
        0,
        &[Change::set(multus::NETWORKS_KEY, Some("a".into()))],
    )
    .unwrap();
    assert!(
        out.contains("metadata:\n  annotations:\n    k8s.v1.cni.cncf.io/networks: a\n"),
        "{out}"
    );
    // An empty `annotations:` key.
    let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\nspec: {}\n";
    let out = apply(
        src,
        0,
        &[Change::set(multus::NETWORKS_KEY, Some("a".into()))],
    )
    .unwrap();
    assert_eq!(out, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    k8s.v1.cni.cncf.io/networks: a\nspec: {}\n");
}

#[test]
fn broken_annotation_is_kept_and_reported() {
    let src = POD.replace("'[\"pool-a\"]'", "\"pool-a\"");
    let v = form_view(&src);
    let f = &v.targets[0].calico.ipv4pools;
    assert_eq!(f.raw.as_deref(), Some("pool-a"));
    assert!(f.items.is_none());
    assert_eq!(
        f.error.as_deref(),
        Some("invalid character 'p' looking for beginning of value")
    );
    assert!(v.targets[0].calico.add_pool(4, "pool-b").is_err());
}

#[test]
fn calico_form_prevents_forbidden_combinations() {
    let v = form_view(POD);
    let c = &v.targets[0].calico;
    // Fixed addresses drop the dead pool annotation and write one address per family.
    let changes = c
        .set_fixed("10.0.0.5", "fd00::5", Addressing::Fixed)
        .unwrap();
    assert_eq!(
        changes,
        vec![
            Change::set("cni.projectcalico.org/ipv4pools", None),
            Change::set(
                "cni.projectcalico.org/ipAddrs",
                Some(r#"["10.0.0.5","fd00::5"]"#.to_string())
            ),
        ]
    );
    assert_eq!(
        c.set_fixed("10.0.0.5/32", "", Addressing::Fixed)
            .unwrap_err()
            .field,
        "calico.fixed_v4"
    );
    assert_eq!(
        c.set_fixed("fd00::5", "", Addressing::Fixed)
            .unwrap_err()
            .field,
        "calico.fixed_v4"
    );
    let out = apply(POD, 0, &changes).unwrap();
    let c2 = form_view(&out).targets[0].calico.clone();
    assert_eq!(c2.addressing(), Addressing::Fixed);
    assert_eq!(c2.fixed(4), "10.0.0.5");
    assert!(c2.pools_disabled().is_some());
    assert!(c2.add_pool(4, "pool-a").is_err());
    // Switching to no-IPAM moves the addresses (never both annotations).
    let ch = c2.set_addressing(Addressing::FixedNoIpam).unwrap();
    let out2 = apply(&out, 0, &ch).unwrap();
    assert!(!out2.contains("ipAddrs:"), "{out2}");
    assert!(
        out2.contains(r#"cni.projectcalico.org/ipAddrsNoIpam: '["10.0.0.5","fd00::5"]'"#),
        "{out2}"
    );
    // From pool mode straight to no-IPAM addresses.
    let ch = c
        .set_fixed("10.0.0.6", "", Addressing::FixedNoIpam)
        .unwrap();
    assert_eq!(
        ch.last().unwrap().key,
        "cni.projectcalico.org/ipAddrsNoIpam"
    );
    // Pools of the wrong family are refused.
    assert!(c.add_pool(4, "fd00::/64").is_err());
    assert!(c.add_pool(4, "10.0.0.1").is_err());
    assert_eq!(
        c.add_pool(4, "10.9.0.0/16").unwrap()[0].value.as_deref(),
        Some(r#"["pool-a","10.9.0.0/16"]"#)
    );
    // Multicast MAC refused.
    assert!(c.set_hw_addr("01:00:5e:00:00:01").is_err());
    // A Deployment with replicas: 3 cannot take fixed addresses.
    let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 3\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers: []\n";
    let c = form_view(dep).targets[0].calico.clone();
    assert!(c.fixed_blocked.as_deref().unwrap().contains("replicas: 3"));
    assert!(c.set_addressing(Addressing::Fixed).is_err());
    assert!(c.set_fixed("10.0.0.5", "", Addressing::Fixed).is_err());
}

/// Every change the Calico form writes checks clean for its own rules.
#[test]
fn calico_writes_are_never_flagged() {
    let pool = "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: pool-a\nspec:\n  cidr: 10.0.0.0/16\n  nodeSelector: all()\n---\n";
    let src = format!("{pool}{POD}").replace("    k8s.v1.cni.cncf.io/networks: macvlan-conf\n", "");
    let c = form_view(&src).targets[0].calico.clone();
    let p = Profile::default();
    for changes in [
        c.set_fixed("10.0.0.5", "", Addressing::Fixed).unwrap(),
        c.add_pool(4, "10.0.0.0/16").unwrap(),
        c.set_hw_addr("02:00:00:00:00:01").unwrap(),
        c.set_families(true, false),
    ] {
        let out = apply(&src, 0, &changes).unwrap();
        let bad: Vec<_> = check(&out, &p)
            .diagnostics
            .into_iter()
            .filter(|d| d.severity != Severity::Info)
            .map(|d| format!("{} {}", d.rule, d.message))
            .collect();
        assert!(bad.is_empty(), "{out}\n{bad:#?}");
    }
}

#[test]
#[ignore]
fn print_wizard() {
    for (kind, cni, ipam) in [
        (WizardKind::Pod, Cni::Macvlan, IpamKind::Static),
        (WizardKind::Deployment, Cni::Sriov, IpamKind::HostLocal),
        (WizardKind::Pod, Cni::Calico, IpamKind::CalicoIpam),
        (WizardKind::Nad, Cni::Calico, IpamKind::CalicoIpam),
    ] {
        let w = Wizard {
            kind,
            cni,
            ipam,
            ..Wizard::default()
        };
        println!("=== {kind:?} {cni:?} {ipam:?}\n{}", w.generate().unwrap());
        for d in check(&w.generate().unwrap(), &Profile::default()).diagnostics {
            println!("  {} {:?} {}", d.rule, d.severity, d.message);
        }
    }
}

fn full_element() -> NetElement {
    NetElement {
        name: "net-a".into(),
        namespace: "default".into(),
        interface: "eth5".into(),
        ips: vec!["10.1.1.5/24".into(), "fd00::5/64".into()],
        mac: "02:00:00:00:00:05".into(),
        default_route: vec!["10.1.1.1".into()],
        port_mappings: vec![networks::PortMap {
            host_port: Some(8080),
            container_port: Some(80),
            protocol: "TCP".into(),
            host_ip: "10.0.0.1".into(),
        }],
        bandwidth: Some(networks::Bw {
            ingress_rate: Some(1000),
            ingress_burst: Some(2000),
            egress_rate: Some(3000),
            egress_burst: Some(4000),
        }),
        cni_args: r#"{"foo":"bar"}"#.into(),
        infiniband_guid: String::new(),
        device_id: "0000:03:00.1".into(),
        ipam_claim_reference: String::new(),
        kept: vec![("x-note".into(), serde_json::json!("kept"))],
    }
}

/// parse → form → write → parse gives the same form, field by field, in both forms.
#[test]
fn networks_round_trip_every_field() {
    let mut ib = NetElement::named("ib-net");
    ib.infiniband_guid = "c2:11:22:33:44:55:66:77".into();
    let mut claim = NetElement::named("claim-net");
    claim.ipam_claim_reference = "claim-1".into();
    let mut req = NetElement::named("req-net");
    req.kept = vec![("interfaceRequest".into(), serde_json::json!("eth9"))];
    let json = NetworksForm {
        json: true,
        elements: vec![full_element(), ib, claim, req, NetElement::named("plain")],
    };
    let text = json.write().unwrap().unwrap();
    let back = networks::read(&text, "default");
    assert_eq!(back.error, None, "{text}");
    assert_eq!(back.form.as_ref(), Some(&json), "{text}");
    assert_eq!(back.form.unwrap().write().unwrap().unwrap(), text);

    // The short form, chosen automatically when it can express everything.
    let mut e = NetElement::named("a");
    e.namespace = "ns1".into();
    e.interface = "net5".into();
    let short = NetworksForm {
        json: false,
        elements: vec![e, NetElement::named("b")],
    };
    let text = short.write().unwrap().unwrap();
    assert_eq!(text, "ns1/a@net5,b");
    assert!(short.short_possible());
    assert_eq!(networks::read(&text, "default").form.unwrap(), short);
    // The same elements as JSON on request.
    let as_json = NetworksForm {
        json: true,
        ..short.clone()
    };
    let text = as_json.write().unwrap().unwrap();
    assert_eq!(
        text,
        r#"[{"name":"a","namespace":"ns1","interface":"net5"},{"name":"b"}]"#
    );
    assert_eq!(networks::read(&text, "default").form.unwrap(), as_json);
    // A field the short form cannot carry forces JSON.
    let mut need = short.clone();
    need.elements[1].mac = "02:00:00:00:00:01".into();
    assert!(!need.short_possible());
    assert!(need.write().unwrap().unwrap().starts_with("[{"));
    // Nothing left: the annotation goes.
    assert_eq!(NetworksForm::default().write().unwrap(), None);
}

#[test]
fn networks_form_errors_name_their_field() {
    let mut e = NetElement::named("a");
    e.cni_args = "{not json".into();
    let f = NetworksForm {
        json: true,
        elements: vec![NetElement::named("x"), e],
    };
    assert_eq!(f.write().unwrap_err().field, "networks[1].cni_args");
    let f = NetworksForm {
        json: false,
        elements: vec![NetElement::named("")],
    };
    assert_eq!(f.write().unwrap_err().field, "networks[0].name");
}

/// What the form writes passes every Multus rule when the NAD supports it.
#[test]
fn networks_writes_are_never_flagged() {
    let nad = |name: &str| {
        format!(
        "apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: {name}\nspec:\n  config: '{{\"cniVersion\":\"0.3.1\",\"name\":\"{name}\",\"type\":\"macvlan\",\"master\":\"eth0\",\"capabilities\":{{\"ips\":true,\"mac\":true,\"portMappings\":true,\"bandwidth\":true}},\"ipam\":{{\"type\":\"static\"}}}}'\n---\n"
    )
    };
    let mut e = full_element();
    e.kept.clear();
    e.device_id.clear();
    e.namespace.clear();
    let mut b = NetElement::named("net-b");
    b.interface = "net2".into();
    for form in [
        NetworksForm {
            json: true,
            elements: vec![e.clone(), b.clone()],
        },
        NetworksForm {
            json: false,
            elements: vec![NetElement::named("net-a"), b.clone()],
        },
        NetworksForm {
            json: true,
            elements: vec![NetElement::named("net-a")],
        },
    ] {
        let src = format!("{}{}{POD}", nad("net-a"), nad("net-b"))
            .replace("    cni.projectcalico.org/ipv4pools: '[\"pool-a\"]'\n", "");
        let pod = form_view(&src).targets[0].pod;
        let out = apply_networks(&src, pod, &form).unwrap();
        let bad: Vec<_> = check(&out, &Profile::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.severity != Severity::Info)
            .map(|d| format!("{} {}", d.rule, d.message))
            .collect();
        assert!(bad.is_empty(), "{out}\n{bad:#?}");
        // The comment on the line above the annotation is still there.
        assert!(out.contains("    # the pool this pod draws from\n"));
    }
}
