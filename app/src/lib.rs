//! The Leptos UI of podnet: one page with the source editor, "Validate", "Fix all" and the
//! findings list.
//!
//! - Server side (`ssr`): the page is a plain `<form method="post" action="/">` with a
//!   `<textarea name="source">`, so it validates and fixes without JavaScript.
//! - Browser side (`hydrate`): `public/editor.js` (global `podnetGlue`) swaps the textarea for
//!   Monaco; every edit is checked by the `check_source` server function (debounced, stale
//!   answers dropped) and the findings become Monaco markers and list entries.

use leptos::prelude::*;
use podnet_lint::{Diagnostic, FixOutcome, Summary};
use serde::{Deserialize, Serialize};

#[cfg(feature = "hydrate")]
mod client;
pub mod embed;
pub mod share;

/// The manifest the page starts with.
pub const SAMPLE: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: samplepod
  annotations:
    cni.projectcalico.org/ipv4pools: "default-ipv4-ippool"   # must be a JSON array
    k8s.v1.cni.cncf.io/networks: default/flannel-conf
spec:
  containers:
  - name: app
    image: nginx
"#;

/// What the server rendered: the source and its findings. The server provides it as context;
/// it is also embedded in the page as JSON (`#podnet-state`) so hydration starts from the
/// same data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageState {
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
    /// A line shown in the status area (e.g. "Applied 1 fix.").
    pub notice: Option<String>,
}

impl PageState {
    /// Check `source` with the default profile.
    #[cfg(feature = "ssr")]
    pub fn checked(source: String) -> PageState {
        let report = podnet_lint::check_with_inventory(&source, None, &Default::default());
        PageState {
            source,
            diagnostics: report.diagnostics,
            notice: None,
        }
    }

    /// Apply all safe fixes to `source`; the findings are those left in the fixed text.
    #[cfg(feature = "ssr")]
    pub fn fixed(source: String) -> PageState {
        let outcome = podnet_lint::fix(&source, None, &Default::default(), false);
        let n = outcome.applied.len();
        PageState {
            source: outcome.fixed,
            diagnostics: outcome.remaining,
            notice: Some(fix_notice(n)),
        }
    }
}

fn fix_notice(applied: usize) -> String {
    match applied {
        0 => "Nothing to fix automatically.".to_string(),
        1 => "Applied 1 fix.".to_string(),
        n => format!("Applied {n} fixes."),
    }
}

fn summary_text(diagnostics: &[Diagnostic]) -> String {
    let s = Summary::of(diagnostics);
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}, {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info")
    )
}

/// Check one source text (used by the browser for live validation).
#[server(prefix = "/api/fn", endpoint = "check")]
pub async fn check_source(source: String) -> Result<Vec<Diagnostic>, ServerFnError> {
    let report = podnet_lint::check_with_inventory(&source, None, &Default::default());
    Ok(report.diagnostics)
}

/// Apply all safe fixes (used by "Fix all").
#[server(prefix = "/api/fn", endpoint = "fix")]
pub async fn fix_source(source: String) -> Result<FixOutcome, ServerFnError> {
    Ok(podnet_lint::fix(&source, None, &Default::default(), false))
}

/// The HTML document around [`App`].
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <meta
                    name="description"
                    content="Validate and fix Kubernetes pod networking annotations (Multus, Calico)."
                />
                <title>"podnet: pod networking annotation checker"</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href="/pkg/podnet.css" />
                <script src="/editor.js"></script>
                <HydrationScripts options />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The state this render starts from.
