//! `/rules` and `/rules/<ID>`: the rule documentation, rendered on the server from the
//! engine's registry (`podnet_lint::rules::all()`). Plain HTML documents (no hydration): a
//! searchable list, and per rule what it checks, why it matters (with the runtime error),
//! the invalid and fixed examples with the findings podnet reports on the first, and the
//! fix safety.

use crate::html::text as escape;
use podnet_lint::rules::{self, FixAvailability, Rule};

/// Inline Markdown: `code`, **bold**; everything else escaped.
fn inline(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&escape(part));
            out.push_str("</code>");
        } else {
            let esc = escape(part);
            let mut bold = false;
            for (j, b) in esc.split("**").enumerate() {
                if j > 0 {
                    out.push_str(if bold { "</strong>" } else { "<strong>" });
                    bold = !bold;
                }
                out.push_str(b);
            }
            if bold {
                out.push_str("</strong>");
            }
        }
    }
    out
}

/// The Markdown subset of rule docs: paragraphs, `- ` lists, fenced code, inline code.
fn markdown(text: &str) -> String {
    let mut html = String::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let flush = |html: &mut String, para: &mut Vec<&str>, list: &mut Vec<String>| {
        if !para.is_empty() {
            html.push_str(&format!("<p>{}</p>\n", inline(&para.join(" "))));
            para.clear();
        }
        if !list.is_empty() {
            html.push_str("<ul>");
            for item in list.drain(..) {
                html.push_str(&format!("<li>{}</li>", inline(&item)));
            }
            html.push_str("</ul>\n");
        }
    };
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let t = line.trim_end();
        if let Some(lang) = t.trim_start().strip_prefix("```") {
            flush(&mut html, &mut para, &mut list);
            let mut code = String::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                code.push_str(l);
                code.push('\n');
            }
            let lang = lang.split_whitespace().next().unwrap_or("");
            html.push_str(&format!(
                "<pre class=\"code\" data-lang=\"{}\" tabindex=\"0\"><code>{}</code></pre>\n",
                escape(lang),
                escape(&code)
            ));
        } else if t.trim().is_empty() {
            flush(&mut html, &mut para, &mut list);
        } else if let Some(item) = t.trim_start().strip_prefix("- ") {
            if !para.is_empty() {
                flush(&mut html, &mut para, &mut list);
            }
            list.push(item.to_string());
        } else if !list.is_empty() && line.starts_with("  ") {
            if let Some(last) = list.last_mut() {
                last.push(' ');
                last.push_str(t.trim());
            }
        } else {
            if !list.is_empty() {
                flush(&mut html, &mut para, &mut list);
            }
            para.push(t.trim());
        }
    }
    flush(&mut html, &mut para, &mut list);
    html
}

/// The `## Heading` sections of a rule's docs, in order.
fn sections(docs: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for chunk in docs.split("\n## ") {
        let chunk = chunk.strip_prefix("## ").unwrap_or(chunk);
        let (head, body) = chunk.split_once('\n').unwrap_or((chunk, ""));
        out.push((head.trim().to_string(), body.to_string()));
    }
    out
}

fn fix_text(f: FixAvailability) -> &'static str {
    match f {
        FixAvailability::None => "No automatic fix",
        FixAvailability::Sometimes => "Fix available for some cases",
        FixAvailability::Always => "Fix always available",
    }
}

fn fix_word(f: FixAvailability) -> &'static str {
    match f {
        FixAvailability::None => "none",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "always",
    }
}

pub(crate) fn document(title: &str, description: &str, body: &str) -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="description" content="{description}">
<title>{title}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/pkg/podnet.css">
<script src="/theme.js"></script>
</head>
<body class="doc-page">
<a class="skip-link" href="#content">Skip to content</a>
<header class="top">
<p class="brand"><a href="/">podnet</a></p>
<nav aria-label="Site"><a href="/">Editor</a> · <a href="/rules">Rules</a> · <a href="/explain">Explain an error</a></nav>
</header>
<main id="content">
{body}
</main>
<footer class="bottom"><span>podnet {version}</span></footer>
</body>
</html>
"##,
        title = escape(title),
        description = escape(description),
        body = body,
        version = escape(podnet_lint::VERSION),
    )
}

/// `/rules`, optionally filtered (`?q=`, for browsers without JavaScript).
pub fn rules_index(query: &str) -> String {
    let q = query.trim().to_lowercase();
    let mut rows = String::new();
    let mut shown = 0;
    // A pasted runtime error rarely matches word for word: the rules whose error it is.
    let by_error: Vec<String> = if q.split_whitespace().count() >= 3 {
        podnet_lint::ide::explain::explain(query)
            .matches
            .into_iter()
            .map(|m| m.rule)
            .collect()
    } else {
        vec![]
    };
    for r in rules::all() {
        // The runtime error text ("Why is this bad?") is searchable too.
        let docs = r.docs();
        let why = docs
            .split("## Why is this bad?\n")
            .nth(1)
            .and_then(|s| s.split("\n## ").next())
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('`', "");
        let hay = format!(
            "{} {} {} {} {}",
            r.id,
            r.name,
            r.aliases.join(" "),
            r.summary(),
            why
        )
        .to_lowercase();
        if !q.is_empty() && !hay.contains(&q) && !by_error.iter().any(|id| id == r.id) {
            continue;
        }
        shown += 1;
        rows.push_str(&format!(
            "<tr data-search=\"{hay}\"><th scope=\"row\"><a href=\"/rules/{id}\">{id}</a></th><td><code>{name}</code></td><td><span class=\"sev sev-{sev}\">{sev}</span></td><td>{fix}</td><td>{summary}</td></tr>\n",
            hay = escape(&hay),
            id = escape(r.id),
            name = escape(r.name),
            sev = r.severity.as_str(),
            fix = fix_word(r.fix),
            summary = inline(&r.summary()),
        ));
    }
    let body = format!(
        r#"<h1>Rules</h1>
<p>Every check podnet runs, with the runtime error it prevents. {total} rules.</p>
<form class="rule-search" method="get" action="/rules" role="search">
<label for="rule-search">Search rules</label>
<input id="rule-search" type="search" name="q" value="{q}" placeholder="ID, name, words or an error, e.g. CAL-A001, mac, beginning of value" autocomplete="off">
<button type="submit">Search</button>
<span id="rule-count" role="status" aria-live="polite">{shown} shown</span>
</form>
<table class="rules-table" id="rules-table">
<caption class="visually-hidden">podnet rules</caption>
<thead><tr><th scope="col">ID</th><th scope="col">Name</th><th scope="col">Severity</th><th scope="col">Fix</th><th scope="col">What it checks</th></tr></thead>
<tbody>
{rows}</tbody>
</table>
<script src="/rules.js"></script>"#,
        total = rules::all().len(),
        q = escape(query),
        shown = shown,
        rows = rows,
    );
    document(
        "Rules · podnet",
        "Every rule podnet checks in Kubernetes pod networking annotations.",
        &body,
    )
}

