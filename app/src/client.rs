//! Browser-only part: the bridge to `public/editor.js` (global `podnetGlue`) and live
//! validation (debounced, sequence-numbered so stale answers are dropped).

use crate::{check_source, fix_notice, fix_source, PageState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use podnet_lint::Diagnostic;
use std::time::Duration;
use wasm_bindgen::prelude::*;

/// Delay between the last keystroke and the check request.
const DEBOUNCE: Duration = Duration::from_millis(120);

#[wasm_bindgen]
extern "C" {
    /// Loads Monaco, replaces the textarea `#<id>` with it and calls `on_change(text)` for the
    /// initial text and after every edit.
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = mount)]
    fn glue_mount(textarea_id: &str, on_change: &Closure<dyn FnMut(String)>)
        -> Result<(), JsValue>;
    /// The current text (Monaco, or the textarea before Monaco is ready).
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = getValue)]
    fn glue_get_value() -> Result<String, JsValue>;
    /// Sets the Monaco markers (owner "podnet") from the diagnostics JSON array.
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = setMarkers)]
    fn glue_set_markers(diagnostics_json: &str) -> Result<(), JsValue>;
    /// Replaces the whole text as one undoable edit.
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = replaceAll)]
    fn glue_replace_all(text: &str) -> Result<(), JsValue>;
    /// Moves the cursor to a 1-based line / 1-based character column and focuses the editor.
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = reveal)]
    fn glue_reveal(line: u32, column: u32) -> Result<(), JsValue>;
}

fn warn(what: &str, err: JsValue) {
    leptos::logging::warn!("podnet: {what} failed: {err:?}");
}

/// The state the server rendered, read from `<script id="podnet-state">`.
pub fn embedded_state() -> Option<PageState> {
    let text = document()
        .get_element_by_id("podnet-state")?
        .text_content()?;
    serde_json::from_str(&text).ok()
}

pub fn reveal(line: u32, column: u32) {
    if let Err(e) = glue_reveal(line, column) {
        warn("reveal", e);
    }
}

fn current_text() -> Option<String> {
    glue_get_value().map_err(|e| warn("getValue", e)).ok()
}

fn show(findings: RwSignal<Vec<Diagnostic>>, diagnostics: Vec<Diagnostic>) {
    let json = serde_json::to_string(&diagnostics).unwrap_or_else(|_| "[]".into());
    if let Err(e) = glue_set_markers(&json) {
        warn("setMarkers", e);
    }
    findings.set(diagnostics);
}

/// Live validation. `Copy`, so event handlers can hold it.
#[derive(Clone, Copy)]
pub struct Live {
    findings: RwSignal<Vec<Diagnostic>>,
    status: RwSignal<String>,
    /// Bumped for every text we are asked to check; an answer is applied only if its number
    /// is still the newest and the editor still holds the text it was computed for.
    seq: StoredValue<u64>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Live {
    pub fn start(findings: RwSignal<Vec<Diagnostic>>, status: RwSignal<String>) -> Live {
        let live = Live {
            findings,
            status,
            seq: StoredValue::new(0),
            timer: StoredValue::new(None),
        };
        // Mount once the page is hydrated (effects run only in the browser).
        Effect::new(move |_| {
            let on_change = Closure::<dyn FnMut(String)>::new(move |text: String| {
                live.schedule(text);
            });
            if let Err(e) = glue_mount("source", &on_change) {
                warn("mount", e);
            }
            // The editor keeps calling it for the page's lifetime.
            on_change.forget();
        });
        live
    }

    /// Check `text` after the debounce delay, dropping any pending check.
    fn schedule(self, text: String) {
        let seq = self.bump();
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || self.run(seq, text), DEBOUNCE).ok();
        self.timer.set_value(handle);
    }

    fn bump(self) -> u64 {
        self.seq.update_value(|s| *s += 1);
        self.seq.get_value()
    }

    fn is_current(self, seq: u64, text: &str) -> bool {
        self.seq.get_value() == seq && current_text().as_deref() == Some(text)
    }

    fn run(self, seq: u64, text: String) {
        spawn_local(async move {
            // A private link's text never leaves the browser: check it here.
            let answer = if crate::share::private_mode() {
                Ok(podnet_lint::check_with_inventory(&text, None, &Default::default()).diagnostics)
            } else {
                check_source(text.clone()).await
            };
            if !self.is_current(seq, &text) {
                return; // a newer edit is on its way
            }
            match answer {
                Ok(diagnostics) => {
                    if self.status.with_untracked(|s| s.starts_with("Could not")) {
                        self.status.set(String::new());
                    }
                    show(self.findings, diagnostics);
                }
                Err(e) => self.status.set(format!("Could not check: {e}")),
            }
        });
    }

    /// "Validate" with JavaScript: check the current text now.
    pub fn check_now(self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        if let Some(text) = current_text() {
            let seq = self.bump();
            self.run(seq, text);
        }
    }

    /// "Fix all": apply the safe fixes as one undoable edit.
    pub fn fix_all(self) {
        let Some(text) = current_text() else { return };
        self.status.set("Fixing…".into());
        spawn_local(async move {
            let outcome = if crate::share::private_mode() {
                Ok(podnet_lint::fix(&text, None, &Default::default(), false))
            } else {
                fix_source(text.clone()).await
            };
            match outcome {
                Ok(outcome) => {
                    if current_text().as_deref() != Some(text.as_str()) {
                        self.status
                            .set("The text changed while fixing; try again.".into());
                        return;
                    }
                    self.status.set(fix_notice(outcome.applied.len()));
                    if outcome.fixed != text {
                        // The editor's change event re-validates the new text.
                        if let Err(e) = glue_replace_all(&outcome.fixed) {
                            warn("replaceAll", e);
                        }
                    }
                }
                Err(e) => self.status.set(format!("Could not fix: {e}")),
            }
        });
    }
}
