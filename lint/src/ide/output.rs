//! Renderings of findings for people and CI systems: `text`, `json` (the contract),
//! `sarif` (2.1.0) and `github` (workflow commands). Pure functions of the findings.

use serde::Serialize;
use serde_json::{json, Value};

use crate::fix::diagnostic::{Diagnostic, Severity, Summary};
use crate::rules;

/// The findings of one input file.
#[derive(Debug, Clone)]
pub struct FileReport<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    diagnostics: &'a [Diagnostic],
}

/// The contract's JSON document (`spec/README.md` section 4).
pub fn json_value(files: &[FileReport]) -> Value {
    let all: Vec<Diagnostic> = files
        .iter()
        .flat_map(|f| f.diagnostics.iter().cloned())
        .collect();
    let files: Vec<JsonFile> = files
        .iter()
        .map(|f| JsonFile {
            path: f.path,
            diagnostics: f.diagnostics,
        })
        .collect();
    json!({ "version": 1, "files": files, "summary": Summary::of(&all) })
}

pub fn json(files: &[FileReport]) -> String {
    serde_json::to_string_pretty(&json_value(files)).unwrap_or_default() + "\n"
}

/// Human-readable: `file:line:col: severity[RULE] message`, the source line with a caret
/// under the range, and the fix title.
pub fn text(files: &[FileReport]) -> String {
    let mut out = String::new();
    let mut all = Vec::new();
    for f in files {
        let lines: Vec<&str> = f.source.split('\n').collect();
        for d in f.diagnostics {
            all.push(d.clone());
            let s = d.range.start;
            out.push_str(&format!(
                "{}:{}:{}: {}[{}] {}\n",
                f.path,
                s.line,
                s.column,
                d.severity.as_str(),
                d.rule,
                d.message
            ));
            if let Some(line) = lines.get(s.line as usize - 1) {
                let line = line.strip_suffix('\r').unwrap_or(line);
                let width = s.line.to_string().len();
                let shown: String = line
                    .chars()
                    .take(200)
                    .map(|c| {
                        if c.is_control() && c != '\t' {
                            char::REPLACEMENT_CHARACTER
                        } else {
                            c
                        }
                    })
                    .collect();
                let start_col = (s.column as usize).saturating_sub(1);
                let len = if d.range.end.line == s.line {
                    (d.range.end.column as usize)
                        .saturating_sub(s.column as usize)
                        .max(1)
                } else {
                    line.chars().count().saturating_sub(start_col).max(1)
                };
                let prefix: String = line
                    .chars()
                    .take(start_col.min(200))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                out.push_str(&format!("{:width$} |\n", ""));
                out.push_str(&format!("{} | {}\n", s.line, shown));
                out.push_str(&format!(
                    "{:width$} | {}{}\n",
                    "",
                    prefix,
                    "^".repeat(len.min(200))
                ));
            }
            if let Some(help) = &d.help {
                out.push_str(&format!("  = help: {help}\n"));
            }
            if let Some(fix) = &d.fix {
                let kind = match fix.applicability {
                    crate::Applicability::Safe => "fix",
                    crate::Applicability::Unsafe => "unsafe fix",
                    crate::Applicability::DisplayOnly => "suggestion",
                };
                out.push_str(&format!("  = {kind}: {}\n", fix.title));
            }
            out.push('\n');
        }
    }
    let s = Summary::of(&all);
    if all.is_empty() {
        out.push_str("No findings.\n");
    } else {
        out.push_str(&format!(
            "Found {} error{}, {} warning{}, {} info{}.\n",
            s.errors,
            if s.errors == 1 { "" } else { "s" },
            s.warnings,
            if s.warnings == 1 { "" } else { "s" },
            s.infos,
            if s.infos == 1 { "" } else { "s" }
        ));
    }
    out
}

/// A file path as a SARIF URI reference (RFC 3986): relative paths stay relative, unsafe
/// characters are percent-encoded; standard input is `stdin`.
fn uri_reference(path: &str) -> String {
    if path == "<stdin>" || path == "-" {
        return "stdin".to_string();
    }
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0 with physical regions and rule metadata; `docs_base` prefixes help URIs.
pub fn sarif(files: &[FileReport], docs_base: &str) -> String {
    let rules_meta: Vec<Value> = rules::all()
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": { "text": r.summary() },
                "fullDescription": { "text": r.summary() },
                "help": { "text": r.docs(), "markdown": r.docs() },
                "helpUri": format!("{}{}", docs_base.trim_end_matches('/'), r.help_uri()),
                "defaultConfiguration": { "level": sarif_level(r.severity) },
                "properties": { "aliases": r.aliases, "fix": r.fix },
            })
        })
        .collect();
    let mut results = Vec::new();
    for f in files {
        for d in f.diagnostics {
            let index = rules::all().iter().position(|r| r.id == d.rule);
            let mut result = json!({
                "ruleId": d.rule,
                "level": sarif_level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri_reference(f.path) },
                        "region": {
                            "startLine": d.range.start.line,
                            "startColumn": d.range.start.column,
                            "endLine": d.range.end.line,
                            "endColumn": d.range.end.column.max(d.range.start.column + u32::from(d.range.end.line == d.range.start.line && d.range.end.column == d.range.start.column)),
                            "byteOffset": d.range.start.offset,
                            "byteLength": d.range.end.offset - d.range.start.offset,
                        }
                    },
                    "logicalLocations": d.object.as_ref().map(|o| vec![json!({
                        "fullyQualifiedName": format!("{}/{}{}", o.kind, o.namespace.as_deref().map(|n| format!("{n}/")).unwrap_or_default(), o.name.as_deref().unwrap_or("")),
                        "kind": "object",
                    })]).unwrap_or_default(),
                }],
            });
            if let Some(i) = index {
                result["ruleIndex"] = json!(i);
            }
            if let Some(fix) = &d.fix {
                result["fixes"] = json!([{
                    "description": { "text": fix.title },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri_reference(f.path) },
                        "replacements": fix.edits.iter().map(|e| json!({
                            "deletedRegion": { "byteOffset": e.range.start.offset, "byteLength": e.range.end.offset - e.range.start.offset },
                            "insertedContent": { "text": e.content },
                        })).collect::<Vec<_>>(),
                    }],
                }]);
                result["properties"] = json!({ "fixApplicability": fix.applicability });
            }
            results.push(result);
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "podnet",
                "version": crate::VERSION,
                "semanticVersion": crate::VERSION,
                "informationUri": docs_base,
                "rules": rules_meta,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_escape_prop(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands (`::error file=…,line=…::message`).
pub fn github(files: &[FileReport]) -> String {
    let mut out = String::new();
    for f in files {
        for d in f.diagnostics {
            let cmd = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut props = format!(
                "file={},line={},col={},endLine={}",
                gh_escape_prop(f.path),
                d.range.start.line,
                d.range.start.column,
                d.range.end.line
            );
            if d.range.end.line == d.range.start.line {
                props.push_str(&format!(",endColumn={}", d.range.end.column));
            }
            props.push_str(&format!(
                ",title={}",
                gh_escape_prop(&format!("{} {}", d.rule, d.name))
            ));
            out.push_str(&format!(
                "::{cmd} {props}::{}\n",
                gh_escape_data(&d.message)
            ));
        }
    }
    out
}
