//! Every rule's documentation is a test: the `## Example` YAML must produce the rule and the
//! `## Use instead` YAML must not (Biome's rules_check, for podnet). A JSON profile may
//! follow ```` ```yaml ```` on the fence line.

#![cfg_attr(test, allow(clippy::unwrap_used))]

use podnet_lint::{check, rules, Profile};

fn profile(info: &str) -> Profile {
    if info.trim().is_empty() {
        return Profile::default();
    }
    let mut base = serde_json::to_value(Profile::default()).unwrap();
    let patch: serde_json::Value =
        serde_json::from_str(info).unwrap_or_else(|e| panic!("bad profile {info}: {e}"));
    merge(&mut base, patch);
    serde_json::from_value(base).unwrap()
}

fn merge(a: &mut serde_json::Value, b: serde_json::Value) {
    match (a, b) {
        (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(serde_json::Value::Null), v);
            }
        }
        (a, b) => *a = b,
    }
}

#[test]
fn every_rule_has_docs_with_examples_that_hold() {
    let mut failures = Vec::new();
    for rule in rules::all() {
        let docs = rule.docs();
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
            "## Fix safety",
        ] {
            if !docs.contains(heading) {
                failures.push(format!("{}: docs lack `{heading}`", rule.id));
            }
        }
        let bad = rule.examples("Example");
        let good = rule.examples("Use instead");
        if bad.is_empty() || good.is_empty() {
            failures.push(format!(
                "{}: needs at least one yaml example under Example and Use instead",
                rule.id
            ));
        }
        for ex in &bad {
            let r = check(&ex.source, &profile(&ex.profile));
            if !r.diagnostics.iter().any(|d| d.rule == rule.id) {
                failures.push(format!(
                    "{}: invalid example does not produce it; got {:?}",
                    rule.id,
                    r.diagnostics.iter().map(|d| &d.rule).collect::<Vec<_>>()
                ));
            }
        }
        for ex in &good {
            let r = check(&ex.source, &profile(&ex.profile));
            if let Some(d) = r.diagnostics.iter().find(|d| d.rule == rule.id) {
                failures.push(format!(
                    "{}: fixed example still produces it: {}",
                    rule.id, d.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn rule_ids_and_names_are_unique_and_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for r in rules::all() {
        assert!(seen.insert(r.id), "duplicate id {}", r.id);
        assert!(seen.insert(r.name), "duplicate name {}", r.name);
        assert!(
            r.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{} is not kebab-case",
            r.name
        );
        for a in r.aliases {
            assert!(
                rules::find(a).is_some_and(|f| f.id == r.id),
                "alias {a} of {}",
                r.id
            );
        }
    }
}
