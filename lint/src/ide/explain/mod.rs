//! Start from the error: given pasted text (`kubectl describe pod` output, an events table,
//! a kubelet or Multus log line, one bare message), find the runtime errors in it, unwrap the
//! runtime's layers ([`unwrap`]) and rank the rules whose runtime error matches, with the
//! parts pulled out (pod, namespace, network, plugin, the offending character or value).
//!
//! The templates are the runtime errors each rule's doc quotes ([`templates`]), so a new rule
//! is matched without extra work; they need the `docs` feature (the server and CLI have it).
//! Matching is a weighted bag of tokens ([`tokens`]): words weigh by how rare they are among
//! the templates, variable parts by their shape, and both recall (how much of the template
//! the error has) and precision (how much of the error the template explains) count.

pub mod templates;
pub mod tokens;
pub mod unwrap;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::fix::diagnostic::Diagnostic;
use crate::rules;
use templates::Template;
use tokens::{Tok, VarKind};

/// Matches scoring below this are not shown.
pub const MIN_SCORE: f64 = 0.3;
/// Matches for lines without any error word need this score.
pub const MIN_SCORE_UNMARKED: f64 = 0.6;
/// At most this many matches.
pub const MAX_MATCHES: usize = 8;

/// One rule (or outside cause) whose runtime error matches the pasted text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// The rule ID, or `ENV-*` for errors no manifest causes.
    pub rule: String,
    pub name: String,
    /// 0..1, best first.
    pub score: f64,
    /// Pod, namespace, network, plugin, and the variable parts of the error (`character`,
    /// `pool`, `nad`, …).
    pub captures: BTreeMap<String, String>,
    /// Why the error happens (the rule's "Why is this bad?", or the usual cause).
    pub why: String,
    /// What in the manifest to look at (empty for outside causes).
    pub look: String,
    /// The fix.
    pub fix: String,
    /// True when no manifest can cause the error.
    pub outside: bool,
    /// The unwrapped error the match is for.
    pub error: String,
}

/// The runtime errors found in a text and the ranked matches.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The unwrapped errors, in the order found.
    pub errors: Vec<String>,
    pub matches: Vec<Match>,
}

/// Explains pasted text: the errors in it and the rules that match, best first.
pub fn explain(text: &str) -> Explanation {
    let (errors, min_score) = unwrap::errors_in(text);
    let weights = Weights::get();
    let mut best: HashMap<&'static str, (f64, usize, &Template)> = HashMap::new();
    for (ei, e) in errors.iter().enumerate() {
        let toks = tokens::tokenize(&e.core);
        if toks.is_empty() {
            continue;
        }
        for t in templates::all() {
            let s = score(t, &toks, e.plugin.as_deref(), weights);
            let entry = best.entry(t.id).or_insert((0.0, ei, t));
            if s > entry.0 + 1e-9 {
                *entry = (s, ei, t);
            }
        }
    }
    let mut ranked: Vec<(&'static str, f64, usize, &Template)> = best
        .into_iter()
        .filter(|(_, (s, _, _))| *s >= min_score)
        .map(|(id, (s, ei, t))| (id, s, ei, t))
        .collect();
    ranked.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| catalog_index(a.0).cmp(&catalog_index(b.0)))
    });
    ranked.truncate(MAX_MATCHES);
    let matches = ranked
        .into_iter()
        .map(|(id, s, ei, t)| {
            let e = &errors[ei];
            let mut captures = e.captures.clone();
            let toks = tokens::tokenize(&e.core);
            for (k, v) in var_captures(t, &toks) {
                captures.entry(k).or_insert(v);
            }
            describe(id, round(s), captures, e.core.clone())
        })
        .collect();
    Explanation {
        errors: errors.into_iter().map(|e| e.core).collect(),
        matches,
    }
}

/// The contract JSON: `{"version": 1, "matches": [{"rule", "name", "score", "captures",
/// "why", …}]}` (plus `errors`, and `findings` when a manifest was checked).
pub fn json_value(ex: &Explanation, findings: Option<&[RankedFinding]>) -> Value {
    let mut v = json!({ "version": 1, "errors": ex.errors, "matches": ex.matches });
    if let Some(f) = findings {
        v["findings"] = json!(f);
    }
    v
}

fn round(s: f64) -> f64 {
    (s * 100.0).round() / 100.0
}

fn catalog_index(id: &str) -> usize {
    rules::all()
        .iter()
        .position(|r| r.id == id)
        .unwrap_or_else(|| {
            rules::all().len()
                + templates::OUTSIDE
                    .iter()
                    .position(|o| o.id == id)
                    .unwrap_or(0)
        })
}

