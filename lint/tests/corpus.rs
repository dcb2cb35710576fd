//! Runs every corpus case (`tests/corpus/**/input.yaml` with `expected.md`, plus the
//! directories in `PODNET_CORPUS`, `:`-separated): every listed error and warning must be
//! found (same rule or alias, same object), no unlisted error may appear, and the fixed
//! output must be free of the fixed errors and (with `fixed.yaml`) parse to the same
//! content. Cases whose expected rules are not implemented yet are reported as pending.

#![cfg_attr(test, allow(clippy::unwrap_used))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use podnet_lint::{rules, Diagnostic, Profile, Severity};

#[derive(Debug, Clone)]
struct Expected {
    rule: String,
    severity: Severity,
    kind: String,
    name: Option<String>,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn find_cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.join("input.yaml").is_file() && p.join("expected.md").is_file() {
                out.push(p);
            } else {
                find_cases(&p, out);
            }
        }
    }
}

fn parse_severity(s: &str) -> Option<Severity> {
    match s.trim().trim_matches('*').to_ascii_lowercase().as_str() {
        "error" => Some(Severity::Error),
        "warning" | "warn" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

/// `Pod default/samplepod metadata…`, `Deployment/edge-gw`, `IPPool big-blocks spec.cidr`.
fn parse_object(s: &str) -> (String, Option<String>) {
    let s = s.trim().trim_matches('`');
    let mut words = s.split_whitespace();
    let first = words.next().unwrap_or("");
    let (kind, rest) = match first.split_once('/') {
        Some((k, r)) => (k.to_string(), Some(r.to_string())),
        None => (first.to_string(), words.next().map(str::to_string)),
    };
    let name = rest.map(|r| {
        let r = r.trim_end_matches([',', ';']);
        r.rsplit('/').next().unwrap_or(r).to_string()
    });
    let name = name.filter(|n| {
        !n.is_empty() && n != "(unnamed)" && !n.starts_with("metadata") && !n.starts_with("spec")
    });
    (kind, name)
}

fn parse_expected(md: &str) -> Vec<Expected> {
    let mut out = Vec::new();
    let mut cols: Option<(usize, usize, usize)> = None;
    for line in md.lines() {
        let line = line.trim();
        if !line.starts_with('|') {
            cols = None;
            continue;
        }
        let cells: Vec<String> = line
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect();
        if cells
            .iter()
            .all(|c| c.chars().all(|ch| ch == '-' || ch == ':' || ch == ' '))
        {
            continue;
        }
        let lower: Vec<String> = cells.iter().map(|c| c.to_ascii_lowercase()).collect();
        if let (Some(r), Some(s), Some(o)) = (
            lower.iter().position(|c| c == "rule"),
            lower.iter().position(|c| c == "severity" || c == "sev"),
            lower.iter().position(|c| c.starts_with("object")),
        ) {
            cols = Some((r, s, o));
            continue;
        }
        let Some((r, s, o)) = cols else { continue };
        let (Some(rule), Some(sev), Some(obj)) = (cells.get(r), cells.get(s), cells.get(o)) else {
            continue;
        };
        let Some(severity) = parse_severity(sev) else {
            continue;
        };
        let (kind, name) = parse_object(obj);
        out.push(Expected {
            rule: rule.trim_matches('`').to_string(),
            severity,
            kind,
            name,
        });
    }
    // A table repeated in the file lists the same findings twice: keep each once.
    let mut seen = BTreeSet::new();
    out.retain(|e| {
        seen.insert(format!(
            "{}|{}|{:?}|{:?}",
            e.rule, e.kind, e.name, e.severity
        )) || e.rule.is_empty()
    });
    out
}

/// The profile a case assumes, from its `expected.md` wording.
fn profile_for(md: &str) -> Profile {
    let mut p = Profile::default();
    for line in md.lines() {
        let l = line.to_ascii_lowercase();
        if !(l.contains("profile") || l.contains("context")) {
            continue;
        }
        if l.contains("namespaceisolation=true") || l.contains("namespaceisolation: true") {
            p.multus.namespace_isolation = true;
        }
        if l.contains("calico enterprise") && !l.contains("not calico enterprise") {
            p.calico.edition = podnet_lint::profile::CalicoEdition::Enterprise;
        }
        // "Flannel is the primary CNI": Calico is only a Multus attachment.
        if l.contains("is the primary cni") && !l.contains("calico is the primary cni") {
            p.calico.primary = false;
        }
    }
    p
}

fn canonical(rule: &str) -> String {
    rules::find(rule)
        .map(|r| r.id.to_string())
        .unwrap_or_else(|| rule.to_string())
}

fn matches(e: &Expected, d: &Diagnostic) -> bool {
    canonical(&e.rule) == d.rule
        && d.object.as_ref().is_some_and(|o| {
            o.kind == e.kind && (e.name.is_none() || o.name.as_deref() == e.name.as_deref())
        })
        || canonical(&e.rule) == d.rule && d.object.is_none() && e.name.is_none()
}

/// Content of a YAML stream with annotation JSON parsed, for comparison with `fixed.yaml`.
fn content(src: &str) -> serde_json::Value {
    fn norm(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::String(s) => match serde_json::from_str::<Value>(&s) {
                Ok(j @ (Value::Array(_) | Value::Object(_))) => norm(j),
                _ => Value::String(s),
            },
            Value::Array(a) => Value::Array(a.into_iter().map(norm).collect()),
            Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, norm(v))).collect()),
            v => v,
        }
    }
    let y = podnet_lint::yaml::Yaml::parse(src);
    serde_json::Value::Array(
        y.docs
            .iter()
            .filter_map(|d| d.root)
            .map(|r| norm(y.to_json(r)))
            .collect(),
    )
}

