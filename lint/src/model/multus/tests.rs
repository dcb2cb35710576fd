use super::*;

fn names(n: &Networks) -> Vec<(String, String, String)> {
    n.elements
        .iter()
        .map(|e| {
            (
                e.namespace_str().to_string(),
                e.name_str().to_string(),
                e.interface
                    .as_ref()
                    .map(|i| i.value.clone())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn format_detection_is_contains_any() {
    assert_eq!(parse_networks("a,b", "d").format, Format::Short);
    assert_eq!(parse_networks("\"a\"", "d").format, Format::Json);
    assert_eq!(parse_networks("[a]", "d").format, Format::Json);
    assert_eq!(parse_networks("", "d").format, Format::Empty);
    let n = parse_networks("\"a\"", "d");
    assert_eq!(
        n.error.unwrap().message,
        format!("{JSON_ERROR_PREFIX}json: cannot unmarshal string into Go value of type []*types.NetworkSelectionElement")
    );
    let n = parse_networks("[macvlan-conf]", "d");
    assert!(n
        .error
        .unwrap()
        .message
        .ends_with("invalid character 'm' looking for beginning of value"));
}

#[test]
fn short_form_split_and_trim() {
    let v = " ns1 / a @ eth1 , b,c@x";
    let n = parse_networks(v, "d");
    assert_eq!(
        names(&n),
        vec![
            ("ns1".into(), "a".into(), "eth1".into()),
            ("".into(), "b".into(), "".into()),
            ("".into(), "c".into(), "x".into())
        ]
    );
    let e = &n.elements[0];
    let sl = |s: Span| &v[s.0..s.1];
    assert_eq!(sl(e.span), "ns1 / a @ eth1");
    assert_eq!(sl(e.namespace.as_ref().unwrap().span), "ns1");
    assert_eq!(sl(e.name.as_ref().unwrap().span), "a");
    assert_eq!(sl(e.interface.as_ref().unwrap().span), "eth1");
    assert!(n.error.is_none());
    assert_eq!(n.interfaces(0), vec!["eth1", "net2", "x"]);
    assert_eq!(
        parse_networks("a,b", "d").interfaces(2),
        vec!["net3", "net4"]
    );
}

#[test]
fn short_form_errors() {
    let n = parse_networks("a/b/c", "d");
    assert_eq!(n.error.as_ref().unwrap().kind, ErrorKind::ShortSlash);
    assert_eq!(n.error.unwrap().message, "parsePodNetworkAnnotation: parsePodNetworkObjectName: Invalid network object (failed at '/')");
    let n = parse_networks("a@b@c", "d");
    assert_eq!(n.error.unwrap().kind, ErrorKind::ShortAt);
    let v = "good, v1.1-istio";
    let n = parse_networks(v, "d");
    let e = n.error.unwrap();
    assert_eq!(e.kind, ErrorKind::ShortName);
    assert_eq!(&v[e.span.0..e.span.1], "v1.1-istio");
    assert!(e.message.ends_with("mismatch @ 'v1.1-istio'"));
    let n = parse_networks("a@abcdefghijklmnop", "d");
    assert_eq!(n.error.unwrap().kind, ErrorKind::ShortIfname);
    assert!(parse_networks("a@abcdefghijklmno", "d").error.is_none());
    // Empty items are accepted by the parser.
    let n = parse_networks("a,,ns/", "d");
    assert!(n.error.is_none());
    assert_eq!(n.elements.len(), 3);
    assert_eq!(n.elements[2].name_str(), "");
}

#[test]
fn json_fields_and_errors() {
    let v = r#"[{"name":"a","namespace":"n","interface":"e1","ips":["10.0.0.1/24"],"mac":"02:00:00:00:00:01","infiniband-guid":"00:00:00:00:00:00:00:01","default-route":["10.0.0.254"],"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}],"bandwidth":{"ingressRate":100,"ingressBurst":200},"cni-args":{"k":"v"},"deviceID":"0000:00:01.0","gateway":"x"}]"#;
    let n = parse_networks(v, "d");
    assert!(n.error.is_none(), "{:?}", n.error);
    let e = &n.elements[0];
    let sl = |s: Span| &v[s.0..s.1];
    assert_eq!(sl(e.name.as_ref().unwrap().span), "\"a\"");
    assert_eq!(sl(e.ips.as_ref().unwrap().value[0].span), "\"10.0.0.1/24\"");
    assert_eq!(
        e.port_mappings.as_ref().unwrap().value[0]
            .host_port
            .as_ref()
            .unwrap()
            .value,
        8080
    );
    assert_eq!(
        e.bandwidth
            .as_ref()
            .unwrap()
            .value
            .ingress_burst
            .as_ref()
            .unwrap()
            .value,
        200
    );
    assert_eq!(e.unknown[0].key_text.as_deref(), Some("gateway"));
    assert_eq!(sl(e.unknown[0].key.unwrap()), "\"gateway\"");
    let n = parse_networks(r#"[{"name":"a","mac":"zz"}]"#, "d");
    assert_eq!(
        n.error.unwrap().message,
        "parsePodNetworkAnnotation: failed to mac: address zz: invalid MAC address"
    );
    let n = parse_networks(r#"[{"name":"a","ips":["10.1.1.304/24"]}]"#, "d");
    assert_eq!(
        n.error.unwrap().message,
        "failed to parse CIDR \"10.1.1.304/24\": invalid CIDR address: 10.1.1.304/24"
    );
    let n = parse_networks(r#"[{"name":"a","default-route":["1.2.3.4/24"]}]"#, "d");
    let e = n.error.unwrap();
    assert_eq!(e.kind, ErrorKind::DefaultRoute);
    assert!(e.message.ends_with("invalid IP address: 1.2.3.4/24"));
    let n = parse_networks(r#"{"name":"a"}"#, "d");
    assert_eq!(n.error.unwrap().kind, ErrorKind::JsonNotArray);
    let n = parse_networks(r#"[{"name":"a","ips":"10.0.0.1"}]"#, "d");
    let e = n.error.unwrap();
    assert_eq!(e.kind, ErrorKind::JsonType);
    assert_eq!(e.element, Some(0));
    // JSON names are not trimmed; `interfaceRequest` counts as the interface.
    let n = parse_networks(
        r#"[{"name":" a "},{"name":"b","interfaceRequest":"x"}]"#,
        "d",
    );
    assert_eq!(n.elements[0].name_str(), " a ");
    assert_eq!(n.interfaces(0), vec!["net1", "x"]);
}

#[test]
fn round_trip_short() {
    for v in ["a", "a,b", "ns/a@eth1,b@x", "ns/a"] {
        let n = parse_networks(v, "d");
        assert_eq!(write_networks(&n.elements), v);
    }
}

#[test]
fn round_trip_json_every_field() {
    let fields = [
        r#"{"name":"a","namespace":"n"}"#,
        r#"{"name":"a","interface":"e1"}"#,
        r#"{"name":"a","interfaceRequest":"e1"}"#,
        r#"{"name":"a","ips":["10.0.0.1/24","fd00::1/64"]}"#,
        r#"{"name":"a","mac":"02:00:00:00:00:01"}"#,
        r#"{"name":"a","infiniband-guid":"00:00:00:00:00:00:00:01"}"#,
        r#"{"name":"a","default-route":["10.0.0.254"]}"#,
        r#"{"name":"a","portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp","hostIP":"1.2.3.4"}]}"#,
        r#"{"name":"a","bandwidth":{"ingressRate":1,"ingressBurst":2,"egressRate":3,"egressBurst":4}}"#,
        r#"{"name":"a","cni-args":{"k":"v","n":1}}"#,
        r#"{"name":"a","deviceID":"0000:00:01.0"}"#,
        r#"{"name":"a","ipam-claim-reference":"claim"}"#,
        r#"{"name":"a","org.example.key":{"x":[1]}}"#,
        r#"{"name":"v1.1-istio"}"#,
    ];
    for f in fields {
        let v = format!("[{f}]");
        let n = parse_networks(&v, "d");
        assert!(n.error.is_none(), "{v}: {:?}", n.error);
        let out = write_networks(&n.elements);
        if !n.elements.iter().all(short_form_expresses) {
            assert_eq!(out, v);
        }
        assert_eq!(write_networks_json(&n.elements), v);
        let again = parse_networks(&out, "d");
        assert_eq!(
            again.elements.iter().map(element_json).collect::<Vec<_>>(),
            n.elements.iter().map(element_json).collect::<Vec<_>>()
        );
    }
    // JSON that the short form can express is written short.
    let n = parse_networks(r#"[{"name":"a","namespace":"n","interface":"e1"}]"#, "d");
    assert_eq!(write_networks(&n.elements), "n/a@e1");
    // Editing: add a field, then write.
    let mut n = parse_networks("a", "d");
    n.elements[0].mac = Some(Part::new("02:00:00:00:00:01".into()));
    assert_eq!(
        write_networks(&n.elements),
        r#"[{"name":"a","mac":"02:00:00:00:00:01"}]"#
    );
    assert_eq!(write_networks(&[Element::new("x")]), "x");
}