/// The words of a rule doc section, on one line.
fn section(docs: &str, heading: &str) -> String {
    docs.split(&format!("## {heading}\n"))
        .nth(1)
        .map(|s| s.split("\n## ").next().unwrap_or(""))
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn describe(id: &str, score: f64, captures: BTreeMap<String, String>, error: String) -> Match {
    if let Some(rule) = rules::find(id) {
        let docs = rule.docs();
        let safety = section(&docs, "Fix safety");
        let fix = match rule.fix {
            rules::FixAvailability::None => format!(
                "No automatic fix. Change the manifest as the rule's \"Use instead\" example shows ({}).",
                rule.help_uri()
            ),
            _ => format!(
                "`podnet fix` (or the editor's quick fix) rewrites it when it can: {safety} The rule's \"Use instead\" example: {}.",
                rule.help_uri()
            ),
        };
        return Match {
            rule: rule.id.to_string(),
            name: rule.name.to_string(),
            score,
            captures,
            why: section(&docs, "Why is this bad?"),
            look: rule.summary(),
            fix,
            outside: false,
            error,
        };
    }
    let o = templates::OUTSIDE.iter().find(|o| o.id == id);
    Match {
        rule: id.to_string(),
        name: o.map(|o| o.name).unwrap_or_default().to_string(),
        score,
        captures,
        why: format!(
            "Not caused by the manifest. {}",
            o.map(|o| o.cause).unwrap_or_default()
        ),
        look: String::new(),
        fix: o.map(|o| o.fix).unwrap_or_default().to_string(),
        outside: true,
        error,
    }
}

/// Word weights: rare words among the templates weigh more.
struct Weights {
    df: HashMap<String, usize>,
    n: f64,
}

const STOP: &[&str] = &[
    "to", "the", "a", "an", "of", "in", "for", "is", "be", "with", "and", "or", "on", "at", "as",
    "by", "it", "this", "-", "@", "=", "type=",
];

impl Weights {
    fn get() -> &'static Weights {
        static W: std::sync::OnceLock<Weights> = std::sync::OnceLock::new();
        W.get_or_init(|| {
            let all = templates::all();
            let mut df: HashMap<String, usize> = HashMap::new();
            for t in all {
                let mut seen: Vec<&str> = Vec::new();
                for tok in &t.tokens {
                    if let Tok::Word(w) = tok {
                        if !seen.contains(&w.as_str()) {
                            seen.push(w);
                            *df.entry(w.clone()).or_insert(0) += 1;
                        }
                    }
                }
            }
            Weights {
                df,
                n: all.len().max(1) as f64,
            }
        })
    }

    fn word(&self, w: &str) -> f64 {
        if STOP.contains(&w) {
            return 0.2;
        }
        match self.df.get(w) {
            Some(&df) => 1.0 + (self.n / df as f64).ln() * 0.5,
            // Words no template has (pod names, hashes, other prose) count less.
            None => 0.6,
        }
    }
}

fn var_weight(kind: VarKind) -> f64 {
    match kind {
        VarKind::Char => 1.5,
        VarKind::Quoted | VarKind::Paren | VarKind::Addr => 0.8,
        VarKind::Number => 0.4,
        VarKind::Any => 0.6,
    }
}

/// Bonus weight for a variable part whose value equals the template's example value.
const SAME_VALUE: f64 = 0.3;

/// How well `text` (an unwrapped error's tokens) matches template `t`.
fn score(t: &Template, text: &[Tok], plugin: Option<&str>, w: &Weights) -> f64 {
    if t.tokens.is_empty() {
        return 0.0;
    }
    let mut words: HashMap<&str, usize> = HashMap::new();
    let mut vars: Vec<(VarKind, &str, bool)> = Vec::new();
    let mut text_weight = 0.0;
    for tok in text {
        match tok {
            Tok::Word(x) => {
                *words.entry(x.as_str()).or_insert(0) += 1;
                text_weight += w.word(x);
            }
            Tok::Var { kind, value, .. } => {
                vars.push((*kind, value.as_str(), false));
                text_weight += var_weight(*kind);
            }
        }
    }
    let mut t_weight = 0.0;
    let mut got = 0.0;
    let mut got_text = 0.0;
    for tok in &t.tokens {
        match tok {
            Tok::Word(x) => {
                let wt = w.word(x);
                t_weight += wt;
                if let Some(n) = words.get_mut(x.as_str()) {
                    if *n > 0 {
                        *n -= 1;
                        got += wt;
                        got_text += wt;
                    }
                }
            }
            Tok::Var { kind, value, .. } => {
                let wt = var_weight(*kind);
                let concrete = *kind != VarKind::Any;
                // A placeholder never earns the same-value bonus: a template quoting the
                // very value ranks above one with `<value>`.
                t_weight += wt + SAME_VALUE;
                let slot = vars.iter_mut().position(|(k, _, used)| {
                    !*used && (*kind == VarKind::Any || compatible(*kind, *k))
                });
                if let Some(i) = slot {
                    let (k, v, used) = &mut vars[i];
                    *used = true;
                    got += wt;
                    got_text += var_weight(*k);
                    if concrete && v.eq_ignore_ascii_case(value) {
                        got += SAME_VALUE;
                    } else if concrete && shape(v) == shape(value) {
                        got += SAME_VALUE / 2.0;
                    }
                }
            }
        }
    }
    if t_weight <= 0.0 || text_weight <= 0.0 {
        return 0.0;
    }
    let recall = (got / t_weight).min(1.0);
    let precision = (got_text / text_weight).min(1.0);
    let mut s = recall.powf(0.65) * precision.powf(0.35);
    // The plugin that failed: the template's (`plugin type="calico"`) against the text's.
    if let (Some(tp), Some(xp)) = (t.plugin.as_deref(), plugin) {
        if tp == xp {
            s = (s * 1.05).min(1.0);
        } else {
            s *= 0.7;
        }
    }
    s
}

