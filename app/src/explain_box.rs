//! "Paste an error" on the editor page: the user pastes what the cluster said (an event,
//! `kubectl describe pod` output, a log line); the `explain` server function ranks the rules
//! whose runtime error matches (`podnet_lint::ide::explain`, which needs the rule docs, so it
//! runs on the server) and checks the editor's text: the findings that explain the error are
//! highlighted in the findings list and the editor, and the editor jumps to the first.
//! Everything the user typed reaches the page as Leptos text nodes only.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use podnet_lint::ide::explain::{Match, RankedFinding};
use podnet_lint::Profile;
use serde::{Deserialize, Serialize};

/// Pasted text beyond this is cut (a describe output is a few KB).
pub const MAX_TEXT: usize = 256 * 1024;

/// The answer of [`explain_error`]: the unwrapped errors, the matches, and the findings of
/// the editor's text that explain the error (best first).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExplainAnswer {
    pub errors: Vec<String>,
    pub matches: Vec<Match>,
    pub findings: Vec<RankedFinding>,
}

/// The findings the pasted error explains, by rule and start offset (the findings list marks
/// them).
#[derive(Clone, Copy)]
pub struct Explained(pub RwSignal<Vec<(String, usize)>>);

/// Explain pasted error text; with `source`, check it and keep the findings that explain
/// the error.
#[server(prefix = "/api/fn", endpoint = "explain", input = Json)]
pub async fn explain_error(
    text: String,
    source: String,
    profile: Profile,
    inventory: String,
) -> Result<ExplainAnswer, ServerFnError> {
    crate::engine::run(move || {
        let mut text = text;
        if text.len() > MAX_TEXT {
            let mut cut = MAX_TEXT;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        let ex = podnet_lint::ide::explain::explain(&text);
        let findings = if source.trim().is_empty() || ex.matches.is_empty() {
            vec![]
        } else {
            let inv = (!inventory.trim().is_empty()).then_some(inventory.as_str());
            let report = podnet_lint::check_with_inventory(&source, inv, &profile);
            podnet_lint::ide::explain::rank_findings(&ex, &report.diagnostics)
                .into_iter()
                .filter(|f| f.explains.is_some())
                .collect()
        };
        ExplainAnswer {
            errors: ex.errors,
            matches: ex.matches,
            findings,
        }
    })
    .await
    .map_err(ServerFnError::new)
}

/// The box: a textarea and the ranked matches.
#[component]
pub fn ExplainBox(
    profile: RwSignal<Profile>,
    inventory: RwSignal<String>,
    explained: Explained,
) -> impl IntoView {
    let answer = RwSignal::new(None::<ExplainAnswer>);
    let busy = RwSignal::new(false);
    // The latest request wins (a slower earlier answer is dropped).
    let generation = RwSignal::new(0u64);
    let run = move |text: String| {
        let gen = generation.get_untracked() + 1;
        generation.set(gen);
        if text.trim().is_empty() {
            answer.set(None);
            explained.0.set(vec![]);
            return;
        }
        #[cfg(feature = "hydrate")]
        {
            busy.set(true);
            let source = crate::client::current_text().unwrap_or_default();
            let p = profile.get_untracked();
            let inv = inventory.get_untracked();
            leptos::task::spawn_local(async move {
                let got = explain_error(text, source, p, inv).await;
                if generation.get_untracked() != gen {
                    return;
                }
                busy.set(false);
                match got {
                    Ok(a) => {
                        explained.0.set(
                            a.findings
                                .iter()
                                .map(|f| {
                                    (f.diagnostic.rule.clone(), f.diagnostic.range.start.offset)
                                })
                                .collect(),
                        );
                        crate::client::highlight_explained(&a.findings);
                        if let Some(first) = a.findings.first() {
                            let at = first.diagnostic.range.start;
                            crate::client::reveal(at.line, at.column);
                        }
                        answer.set(Some(a));
                    }
                    Err(e) => answer.set(Some(ExplainAnswer {
                        errors: vec![format!("Could not explain: {e}")],
                        ..Default::default()
                    })),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (text, profile, inventory, busy);
    };
    // Typing: wait for a pause; pasting: at once.
    let timer = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let handle = leptos::leptos_dom::helpers::set_timeout_with_handle(
            move || run(text),
            std::time::Duration::from_millis(300),
        )
        .ok();
        timer.set_value(handle);
    };
    view! {
        <section class="explain-box" aria-labelledby="explain-heading">
            <h2 id="explain-heading">"Paste an error"</h2>
            <p class="hint" id="explain-hint">
                "What the cluster said: the pod's events ("<code>"kubectl describe pod"</code>
                "), a kubelet or Multus log line, or one message. podnet finds the rule, the cause and the fix, and marks the findings of the YAML above that explain it."
            </p>
            <label for="explain-text" class="visually-hidden">
                "Error text"
            </label>
            <textarea
                id="explain-text"
                class="explain-text"
                rows="4"
                spellcheck="false"
                autocapitalize="off"
                autocomplete="off"
                aria-describedby="explain-hint"
                placeholder="Failed to create pod sandbox: … plugin type=\"calico\" failed (add): invalid character 'd' looking for beginning of value"
                on:input=on_input
            ></textarea>
            <div id="explain-results" class="explain-results" aria-live="polite" aria-busy=move || if busy.get() { "true" } else { "false" }>
                {move || answer.get().map(|a| view! { <Answer a /> })}
            </div>
        </section>
    }
}

/// The matches of one answer.
#[component]
pub fn Answer(a: ExplainAnswer) -> impl IntoView {
    let n_findings = a.findings.len();
    let errors = a.errors.clone();
    let empty = a.matches.is_empty();
    view! {
        {(errors.is_empty()).then(|| view! {
            <p class="explain-none">"No runtime error found in this text. Paste the pod's events or the log line with the error."</p>
        })}
        {(!errors.is_empty() && empty).then(|| view! {
            <p class="explain-none">"No rule matches this error."</p>
        })}
        {(n_findings > 0).then(|| view! {
            <p class="explain-found" id="explain-found">
                {format!(
                    "{n_findings} finding{} in the editor explain{} this error (marked in the findings list).",
                    if n_findings == 1 { "" } else { "s" },
                    if n_findings == 1 { "s" } else { "" }
                )}
            </p>
        })}
        <ol class="explain-matches">
            {a.matches.into_iter().map(|m| view! { <MatchItem m /> }).collect_view()}
        </ol>
    }
}

#[component]
fn MatchItem(m: Match) -> impl IntoView {
    let captures: Vec<String> = m
        .captures
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    let href = (!m.outside).then(|| format!("/rules/{}", m.rule));
    let rule = m.rule.clone();
    view! {
        <li class=if m.outside { "explain-match outside" } else { "explain-match" } data-rule=m.rule.clone()>
            <p class="explain-title">
                {match href {
                    Some(h) => leptos::either::Either::Left(view! { <a href=h class="explain-rule">{rule}</a> }),
                    None => leptos::either::Either::Right(view! { <span class="explain-rule">{rule}</span> }),
                }}
                " "
                <code>{m.name.clone()}</code>
                <span class="explain-score">{format!(" {:.0}% match", m.score * 100.0)}</span>
                {m.outside.then(|| view! { <span class="explain-outside">" Outside the manifest"</span> })}
            </p>
            {(!captures.is_empty()).then(|| view! {
                <p class="explain-captures">"From the error: " {captures.join(", ")}</p>
            })}
            {(!m.look.is_empty()).then(|| view! {
                <p><strong>"Look at: "</strong>{m.look.clone()}</p>
            })}
            <p><strong>"Why: "</strong>{m.why.clone()}</p>
            <p><strong>"Fix: "</strong>{m.fix.clone()}</p>
        </li>
    }
}
