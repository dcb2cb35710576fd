//! The findings list: grouped by object, filterable by severity, counts in the header.

use crate::summary_text;
use leptos::either::Either;
use leptos::prelude::*;
use podnet_lint::{Applicability, Diagnostic, Severity};

/// At most this many findings are rendered (the editor's markers show all of them).
const MAX_SHOWN: usize = 400;

fn object_label(d: &Diagnostic) -> String {
    match &d.object {
        Some(o) => {
            let name = o.name.as_deref().unwrap_or("(unnamed)");
            match &o.namespace {
                Some(ns) => format!("{} {}/{}", o.kind, ns, name),
                None => format!("{} {}", o.kind, name),
            }
        }
        None => "Outside any object".to_string(),
    }
}

/// Consecutive findings of the same object, in source order.
fn groups(list: &[Diagnostic]) -> Vec<(String, Vec<Diagnostic>)> {
    let mut out: Vec<(String, Vec<Diagnostic>)> = Vec::new();
    for d in list {
        let label = object_label(d);
        match out.iter_mut().find(|(l, _)| *l == label) {
            Some((_, v)) => v.push(d.clone()),
            None => out.push((label, vec![d.clone()])),
        }
    }
    out
}

#[component]
pub fn Findings(
    findings: RwSignal<Vec<Diagnostic>>,
    reveal: impl Fn(u32, u32) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    // Shown severities: error, warning, info.
    let shown = RwSignal::new([true, true, true]);
    let sev_index = |s: Severity| match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    };
    let count =
        move |i: usize| findings.with(|f| f.iter().filter(|d| sev_index(d.severity) == i).count());
    let filter_button = move |i: usize, word: &'static str| {
        view! {
            <button
                type="button"
                class=format!("filter filter-{word}")
                id=format!("filter-{word}")
                aria-pressed=move || if shown.get()[i] { "true" } else { "false" }
                on:click=move |_| shown.update(|s| s[i] = !s[i])
            >
                {format!("{}s ", capitalize(word))}
                <span class="count">{move || count(i)}</span>
            </button>
        }
    };
    view! {
        <section class="pane findings-pane" aria-labelledby="findings-heading">
            <div class="pane-head">
                <h2 id="findings-heading">"Findings"</h2>
                <span id="summary" class="summary" aria-live="polite">
                    {move || summary_text(&findings.get())}
                </span>
            </div>
            <div class="filters" role="group" aria-label="Show severities">
                {filter_button(0, "error")}
                {filter_button(1, "warning")}
                {filter_button(2, "info")}
            </div>
            <div id="findings" class="findings">
                {move || {
                    let s = shown.get();
                    let list: Vec<Diagnostic> = findings
                        .get()
                        .into_iter()
                        .filter(|d| s[sev_index(d.severity)])
                        .collect();
                    let total = findings.with(|f| f.len());
                    if list.is_empty() {
                        let text = if total == 0 {
                            "No findings."
                        } else {
                            "No findings of the selected severities."
                        };
                        return Either::Left(view! { <p class="empty">{text}</p> });
                    }
                    let hidden = list.len().saturating_sub(MAX_SHOWN);
                    let list: Vec<Diagnostic> = list.into_iter().take(MAX_SHOWN).collect();
                    Either::Right(view! {
                        {groups(&list)
                            .into_iter()
                            .enumerate()
                            .map(|(gi, (label, items))| {
                                let hid = format!("group-{gi}");
                                let labelled = hid.clone();
                                let n = items.len();
                                view! {
                                    <section class="group" aria-labelledby=labelled>
                                        <h3 id=hid>
                                            {label}
                                            <span class="group-count">
                                                {format!(" ({n} finding{})", if n == 1 { "" } else { "s" })}
                                            </span>
                                        </h3>
                                        <ul>
                                            {items
                                                .into_iter()
                                                .map(|d| finding_item(d, reveal, true))
                                                .collect_view()}
                                        </ul>
                                    </section>
                                }
                            })
                            .collect_view()}
                        {(hidden > 0)
                            .then(|| {
                                view! {
                                    <p class="more">
                                        {format!("{hidden} more findings are not listed; the editor marks all of them.")}
                                    </p>
                                }
                            })}
                    })
                }}
            </div>
        </section>
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// One finding: a button that shows it in the editor, its rule's docs and, with `actions`,
/// "Apply" (its fix; unsafe ones say so) and "Ignore here…" (a `podnet:ignore` comment with a
/// reason) for touch users and anyone who prefers the list.
pub fn finding_item(
    d: Diagnostic,
    reveal: impl Fn(u32, u32) + Copy + 'static,
    actions: bool,
) -> impl IntoView {
    let line = d.range.start.line;
    let column = d.range.start.column;
    let severity = d.severity.as_str();
    let fix = d.fix.as_ref().map(|f| match f.applicability {
        Applicability::Safe => ("fix-safe", "safe fix"),
        Applicability::Unsafe => ("fix-unsafe", "unsafe fix"),
        Applicability::DisplayOnly => ("fix-display", "suggestion"),
    });
    let doc = format!("/rules/{}", d.rule);
    let apply = d
        .fix
        .as_ref()
        .filter(|f| f.applicability != Applicability::DisplayOnly && !f.edits.is_empty() && actions)
        .map(|f| {
            let unsafe_fix = f.applicability == Applicability::Unsafe;
            let edits = serde_json::to_string(&f.edits).unwrap_or_else(|_| "[]".into());
            let title = format!(
                "{}: {}",
                if unsafe_fix { "Unsafe fix, check the result" } else { "Safe fix" },
                f.title
            );
            let label = if unsafe_fix { "Apply (unsafe)" } else { "Apply" };
            let rule = d.rule.clone();
            view! {
                <button
                    type="button"
                    class=if unsafe_fix { "finding-action apply apply-unsafe" } else { "finding-action apply" }
                    title=title
                    on:click=move |_| {
                        #[cfg(feature = "hydrate")]
                        crate::client::apply_fix(&edits);
                        let _ = &edits;
                    }
                >
                    {label}
                    <span class="visually-hidden">{format!(" the fix for {rule} at line {line}")}</span>
                </button>
            }
        });
    let ignore = actions.then(|| {
        let rule = d.rule.clone();
        let label_rule = d.rule.clone();
        view! {
            <button
                type="button"
                class="finding-action ignore"
                title="Add a podnet:ignore comment with your reason above this line"
                on:click=move |_| {
                    #[cfg(feature = "hydrate")]
                    crate::client::ignore_here(&rule, line);
                    let _ = &rule;
                }
            >
                "Ignore here…"
                <span class="visually-hidden">{format!(" {label_rule} at line {line}")}</span>
            </button>
        }
    });
    // Marked when a pasted error (the "Paste an error" box) is explained by this finding.
    let explained = use_context::<crate::explain_box::Explained>();
    let key = (d.rule.clone(), d.range.start.offset);
    let class = move || {
        let hit = explained.is_some_and(|e| e.0.with(|v| v.contains(&key)));
        format!(
            "finding sev-{severity}{}",
            if hit { " explained" } else { "" }
        )
    };
    view! {
        <li class=class>
            <button
                type="button"
                class="finding-button"
                data-line=line.to_string()
                data-column=column.to_string()
                on:click=move |_| reveal(line, column)
            >
                <span class="rule">{d.rule.clone()}</span>
                <span class="sev">{severity}</span>
                <span class="pos">
                    <span class="visually-hidden">"at line "</span>
                    {format!("{line}:{column}")}
                </span>
                {fix.map(|(class, text)| view! { <span class=format!("fix-tag {class}")>{text}</span> })}
                <span class="msg">{d.message.clone()}</span>
                {d.help.clone().map(|h| view! {
                    <span class="help"><span class="help-label">"Why: "</span>{help_text(&h)}</span>
                })}
            </button>
            <a class="rule-link" href=doc target="_blank" rel="noopener">
                "docs"
                <span class="visually-hidden">{format!(" for {}", d.rule)}</span>
            </a>
            {(apply.is_some() || ignore.is_some())
                .then(|| view! { <div class="finding-actions js-only">{apply}{ignore}</div> })}
        </li>
    }
}

/// The plain cause (`Diagnostic::help`) as text with its `code spans` as `<code>`.
fn help_text(help: &str) -> Vec<Either<impl IntoView, String>> {
    help.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                Either::Left(view! { <code>{part.to_string()}</code> })
            } else {
                Either::Right(part.to_string())
            }
        })
        .collect()
}
