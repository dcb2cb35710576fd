//! The embeddable editor (`/embed`, `/embed/s/<id>`): the editor and findings with minimal
//! chrome. Query options: `readonly=1`, `theme=light|dark|auto`, `height=<px>` (editor),
//! `panels=editor,findings`. The page tells its parent its height (`postMessage`,
//! `{type: "podnet:resize", height}`, from `/embed-host.js`) and "Open in podnet" carries the
//! current state to the full editor as a private link.

use crate::{finding_item, summary_text, PageState};
use leptos::either::Either;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The embed page's own look (on top of the app's stylesheet).
const EMBED_CSS: &str = r#"
[hidden] { display: none !important; }
.embed-main { padding: 0.5rem; }
.embed-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; margin-bottom: 0.4rem; font-size: 0.9rem; }
.embed-bar #open-in-podnet { margin-left: auto; color: var(--accent); }
.embed-editor textarea, .embed-editor .monaco-box { height: 100%; min-height: 0; }
.embed-findings { margin-top: 0.5rem; }
.embed-findings ul { list-style: none; margin: 0; padding: 0; }
.embed-heading { font-size: 1rem; margin: 0 0 0.25rem; }
.embed-hint { margin: 0 0 0.25rem; font-size: 0.8rem; color: var(--muted); }
html[data-theme="light"] { color-scheme: light; --bg: #f6f7f9; --panel: #ffffff; --text: #1b1f24; --muted: #4a5562;
  --border: #d0d7de; --accent: #0b5cad; --hover: #eef2f6; }
html[data-theme="dark"] { color-scheme: dark; --bg: #111418; --panel: #1a1f25; --text: #e6e9ed; --muted: #a9b3be;
  --border: #3a434d; --accent: #6cb0f5; --focus: #8cc4ff; --error: #ff8a80; --error-bg: #3a1d1b; --warning: #f5c26b;
  --warning-bg: #36290f; --info: #8cc4ff; --info-bg: #16283b; --hover: #232a32; }
"#;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmbedOptions {
    pub readonly: bool,
    /// `light`, `dark` or `auto`.
    pub theme: String,
    /// Editor height in CSS pixels.
    pub height: u32,
    pub show_editor: bool,
    pub show_findings: bool,
    /// `/s/<id>` when the embed shows a short link.
    pub link: Option<String>,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        EmbedOptions {
            readonly: false,
            theme: "auto".into(),
            height: 300,
            show_editor: true,
            show_findings: true,
            link: None,
        }
    }
}

impl EmbedOptions {
    /// From the query string's `(key, value)` pairs; unknown keys and bad values are ignored.
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> EmbedOptions {
        let mut o = EmbedOptions::default();
        for (k, v) in pairs {
            match k {
                "readonly" | "readOnly" => {
                    o.readonly = matches!(v, "" | "1" | "true" | "yes" | "on")
                }
                "theme" if matches!(v, "light" | "dark" | "auto") => o.theme = v.into(),
                "height" => {
                    if let Ok(h) = v.trim_end_matches("px").parse::<u32>() {
                        o.height = h.clamp(80, 4000);
                    }
                }
                "panels" => {
                    let list: Vec<&str> = v.split(',').map(str::trim).collect();
                    o.show_editor = list.contains(&"editor");
                    o.show_findings = list.contains(&"findings");
                    if !o.show_editor && !o.show_findings {
                        o.show_editor = true;
                    }
                }
                _ => {}
            }
        }
        o
    }
}

/// The embed options of this page, if it is an embed page.
pub fn current() -> Option<EmbedOptions> {
    #[cfg(feature = "ssr")]
    {
        use_context::<EmbedOptions>()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        let text = document()
            .get_element_by_id("podnet-embed")?
            .text_content()?;
        serde_json::from_slice(text.as_bytes()).ok()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        None
    }
}

#[component]
pub fn EmbedApp(opts: EmbedOptions, init: PageState) -> impl IntoView {
    let opts_json = crate::html::json_island(&opts);
    let state_json = crate::html::json_island(&init);
    let findings = RwSignal::new(init.diagnostics.clone());
    let status = RwSignal::new(init.notice.clone().unwrap_or_default());
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    #[cfg(feature = "hydrate")]
    {
        if let Some(Err(e)) = crate::share::apply_fragment() {
            // After hydration, so the message reaches the server-rendered status.
            Effect::new(move |_| status.set(crate::share::unreadable_link(&e)));
        }
    }
    #[cfg(feature = "hydrate")]
    let _live = crate::client::Live::start(
        findings,
        status,
        RwSignal::new(Default::default()),
        RwSignal::new(String::new()),
        false,
    );

    let reveal = move |line: u32, column: u32| {
        #[cfg(feature = "hydrate")]
        crate::client::reveal(line, column);
        let _ = (line, column);
    };
    let open_href = opts.link.clone().unwrap_or_else(|| "/".into());
    let on_open = move |_ev: leptos::ev::MouseEvent| {
        // Carry the current text (edited or not) to the full editor as a private link.
        #[cfg(feature = "hydrate")]
        {
            let frag = crate::share::encode_fragment(&crate::share::SharedState {
                source: crate::share::share_get_value(),
                profile: None,
            });
            crate::share::share_set_href("open-in-podnet", &format!("/#{frag}"));
        }
    };
    let actions = !opts.readonly;
    let theme = opts.theme.clone();
    let height = format!("height:{}px", opts.height);

    view! {
        <div class="embed" data-theme=theme data-readonly=opts.readonly.to_string()>
            <style>{EMBED_CSS}</style>
            <main id="app" class="embed-main" data-hydrated=move || if hydrated.get() { "true" } else { "false" }>
                <div class="embed-bar">
                    <span id="summary" class="summary">{move || summary_text(&findings.get())}</span>
                    <span id="status" role="status" aria-live="polite">{move || status.get()}</span>
                    <a id="open-in-podnet" href=open_href target="_blank" rel="noopener" on:click=on_open>
                        "Open in podnet"
                    </a>
                </div>
                <p id="editor-hint" class="embed-hint" hidden=!opts.show_editor>
                    {if opts.readonly {
                        "Read only. Tab moves on."
                    } else {
                        "To leave the editor: Esc then Tab (or Ctrl+M, then Tab)."
                    }}
                </p>
                <div id="editor-host" class="editor-host embed-editor" style=height hidden=!opts.show_editor>
                    <textarea
                        id="source"
                        name="source"
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        readonly=opts.readonly
                        aria-label="Kubernetes YAML"
                    >
                        // Escaped: Leptos writes a textarea's children verbatim.
                        {crate::html::rcdata(&format!("\n{}", init.source))}
                    </textarea>
                </div>
                <section class="embed-findings" aria-labelledby="embed-findings-heading" hidden=!opts.show_findings>
                    <h2 id="embed-findings-heading" class="embed-heading">"Findings"</h2>
                    <ul id="findings" class="findings">
                        {move || {
                            let list = findings.get();
                            if list.is_empty() {
                                Either::Left(view! { <li class="empty">"No findings."</li> })
                            } else {
                                Either::Right(list.into_iter().map(|d| finding_item(d, reveal, actions)).collect_view())
                            }
                        }}
                    </ul>
                </section>
                <script type="application/json" id="podnet-state" inner_html=state_json></script>
                <script type="application/json" id="podnet-embed" inner_html=opts_json></script>
            </main>
            <script src="/embed-host.js"></script>
        </div>
    }
}