fn initial_state() -> PageState {
    #[cfg(feature = "ssr")]
    {
        use_context::<PageState>().unwrap_or_else(|| PageState::checked(SAMPLE.to_string()))
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        client::embedded_state().unwrap_or_else(|| PageState {
            source: SAMPLE.to_string(),
            diagnostics: vec![],
            notice: None,
        })
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        PageState {
            source: SAMPLE.to_string(),
            diagnostics: vec![],
            notice: None,
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let init = initial_state();
    if let Some(opts) = embed::current() {
        return view! { <embed::EmbedApp opts init /> }.into_any();
    }
    // `<` escaped so the JSON cannot close the script element.
    let state_json = serde_json::to_string(&init)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c");

    let findings = RwSignal::new(init.diagnostics.clone());
    let status = RwSignal::new(init.notice.clone().unwrap_or_default());
    let hydrated = RwSignal::new(false);
    // Effects run only in the browser, after hydration.
    Effect::new(move |_| hydrated.set(true));

    #[cfg(feature = "hydrate")]
    let live = client::Live::start(findings, status);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // With JavaScript the page validates live; "Validate" just checks now.
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        live.check_now();
    };
    let on_fix = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        live.fix_all();
    };
    let reveal = move |line: u32, column: u32| {
        #[cfg(feature = "hydrate")]
        client::reveal(line, column);
        let _ = (line, column);
    };

    view! {
        <div class="page">
            <header class="top">
                <h1>"podnet"</h1>
                <p class="tagline">
                    "Checks Kubernetes pod networking annotations (Multus, Calico) the way the CNI plugins read them."
                </p>
            </header>
            <main id="app" data-hydrated=move || if hydrated.get() { "true" } else { "false" }>
                <form method="post" action="/" class="workspace" on:submit=on_submit>
                    <section class="pane editor-pane" aria-labelledby="source-label">
                        <div class="pane-head">
                            <label id="source-label" for="source">
                                "Kubernetes YAML"
                            </label>
                        </div>
                        <div id="editor-host" class="editor-host">
                            <textarea
                                id="source"
                                name="source"
                                rows="22"
                                spellcheck="false"
                                autocapitalize="off"
                                autocomplete="off"
                            >
                                // The HTML parser drops one newline right after
                                // `<textarea>`; this one, so a leading blank line survives.
                                {format!("\n{}", init.source)}
                            </textarea>
                        </div>
                        <div class="actions">
                            <button
                                type="submit"
                                id="validate"
                                class="primary"
                                name="action"
                                value="validate"
                            >
                                "Validate"
                            </button>
                            <button
                                type="submit"
                                id="fix-all"
                                name="action"
                                value="fix"
                                on:click=on_fix
                            >
                                "Fix all"
                            </button>
                            <button type="button" id="share-button">
                                "Share"
                            </button>
                            <span id="status" role="status" aria-live="polite">
                                {move || status.get()}
                            </span>
                        </div>
                    </section>
                    <section class="pane findings-pane" aria-labelledby="findings-heading">
                        <div class="pane-head">
                            <h2 id="findings-heading">"Findings"</h2>
                            <span id="summary" class="summary">
                                {move || summary_text(&findings.get())}
                            </span>
                        </div>
                        <ul id="findings" class="findings">
                            {move || {
                                let list = findings.get();
                                if list.is_empty() {
                                    view! { <li class="empty">"No findings."</li> }.into_any()
                                } else {
                                    list.into_iter()
                                        .map(|d| finding_item(d, reveal))
                                        .collect_view()
                                        .into_any()
                                }
                            }}
                        </ul>
                    </section>
                </form>
                <script type="application/json" id="podnet-state" inner_html=state_json></script>
                <share::ShareDialog findings />
            </main>
            <footer class="bottom">
                <span>{format!("podnet {}", podnet_lint::VERSION)}</span>
                <span>
                    "API: "<code>"POST /api/v1/check"</code>", "<code>"POST /api/v1/fix"</code>
                </span>
            </footer>
        </div>
    }
    .into_any()
}

fn finding_item(d: Diagnostic, reveal: impl Fn(u32, u32) + Copy + 'static) -> impl IntoView {
    let line = d.range.start.line;
    let column = d.range.start.column;
    let severity = d.severity.as_str();
    let label = format!(
        "{} {} at line {}, column {}: {}",
        severity, d.rule, line, column, d.message
    );
    view! {
        <li class=format!("finding sev-{severity}")>
            <button
                type="button"
                class="finding-button"
                data-line=line.to_string()
                data-column=column.to_string()
                aria-label=label
                on:click=move |_| reveal(line, column)
            >
                <span class="rule">{d.rule.clone()}</span>
                <span class="sev">{severity}</span>
                <span class="pos">{format!("{line}:{column}")}</span>
                <span class="msg">{d.message.clone()}</span>
            </button>
        </li>
    }
}