/// The shape of a value: an address, a path (`ns/name`), a name Kubernetes rejects
/// (upper case, `_`, spaces), empty, or a plain name. Tells apart rules that quote the same
/// error with different example values (a bad pool name, a bare IP, a missing pool).
fn shape(v: &str) -> u8 {
    let t = v.trim();
    if t.is_empty() {
        0
    } else if t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_hexdigit() || matches!(c, '.' | ':' | '/'))
        && (t.contains('.') || t.contains(':'))
    {
        1
    } else if t.contains('/') {
        2
    } else if t != v
        || t.chars()
            .any(|c| c.is_uppercase() || c == '_' || c.is_whitespace())
    {
        3
    } else {
        4
    }
}

fn compatible(template: VarKind, text: VarKind) -> bool {
    template == text
        || matches!(
            (template, text),
            (VarKind::Quoted, VarKind::Paren)
                | (VarKind::Paren, VarKind::Quoted)
                | (VarKind::Addr, VarKind::Quoted)
                | (VarKind::Quoted, VarKind::Addr)
        )
}

/// The variable parts of the error, named by the word before them in the template.
fn var_captures(t: &Template, text: &[Tok]) -> Vec<(String, String)> {
    let mut used = vec![false; text.len()];
    let mut out = Vec::new();
    for tok in &t.tokens {
        let Tok::Var { kind, label, .. } = tok else {
            continue;
        };
        let found = text.iter().enumerate().position(|(i, x)| {
            !used[i]
                && matches!(x, Tok::Var { kind: k, .. } if *kind == VarKind::Any || compatible(*kind, *k))
        });
        if let Some(i) = found {
            used[i] = true;
            if let Tok::Var { value, .. } = &text[i] {
                let key = match label.as_str() {
                    "network-attachment-definition" => "nad".to_string(),
                    "" => "value".to_string(),
                    l => l.trim_end_matches('=').to_string(),
                };
                if !out.iter().any(|(k, _)| *k == key) {
                    out.push((key, value.clone()));
                }
            }
        }
    }
    out
}

/// A finding of the checked manifest, with the match it explains (if any).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankedFinding {
    /// The rule of the match this finding explains, when it explains one.
    pub explains: Option<String>,
    /// How strongly (the match's score, raised when the object is the pod the error names).
    pub score: f64,
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
}

/// Orders a manifest's findings: those whose rule matches the error first (best match,
/// then the object the error names: its pod, namespace and network), then the rest.
pub fn rank_findings(ex: &Explanation, diagnostics: &[Diagnostic]) -> Vec<RankedFinding> {
    let mut out: Vec<RankedFinding> = diagnostics
        .iter()
        .map(|d| {
            let m = ex
                .matches
                .iter()
                .find(|m| m.rule == d.rule || rules::find(&m.rule).is_some_and(|r| r.id == d.rule));
            let score = m.map_or(0.0, |m| m.score + object_bonus(m, d));
            RankedFinding {
                explains: m.map(|m| m.rule.clone()),
                score: round(score),
                diagnostic: d.clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    out
}

/// How well a finding's object and message fit the pod, namespace and values in the error.
fn object_bonus(m: &Match, d: &Diagnostic) -> f64 {
    let mut bonus = 0.0;
    let name = d.object.as_ref().and_then(|o| o.name.as_deref());
    if let (Some(pod), Some(name)) = (m.captures.get("pod"), name) {
        // A controller's pods are named `<name>-<hash>[-<hash>]`.
        if pod == name || pod.starts_with(&format!("{name}-")) {
            bonus += 0.5;
        }
    }
    if let (Some(ns), Some(obj)) = (m.captures.get("namespace"), &d.object) {
        if obj.namespace.as_deref() == Some(ns.as_str()) {
            bonus += 0.1;
        }
    }
    for (k, v) in &m.captures {
        if matches!(k.as_str(), "pod" | "namespace" | "plugin") || v.len() < 2 {
            continue;
        }
        if d.message.contains(v.as_str()) {
            bonus += 0.1;
        }
    }
    bonus
}

#[cfg(test)]
mod tests;