/// The findings podnet reports for `rule` on `source`.
fn findings_on(rule: &Rule, source: &str, profile_json: &str) -> String {
    let profile: podnet_lint::Profile = if profile_json.trim().is_empty() {
        Default::default()
    } else {
        serde_json::from_str(profile_json).unwrap_or_default()
    };
    let report = podnet_lint::check(source, &profile);
    let mine: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule.id)
        .collect();
    if mine.is_empty() {
        return String::new();
    }
    let mut html = String::from(
        "<p class=\"finding-head\">podnet reports:</p><ul class=\"example-findings\">",
    );
    for d in mine {
        html.push_str(&format!(
            "<li><span class=\"sev sev-{sev}\">{sev}</span> line {line}, column {col}: {msg}{fix}</li>",
            sev = d.severity.as_str(),
            line = d.range.start.line,
            col = d.range.start.column,
            msg = escape(&d.message),
            fix = match &d.fix {
                Some(f) => format!(
                    " <em>Fix ({}): {}</em>",
                    match f.applicability {
                        podnet_lint::Applicability::Safe => "safe",
                        podnet_lint::Applicability::Unsafe => "unsafe",
                        podnet_lint::Applicability::DisplayOnly => "display only",
                    },
                    escape(&f.title)
                ),
                None => String::new(),
            }
        ));
    }
    html.push_str("</ul>");
    html
}

/// `/rules/<ID>`; `None` if no rule has this ID or alias.
pub fn rule_page(id: &str) -> Option<String> {
    let rule = rules::find(id)?;
    let docs = rule.docs();
    let mut body = format!(
        r#"<p class="crumbs"><a href="/rules">Rules</a> / {id}</p>
<h1><span class="rule-id">{id}</span> <code class="rule-name">{name}</code></h1>
<dl class="rule-facts">
<div><dt>Severity</dt><dd><span class="sev sev-{sev}">{sev}</span></dd></div>
<div><dt>Fix</dt><dd id="fix-availability">{fix}</dd></div>
{aliases}
</dl>
"#,
        id = escape(rule.id),
        name = escape(rule.name),
        sev = rule.severity.as_str(),
        fix = fix_text(rule.fix),
        aliases = if rule.aliases.is_empty() {
            String::new()
        } else {
            format!(
                "<div><dt>Aliases</dt><dd>{}</dd></div>",
                escape(&rule.aliases.join(", "))
            )
        },
    );
    for (head, text) in sections(&docs) {
        if head.starts_with("# ") || head.is_empty() {
            continue;
        }
        let (class, title) = match head.as_str() {
            "What it does" => ("what", "What it checks"),
            "Why is this bad?" => ("why", "Why it matters"),
            "Example" => ("example-invalid", "Invalid example"),
            "Use instead" => ("example-fixed", "Fixed example"),
            "Fix safety" => ("fix-safety", "Fix safety"),
            other => ("other", other),
        };
        let slug = class;
        body.push_str(&format!(
            "<section class=\"doc-section {class}\" aria-labelledby=\"h-{slug}\"><h2 id=\"h-{slug}\">{title}</h2>\n{}",
            markdown(&text),
            title = escape(title)
        ));
        if head == "Example" {
            for ex in rule.examples("Example") {
                body.push_str(&findings_on(rule, &ex.source, &ex.profile));
            }
        }
        body.push_str("</section>\n");
    }
    Some(document(
        &format!("{} {} · podnet", rule.id, rule.name),
        &rule.summary(),
        &body,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_page_renders_its_examples() {
        for r in rules::all() {
            let html = rule_page(r.id).expect("page");
            for heading in ["Example", "Use instead"] {
                for ex in r.examples(heading) {
                    let first = ex
                        .source
                        .lines()
                        .find(|l| l.contains("annotations") || l.contains("kind"))
                        .unwrap_or("");
                    assert!(html.contains(&escape(first)), "{} {heading}: {first}", r.id);
                }
            }
            assert!(html.contains("Fix safety") || r.docs().find("## Fix safety").is_none());
        }
        assert!(rule_page("MUL-C01").is_some(), "alias");
        assert!(rule_page("NOPE-1").is_none());
    }

    #[test]
    fn index_lists_every_rule_and_filters() {
        let html = rules_index("");
        for r in rules::all() {
            assert!(html.contains(&format!("href=\"/rules/{}\"", r.id)));
        }
        let html = rules_index("CAL-A001");
        assert!(html.contains("/rules/CAL-A001"));
        assert!(!html.contains("/rules/MUL-J16"));
    }
}