#[derive(Default)]
struct Outcome {
    status: &'static str,
    notes: Vec<String>,
}

fn run_case(dir: &Path) -> Outcome {
    let input = std::fs::read_to_string(dir.join("input.yaml")).unwrap();
    let md = std::fs::read_to_string(dir.join("expected.md")).unwrap();
    let expected = parse_expected(&md);
    let profile = profile_for(&md);
    let report = podnet_lint::check(&input, &profile);
    let mut out = Outcome::default();
    let unimplemented: BTreeSet<String> = expected
        .iter()
        .filter(|e| e.severity >= Severity::Warning && rules::find(&e.rule).is_none())
        .map(|e| e.rule.clone())
        .collect();
    let mut failed = false;
    for e in expected.iter().filter(|e| e.severity >= Severity::Warning) {
        if rules::find(&e.rule).is_none() {
            continue;
        }
        if !report.diagnostics.iter().any(|d| matches(e, d)) {
            failed = true;
            out.notes.push(format!(
                "missing {} {} {}/{}",
                e.severity.as_str(),
                e.rule,
                e.kind,
                e.name.as_deref().unwrap_or("-")
            ));
        }
    }
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        if !expected.iter().any(|e| matches(e, d)) {
            failed = true;
            out.notes.push(format!(
                "unexpected error {} at {}:{}: {}",
                d.rule, d.range.start.line, d.range.start.column, d.message
            ));
        }
    }
    // Fixes: the fixed output must be free of the errors whose safe fixes were applied.
    let fixed = podnet_lint::fix(&input, None, &profile, false);
    for a in &fixed.applied {
        if a.severity == Severity::Error
            && fixed
                .remaining
                .iter()
                .any(|r| r.rule == a.rule && r.object == a.object && r.path == a.path)
        {
            failed = true;
            out.notes
                .push(format!("fix did not clear {} at {:?}", a.rule, a.path));
        }
    }
    // One pass: `podnet fix` converges in one run, and fixing reveals no defect the first
    // check did not report (every independent defect is found up front).
    let again = podnet_lint::fix(&fixed.fixed, None, &profile, false);
    if !again.applied.is_empty() {
        failed = true;
        out.notes.push(format!(
            "podnet fix did not converge in one run: a second run applies {}",
            again
                .applied
                .iter()
                .map(|d| d.rule.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for d in fixed
        .remaining
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
    {
        let seen = report
            .diagnostics
            .iter()
            .any(|o| o.rule == d.rule && o.object == d.object);
        if !seen {
            failed = true;
            out.notes.push(format!(
                "{} {} appears only after fixing (not reported on the input)",
                d.severity.as_str(),
                d.rule
            ));
        }
    }
    // `Findings: exact`: no unlisted warning either.
    if md.contains("- Findings: exact") {
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
        {
            if !expected.iter().any(|e| matches(e, d)) {
                failed = true;
                out.notes.push(format!(
                    "unexpected warning {} at {}:{}: {}",
                    d.rule, d.range.start.line, d.range.start.column, d.message
                ));
            }
        }
    }
    let mut fixed_pending = false;
    if dir.join("fixed.yaml").is_file() {
        let want = std::fs::read_to_string(dir.join("fixed.yaml")).unwrap();
        let want_report = podnet_lint::check(&want, &profile);
        for d in want_report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            failed = true;
            out.notes.push(format!(
                "fixed.yaml gets error {} at {}:{}",
                d.rule, d.range.start.line, d.range.start.column
            ));
        }
        if content(&fixed.fixed) != content(&want) {
            if unimplemented.is_empty() {
                failed = true;
                out.notes
                    .push("podnet fix output differs from fixed.yaml".into());
            } else {
                fixed_pending = true;
            }
        }
    }
    out.status = if failed {
        "FAIL"
    } else if !unimplemented.is_empty() || fixed_pending {
        out.notes.push(format!(
            "pending: {}",
            unimplemented.into_iter().collect::<Vec<_>>().join(", ")
        ));
        "pending"
    } else {
        "pass"
    };
    out
}

#[test]
fn corpus() {
    let root = workspace_root();
    let mut dirs = vec![root.join("tests/corpus")];
    if let Ok(extra) = std::env::var("PODNET_CORPUS") {
        dirs.extend(
            extra
                .split(':')
                .filter(|s| !s.is_empty())
                .map(PathBuf::from),
        );
    }
    let mut cases = Vec::new();
    for d in &dirs {
        find_cases(d, &mut cases);
    }
    assert!(!cases.is_empty(), "no corpus cases under {dirs:?}");
    let (mut pass, mut pending, mut fail) = (0, 0, 0);
    println!("\n{:<70} {:<8} notes", "case", "status");
    for case in &cases {
        let o = run_case(case);
        let name = case
            .strip_prefix(&root)
            .unwrap_or(case)
            .display()
            .to_string();
        println!("{:<70} {:<8} {}", name, o.status, o.notes.join("; "));
        match o.status {
            "pass" => pass += 1,
            "pending" => pending += 1,
            _ => fail += 1,
        }
    }
    println!(
        "\ncorpus: {pass} pass, {pending} pending, {fail} fail, {} cases",
        cases.len()
    );
    assert_eq!(fail, 0, "{fail} corpus case(s) failed; see the table above");
}

#[test]
fn expected_tables_parse() {
    let md = "| Severity | Rule | Object / path | Reason |\n| --- | --- | --- | --- |\n| error | CAL-A001 | Pod default/samplepod metadata.annotations[\"x\"] | r |\n";
    let e = parse_expected(md);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].kind, "Pod");
    assert_eq!(e[0].name.as_deref(), Some("samplepod"));
    let md = "| rule | severity | object | location | reason |\n|---|---|---|---|---|\n| MUL-P01 | error | Deployment/edge-gw | `x` | y |\n| MUL-P07 | error | Pod/(unnamed) | a | b |\n| CAL-IP005 | error | IPPool big-blocks spec.blockSize | c |\n";
    let e = parse_expected(md);
    assert_eq!(e.len(), 3);
    assert_eq!(
        (e[0].kind.as_str(), e[0].name.as_deref()),
        ("Deployment", Some("edge-gw"))
    );
    assert_eq!((e[1].kind.as_str(), e[1].name.as_deref()), ("Pod", None));
    assert_eq!(
        (e[2].kind.as_str(), e[2].name.as_deref()),
        ("IPPool", Some("big-blocks"))
    );
}
