//! `/explain`: start from the error. A form (works without JavaScript: `POST /explain`) with
//! the pasted error and, optionally, the manifest; the matches are rendered here on the
//! server, and `public/explain.js` updates them as the user pastes (through
//! `POST /api/v1/explain`, building the list with text nodes). All user text goes through
//! `crate::html`.

use crate::html::text as escape;
use podnet_lint::ide::explain::{self, Explanation, Match, RankedFinding};

/// The page, with the answer for `text` (and `source`) when given.
pub fn explain_page(text: &str, source: &str) -> String {
    let results = if text.trim().is_empty() {
        String::new()
    } else {
        let ex = explain::explain(text);
        let findings = if source.trim().is_empty() {
            vec![]
        } else {
            let report = podnet_lint::check(source, &Default::default());
            explain::rank_findings(&ex, &report.diagnostics)
        };
        render(&ex, &findings)
    };
    let body = format!(
        r#"<h1>Explain an error</h1>
<p>Paste what the cluster said: the pod's events (<code>kubectl describe pod NAME</code>), a kubelet or Multus log line, or one message. podnet unwraps it, names the rule, the cause and the fix, and says when no manifest can cause it.</p>
<form class="explain-form" method="post" action="/explain">
<label for="explain-page-text">Error text</label>
<textarea id="explain-page-text" name="text" rows="8" spellcheck="false" autocapitalize="off" autocomplete="off">{text}</textarea>
<details class="explain-manifest"{open}>
<summary>Also check a manifest</summary>
<label for="explain-page-source">Manifest YAML (its findings that explain the error come first)</label>
<textarea id="explain-page-source" name="source" rows="8" spellcheck="false" autocapitalize="off" autocomplete="off">{source}</textarea>
</details>
<p><button type="submit" class="primary">Explain</button></p>
</form>
<section id="explain-page-results" class="explain-results" aria-live="polite" aria-label="Matches">{results}</section>
<p class="hint">Also on the command line: <code>podnet explain "TEXT"</code>, <code>kubectl describe pod web | podnet explain - --manifest web.yaml</code>, and in the API: <code>POST /api/v1/explain</code>.</p>
<script src="/explain.js"></script>"#,
        text = escape(&format!("\n{text}")),
        source = escape(&format!("\n{source}")),
        open = if source.trim().is_empty() {
            ""
        } else {
            " open"
        },
        results = results,
    );
    crate::rules_pages::document(
        "Explain an error · podnet",
        "Paste a Kubernetes pod networking error (Multus, Calico) and get the rule, the cause and the fix.",
        &body,
    )
}

fn render(ex: &Explanation, findings: &[RankedFinding]) -> String {
    let mut out = String::new();
    if ex.errors.is_empty() {
        out.push_str("<p class=\"explain-none\">No runtime error found in this text.</p>");
        return out;
    }
    if ex.matches.is_empty() {
        out.push_str("<p class=\"explain-none\">No rule matches this error.</p>");
    }
    out.push_str("<ol class=\"explain-matches\">");
    for m in &ex.matches {
        out.push_str(&match_html(m));
    }
    out.push_str("</ol>");
    let explaining: Vec<&RankedFinding> =
        findings.iter().filter(|f| f.explains.is_some()).collect();
    if !findings.is_empty() {
        out.push_str(&format!(
            "<h2>In the manifest</h2><p>{} finding(s), {} explain the error.</p><ul class=\"explain-findings\">",
            findings.len(),
            explaining.len()
        ));
        for f in findings {
            let d = &f.diagnostic;
            out.push_str(&format!(
                "<li class=\"finding sev-{sev}{cls}\">line {line}, column {col}: <a href=\"/rules/{rule}\">{rule}</a> {msg}</li>",
                sev = d.severity.as_str(),
                cls = if f.explains.is_some() { " explained" } else { "" },
                line = d.range.start.line,
                col = d.range.start.column,
                rule = escape(&d.rule),
                msg = escape(&d.message),
            ));
        }
        out.push_str("</ul>");
    }
    out
}

fn match_html(m: &Match) -> String {
    let title = if m.outside {
        format!("<span class=\"explain-rule\">{}</span>", escape(&m.rule))
    } else {
        format!(
            "<a class=\"explain-rule\" href=\"/rules/{id}\">{id}</a>",
            id = escape(&m.rule)
        )
    };
    let captures: Vec<String> = m
        .captures
        .iter()
        .map(|(k, v)| format!("{}: {}", escape(k), escape(v)))
        .collect();
    format!(
        "<li class=\"explain-match{outside_cls}\" data-rule=\"{rule}\"><p class=\"explain-title\">{title} <code>{name}</code><span class=\"explain-score\"> {score:.0}% match</span>{outside}</p>{caps}{look}<p><strong>Why: </strong>{why}</p><p><strong>Fix: </strong>{fix}</p></li>",
        outside_cls = if m.outside { " outside" } else { "" },
        rule = escape(&m.rule),
        name = escape(&m.name),
        score = m.score * 100.0,
        outside = if m.outside {
            "<span class=\"explain-outside\"> Outside the manifest</span>"
        } else {
            ""
        },
        caps = if captures.is_empty() {
            String::new()
        } else {
            format!("<p class=\"explain-captures\">From the error: {}</p>", captures.join(", "))
        },
        look = if m.look.is_empty() {
            String::new()
        } else {
            format!("<p><strong>Look at: </strong>{}</p>", escape(&m.look))
        },
        why = escape(&m.why),
        fix = escape(&m.fix),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_pasted_text() {
        let page = super::explain_page(
            "</textarea><script>alert(1)</script> plugin type=\"calico\" failed (add): invalid character 'd' looking for beginning of value",
            "",
        );
        assert!(!page.contains("<script>alert(1)"));
        assert!(page.contains("CAL-A001"));
    }
}
