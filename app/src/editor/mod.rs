//! The editor page: toolbar, Monaco editor, findings list, corrected-YAML diff, and the
//! profile and examples panels. Without JavaScript it is a plain form (`POST /`).

mod findings;

use crate::examples::ExamplesPanel;
use crate::forms::{Forms, FormsPanel, WizardPanel};
use crate::profile::ProfilePanel;
use crate::share::ShareDialog;
use crate::PageState;
use leptos::prelude::*;
use podnet_lint::Profile;

pub use findings::{finding_item, Findings};

#[component]
pub fn Workspace(init: PageState) -> impl IntoView {
    let state_json = crate::html::json_island(&init);

    let findings = RwSignal::new(init.diagnostics.clone());
    let status = RwSignal::new(init.notice.clone().unwrap_or_default());
    let profile = RwSignal::new(Profile::default());
    let inventory = RwSignal::new(String::new());
    let show_profile = RwSignal::new(false);
    let show_examples = RwSignal::new(false);
    let show_wizard = RwSignal::new(false);
    let forms = Forms::new(status, profile, inventory);
    let explained = crate::explain_box::Explained(RwSignal::new(vec![]));
    provide_context(explained);
    // The Forms panel's components take it from here.
    provide_context(forms);
    // Local mode: the engine module checks in the browser and nothing is sent.
    let local = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    // Effects run only in the browser, after hydration.
    Effect::new(move |_| hydrated.set(true));

    #[cfg(feature = "hydrate")]
    let live =
        crate::client::Live::start(findings, status, profile, inventory, true).with_forms(forms);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // With JavaScript the page validates live; "Check now" just checks now.
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        live.check_now();
    };
    let on_fix = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        live.fix_all();
    };
    let on_copy = move |_| {
        #[cfg(feature = "hydrate")]
        live.export(crate::client::Export::Copy);
    };
    let on_download = move |_| {
        #[cfg(feature = "hydrate")]
        live.export(crate::client::Export::Download);
    };
    let reveal = move |line: u32, column: u32| {
        #[cfg(feature = "hydrate")]
        crate::client::reveal(line, column);
        let _ = (line, column);
    };
    let pick_example = move |source: &'static str| {
        show_examples.set(false);
        #[cfg(feature = "hydrate")]
        live.load_text(source, "Example loaded");
        let _ = source;
    };
    let on_local = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        local.set(on);
        #[cfg(feature = "hydrate")]
        {
            crate::share::set_private_mode(on);
            live.check_now();
        }
    };
    let on_forms = move |_| {
        let open = !forms.open.get_untracked();
        forms.open.set(open);
        if open {
            forms.opened(findings.get_untracked());
        }
    };
    let on_wizard_done = Callback::new(move |(text, append): (String, bool)| {
        show_wizard.set(false);
        #[cfg(feature = "hydrate")]
        {
            if append {
                let current = crate::client::current_text().unwrap_or_default();
                let joined = if current.trim().is_empty() {
                    text.clone()
                } else {
                    format!("{}\n---\n{}", current.trim_end(), text)
                };
                crate::client::apply_text(&joined);
                status.set("New manifest added at the end. Ctrl+Z undoes.".into());
            } else {
                live.load_text(&text, "New manifest loaded");
            }
        }
        let _ = (text, append);
    });
    let toggle = move |open: RwSignal<bool>, other: RwSignal<bool>| {
        move |_| {
            other.set(false);
            open.update(|o| *o = !*o);
        }
    };
    let expanded = |s: RwSignal<bool>| move || if s.get() { "true" } else { "false" };

    view! {
        <div class="page">
            <a class="skip-link" href="#editor-host">
                "Skip to the editor"
            </a>
            <header class="top">
                <h1>"podnet"</h1>
                <p class="tagline">
                    "Checks Kubernetes pod networking annotations (Multus, Calico) the way the CNI plugins read them."
                </p>
                <nav aria-label="Site" class="site-nav">
                    <a href="/rules">"Rules"</a>
                </nav>
            </header>
            <main id="app" data-hydrated=move || if hydrated.get() { "true" } else { "false" }>
                <form method="post" action="/" class="workspace-form" on:submit=on_submit>
                    <div class="toolbar" role="group" aria-label="Editor actions">
                        <button type="submit" id="validate" name="action" value="validate">
                            "Check now"
                        </button>
                        <button
                            type="submit"
                            id="fix-all"
                            class="primary"
                            name="action"
                            value="fix"
                            title="Apply every safe fix (Ctrl+Shift+Alt+F in the editor)"
                            on:click=on_fix
                        >
                            "Fix all (safe)"
                        </button>
                        <button type="button" id="copy-corrected" class="js-only" on:click=on_copy>
                            "Copy corrected"
                        </button>
                        <button type="button" id="download" class="js-only" on:click=on_download>
                            "Download"
                        </button>
                        <button type="button" id="open-file" class="js-only">
                            "Open file"
                        </button>
                        <input
                            type="file"
                            id="file-input"
                            class="visually-hidden"
                            tabindex="-1"
                            aria-hidden="true"
                            accept=".yaml,.yml,.json,.txt,text/*,application/yaml"
                        />
                        <button
                            type="button"
                            id="examples-button"
                            class="js-only"
                            aria-controls="examples-panel"
                            aria-expanded=expanded(show_examples)
                            on:click=toggle(show_examples, show_profile)
                        >
                            "Examples"
                        </button>
                        <button
                            type="button"
                            id="profile-button"
                            class="js-only"
                            aria-controls="profile-panel"
                            aria-expanded=expanded(show_profile)
                            on:click=toggle(show_profile, show_examples)
                        >
                            "Profile"
                        </button>
                        <button
                            type="button"
                            id="forms-button"
                            class="js-only"
                            aria-controls="forms-panel"
                            aria-expanded=move || if forms.open.get() { "true" } else { "false" }
                            on:click=on_forms
                        >
                            "Forms"
                        </button>
                        <button
                            type="button"
                            id="wizard-button"
                            class="js-only"
                            aria-controls="wizard-panel"
                            aria-expanded=expanded(show_wizard)
                            on:click=move |_| show_wizard.update(|o| *o = !*o)
                        >
                            "New"
                        </button>
                        <button type="button" id="share-button" class="js-only" aria-haspopup="dialog">
                            "Share"
                        </button>
                        <span class="toolbar-gap"></span>
                        <label for="theme-select" class="theme-label js-only">
                            "Theme"
                        </label>
                        <select id="theme-select" class="js-only">
                            <option value="system">"System"</option>
                            <option value="light">"Light"</option>
                            <option value="dark">"Dark"</option>
                        </select>
                    </div>
                    <p id="status" class="status" role="status" aria-live="polite">
                        {move || status.get()}
                    </p>
                    <p id="privacy-note" class="hint privacy-note js-only">
                        <span id="privacy-text">
                            {move || {
                                if local.get() {
                                    "Checked in this browser: your text is not sent to the server. "
                                } else {
                                    "Live checking sends your text to this server (it is not stored). "
                                }
                            }}
                        </span>
                        <label class="local-mode">
                            <input
                                type="checkbox"
                                id="local-mode"
                                prop:checked=move || local.get()
                                on:change=on_local
                            />
                            " Check in this browser only"
                        </label>
                    </p>
                    <ExamplesPanel open=show_examples on_pick=pick_example />
                    <ProfilePanel open=show_profile profile inventory />
                    <WizardPanel open=show_wizard on_done=on_wizard_done />
                    // The Forms panel sits in the workspace: beside the editor on a wide
                    // screen (style/main.css `.with-forms`), above it on a narrow one.
                    <div class=move || {
                        if forms.open.get() { "workspace with-forms" } else { "workspace" }
                    }>
                        <FormsPanel />
                        <section class="pane editor-pane" aria-labelledby="source-label">
                            <div class="pane-head">
                                <label id="source-label" for="source">
                                    "Kubernetes YAML"
                                </label>
                                <span class="hint" id="editor-hint">
                                    "Drop a file here. Ctrl+. quick fixes, F8 next finding. To leave the editor: Esc then Tab (or Ctrl+M, then Tab)."
                                </span>
                            </div>
                            <div id="editor-host" class="editor-host" tabindex="-1">
                                <textarea
                                    id="source"
                                    name="source"
                                    rows="22"
                                    spellcheck="false"
                                    autocapitalize="off"
                                    autocomplete="off"
                                    aria-describedby="editor-hint"
                                >
                                    // The HTML parser drops one newline right after
                                    // `<textarea>`; this one, so a leading blank line survives.
                                    // Escaped: Leptos writes a textarea's children verbatim.
                                    {crate::html::rcdata(&format!("\n{}", init.source))}
                                </textarea>
                            </div>
                        </section>
                        <Findings findings reveal />
                    </div>
                    <crate::explain_box::ExplainBox profile inventory explained />
                    <section class="pane corrected-pane" aria-labelledby="corrected-heading">
                        <div class="pane-head">
                            <h2 id="corrected-heading">"Corrected YAML"</h2>
                            <span id="corrected-summary" class="hint">
                                "Your text (left) against the text with every safe fix applied (right)."
                            </span>
                        </div>
                        <div id="diff-host" class="diff-host">
                            <noscript>
                                <p class="hint">"Use “Fix all (safe)” to get the corrected text."</p>
                            </noscript>
                        </div>
                    </section>
                </form>
                <script type="application/json" id="podnet-state" inner_html=state_json></script>
                <ShareDialog findings status local />
            </main>
            <footer class="bottom">
                <span>{format!("podnet {}", podnet_lint::VERSION)}</span>
                <span>
                    "API: "<code>"POST /api/v1/check"</code>", "<code>"POST /api/v1/fix"</code>
                </span>
            </footer>
        </div>
    }
}
