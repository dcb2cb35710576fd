//! The Leptos UI of podnet: one page with the source editor, "Validate", "Fix all" and the
//! findings list.
//!
//! - Server side (`ssr`): the page is a plain `<form method="post" action="/">` with a
//!   `<textarea name="source">`, so it validates and fixes without JavaScript.
//! - Browser side (`hydrate`): `public/editor.js` (global `podnetGlue`) swaps the textarea for
//!   Monaco; every edit is checked by the `check_source` server function (debounced, stale
//!   answers dropped) and the findings become Monaco markers and list entries.

#![recursion_limit = "512"]

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use podnet_lint::{Diagnostic, FixOutcome, Profile, Summary};
use serde::{Deserialize, Serialize};

#[cfg(feature = "hydrate")]
mod client;
pub mod editor;
pub mod embed;
#[cfg(feature = "ssr")]
pub mod engine;
pub mod examples;
pub mod explain_box;
#[cfg(any(feature = "ssr", test))]
pub mod explain_page;
/// The hovers live in the engine (`podnet_lint::ide::hover`); the old path stays.
pub use podnet_lint::ide::hover as explain;
pub mod forms;
pub mod html;
pub mod profile;
#[cfg(any(feature = "ssr", test))]
pub mod rules_pages;
pub mod share;

pub(crate) use editor::finding_item;

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
        PageState::checked_with(source, &Default::default())
    }

    /// Check `source` with `profile`.
    #[cfg(feature = "ssr")]
    pub fn checked_with(source: String, profile: &Profile) -> PageState {
        let report = podnet_lint::check_with_inventory(&source, None, profile);
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

pub(crate) fn fix_notice(applied: usize) -> String {
    match applied {
        0 => "Nothing to fix automatically.".to_string(),
        1 => "Applied 1 fix.".to_string(),
        n => format!("Applied {n} fixes."),
    }
}

pub(crate) fn summary_text(diagnostics: &[Diagnostic]) -> String {
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

// The live answer is the engine's (`podnet_lint::ide::answer`), kept at its old paths.
pub use podnet_lint::ide::answer::{check_answer, safe_fixes, CheckAnswer};

/// Check one source text with the profile and inventory (used by the browser for live
/// validation).
#[server(prefix = "/api/fn", endpoint = "check", input = Json)]
pub async fn check_source(
    source: String,
    profile: Profile,
    inventory: String,
) -> Result<CheckAnswer, ServerFnError> {
    engine::run(move || check_answer(&source, &profile, &inventory))
        .await
        .map_err(ServerFnError::new)
}

/// Apply all safe fixes (used by "Fix all", the corrected view, copy and download). Unsafe
/// fixes are never applied here.
#[server(prefix = "/api/fn", endpoint = "fix", input = Json)]
pub async fn fix_source(
    source: String,
    profile: Profile,
    inventory: String,
) -> Result<FixOutcome, ServerFnError> {
    engine::run(move || safe_fixes(&source, &profile, &inventory))
        .await
        .map_err(ServerFnError::new)
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
                <script src="/theme.js"></script>
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
pub(crate) fn initial_state() -> PageState {
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

// `Either`, not `into_any()`: an `AnyView` carries every way to render its view (build,
// async hydration, ...) into the wasm, whether used or not.
#[component]
pub fn App() -> impl IntoView {
    use leptos::either::Either;
    let init = initial_state();
    match embed::current() {
        Some(opts) => Either::Left(view! { <embed::EmbedApp opts init /> }),
        None => Either::Right(view! { <editor::Workspace init /> }),
    }
}
