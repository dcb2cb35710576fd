use super::*;

#[test]
fn seed_event_is_cal_a001() {
    let ex = explain("Warning  FailedCreatePodSandBox  4s  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"cc39\": plugin type=\"multus\" name=\"multus-cni-network\" failed (add): [default/web-7d9f/1c2b3a:k8s-pod-network]: error adding container to network \"k8s-pod-network\": plugin type=\"calico\" failed (add): invalid character 'd' looking for beginning of value");
    let first = &ex.matches[0];
    assert_eq!(first.rule, "CAL-A001", "{:#?}", ex.matches);
    assert_eq!(first.captures["character"], "d");
    assert_eq!(first.captures["pod"], "web-7d9f");
    assert_eq!(first.captures["network"], "k8s-pod-network");
    assert_eq!(first.captures["plugin"], "calico");
}

#[test]
fn nothing_for_no_error() {
    assert!(explain("").matches.is_empty());
    assert!(explain(
        "Normal  Scheduled  5s  default-scheduler  Successfully assigned default/web to node-1"
    )
    .matches
    .is_empty());
}

#[test]
fn dump_self_matches() {
    if std::env::var("PODNET_EXPLAIN_DUMP").is_err() {
        return;
    }
    for t in templates::all().iter().filter(|t| t.from_docs) {
        {
            let q = &t.text;
            let rule = crate::rules::find(t.id).unwrap();
            let ex = explain(q);
            let top: Vec<String> = ex
                .matches
                .iter()
                .take(3)
                .map(|m| format!("{} {:.2}", m.rule, m.score))
                .collect();
            println!("{} | {} | {}", rule.id, top.join(", "), q);
        }
    }
}
