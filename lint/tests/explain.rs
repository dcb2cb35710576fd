//! `ide::explain`: the case table of real runtime errors (tests/explain/cases.json) and every
//! rule's own quoted error matched back to it.

use podnet_lint::ide::explain::{explain, templates};

#[derive(serde::Deserialize)]
struct Table {
    cases: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    rule: String,
    url: String,
    wrap: String,
    text: String,
}

fn table() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/explain/cases.json");
    let text = std::fs::read_to_string(path).expect("tests/explain/cases.json");
    serde_json::from_str::<Table>(&text)
        .expect("cases.json: {\"cases\": [{rule, url, wrap, text}]}")
        .cases
}

#[test]
fn case_table_ranks_the_right_rule() {
    let cases = table();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let (mut first, mut top3) = (0, 0);
    let mut report = String::new();
    for c in &cases {
        assert!(
            c.url.starts_with("https://"),
            "case without a source: {}",
            c.text
        );
        let ex = explain(&c.text);
        let rank = ex.matches.iter().position(|m| m.rule == c.rule);
        let top: Vec<String> = ex
            .matches
            .iter()
            .take(3)
            .map(|m| format!("{} {:.2}", m.rule, m.score))
            .collect();
        match rank {
            Some(0) => first += 1,
            Some(1 | 2) => top3 += 1,
            _ => {}
        }
        if rank != Some(0) {
            report.push_str(&format!(
                "{} ({}, {}): rank {:?}, got [{}]\n",
                c.rule,
                c.wrap,
                c.url,
                rank.map(|r| r + 1),
                top.join(", ")
            ));
        }
    }
    let n = cases.len();
    println!(
        "{first}/{n} first, {}/{n} in the top 3\n{report}",
        first + top3
    );
    assert_eq!(first + top3, n, "not in the top 3:\n{report}");
    assert!(first * 10 >= n * 9, "first in {first}/{n}:\n{report}");
}

/// Rules whose docs quote the very same error text: either may come first.
const SIBLINGS: &[(&str, &str)] = &[
    ("CAL-IP008", "CAL-IP007"),
    ("CAL-M007", "CAL-S005"),
    ("MUL-J04", "MUL-S01"),
];

#[test]
fn every_quoted_error_matches_its_rule() {
    let mut with_errors = 0;
    for rule in podnet_lint::rules::all() {
        let quoted = templates::quoted_errors(rule);
        if quoted.is_empty() {
            continue;
        }
        with_errors += 1;
        let mine: Vec<_> = templates::all()
            .iter()
            .filter(|t| t.id == rule.id && t.from_docs)
            .collect();
        assert_eq!(
            mine.len(),
            quoted.len(),
            "{}: a template per quoted error",
            rule.id
        );
        for t in mine {
            let ex = explain(&t.text);
            let best = ex.matches.first().map(|m| m.score).unwrap_or(0.0);
            let ok = ex.matches.iter().take_while(|m| m.score >= best).any(|m| {
                m.rule == rule.id
                    || (m.score >= best
                        && SIBLINGS.iter().any(|(a, b)| *a == rule.id && *b == m.rule))
            });
            let tied = ex
                .matches
                .iter()
                .any(|m| m.rule == rule.id && m.score >= best);
            assert!(
                ok && tied,
                "{}: `{}` ranks {:?}",
                rule.id,
                t.text,
                ex.matches
                    .iter()
                    .map(|m| (&m.rule, m.score))
                    .collect::<Vec<_>>()
            );
        }
    }
    assert!(
        with_errors > 80,
        "{with_errors} rules quote a runtime error"
    );
}
