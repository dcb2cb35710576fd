//! Browser-only part: the bridge to `public/editor.js` (global `podnetGlue`) and live
//! validation: debounced, the request in flight aborted when a newer text supersedes it,
//! and answers applied only if they match the current text.

use crate::{check_source, fix_notice, fix_source, CheckAnswer, PageState};
use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use leptos::task::spawn_local;
use podnet_lint::{Diagnostic, Profile};
use std::time::Duration;
use wasm_bindgen::prelude::*;

/// Delay between the last keystroke and the check: small documents are checked at once
/// (a newer keystroke aborts the request in flight), larger ones wait for a pause.
fn debounce(len: usize) -> Duration {
    Duration::from_millis(match len {
        0..=16_383 => 0,
        16_384..=131_071 => 50,
        131_072..=1_048_575 => 120,
        _ => 250,
    })
}

/// The server refuses bodies over 2 MiB (HTTP 413); the JSON around the text needs a little.
const SERVER_LIMIT: usize = 2 * 1024 * 1024;
const JSON_ROOM: usize = 4 * 1024;
/// Texts from this size on show "Checking…" while the check runs.
const SHOW_PROGRESS: usize = 256 * 1024;

fn megabytes(n: usize) -> String {
    format!("{:.1} MB", n as f64 / 1_000_000.0)
}

/// The plain words for a text the server will not take.
fn too_big(len: usize) -> String {
    format!(
        "Not checked: your text is {}, and this server checks at most 2 MiB ({}). \
         Tick “Check in this browser only”, or run `podnet check FILE` on your machine.",
        megabytes(len),
        megabytes(SERVER_LIMIT)
    )
}

const PROFILE_KEY: &str = "podnet.profile";
const INVENTORY_KEY: &str = "podnet.inventory";

#[wasm_bindgen]
extern "C" {
    /// Loads Monaco, replaces the textarea `#<id>` with it and calls `on_change(text)` for the
    /// initial text and after every edit; `on_status(text)` for messages (file loaded, ...).
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = mount)]
    fn glue_mount(
        textarea_id: &str,
        on_change: &Closure<dyn FnMut(String)>,
        on_status: &Closure<dyn FnMut(String)>,
        persist: bool,
    ) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = getValue)]
    fn glue_get_value() -> Result<String, JsValue>;
    /// Sets the Monaco markers and code actions from the diagnostics JSON array.
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = setMarkers)]
    fn glue_set_markers(diagnostics_json: &str) -> Result<(), JsValue>;
    /// Sets the hover content (JSON array of `explain::Hover`).
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = setHovers)]
    fn glue_set_hovers(hovers_json: &str) -> Result<(), JsValue>;
    /// Shows `fixed` against `original` in the corrected-YAML diff view.
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = setCorrected)]
    fn glue_set_corrected(original: &str, fixed: &str) -> Result<(), JsValue>;
    /// Replaces the whole text as one undoable edit.
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = replaceAll)]
    fn glue_replace_all(text: &str) -> Result<(), JsValue>;
    /// Changes the text with one undoable edit of only the part that differs.
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = applyText)]
    fn glue_apply_text(text: &str) -> Result<(), JsValue>;
    /// Applies one finding's fix edits (JSON array of `Edit`) as one undoable edit.
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = applyFix)]
    fn glue_apply_fix(edits_json: &str) -> Result<(), JsValue>;
    /// Asks for a reason and writes `# podnet:ignore RULE reason` above `line`.
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = ignoreHere)]
    fn glue_ignore_here(rule: &str, line: u32) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = reveal)]
    fn glue_reveal(line: u32, column: u32) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = copyText)]
    fn glue_copy_text(text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = download)]
    fn glue_download(name: &str, text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = load)]
    fn glue_load(key: &str) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = save)]
    fn glue_save(key: &str, value: &str) -> Result<(), JsValue>;
    /// Private links: the engine module (podnet-engine, loaded on first use) checks the text;
    /// resolves to the JSON of a `CheckAnswer`.
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = engineCheck)]
    async fn glue_engine_check(
        source: &str,
        profile_json: &str,
        inventory: &str,
    ) -> Result<JsValue, JsValue>;
    /// The Forms panel: the engine module's form view of a text (`FormView` JSON).
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = engineFormsView)]
    async fn glue_engine_forms_view(
        source: &str,
        profile_json: &str,
        inventory: &str,
    ) -> Result<JsValue, JsValue>;
    /// The Forms panel: annotation changes applied by the engine module
    /// (`{"ok": text}` or `{"err": message}`).
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = engineFormsApply)]
    async fn glue_engine_forms_apply(
        source: &str,
        pod: u32,
        changes_json: &str,
    ) -> Result<JsValue, JsValue>;
    /// Private links: safe fixes by the engine module; resolves to a `FixOutcome`'s JSON.
    #[wasm_bindgen(catch, js_namespace = podnetGlue, js_name = engineFix)]
    async fn glue_engine_fix(
        source: &str,
        profile_json: &str,
        inventory: &str,
    ) -> Result<JsValue, JsValue>;
}

fn warn(what: &str, err: JsValue) {
    leptos::logging::warn!("podnet: {what} failed: {err:?}");
}

/// The state the server rendered, read from `<script id="podnet-state">`.
pub fn embedded_state() -> Option<PageState> {
    let text = document()
        .get_element_by_id("podnet-state")?
        .text_content()?;
    // `from_slice`, like the server functions' JSON codec: one copy of the deserializers in
    // the wasm instead of one per input type (`from_str` would add a second).
    serde_json::from_slice(text.as_bytes()).ok()
}

pub fn reveal(line: u32, column: u32) {
    if let Err(e) = glue_reveal(line, column) {
        warn("reveal", e);
    }
}

pub fn apply_fix(edits_json: &str) {
    if let Err(e) = glue_apply_fix(edits_json) {
        warn("applyFix", e);
    }
}

pub fn ignore_here(rule: &str, line: u32) {
    if let Err(e) = glue_ignore_here(rule, line) {
        warn("ignoreHere", e);
    }
}

pub fn current_text() -> Option<String> {
    glue_get_value().map_err(|e| warn("getValue", e)).ok()
}

/// The form view of `text` (the engine module, loaded on first use).
pub async fn forms_view(
    text: &str,
    profile: &Profile,
    inventory: &str,
) -> Result<podnet_lint::forms::FormView, String> {
    let profile = serde_json::to_string(profile).unwrap_or_else(|_| "{}".into());
    let v = glue_engine_forms_view(text, &profile, inventory)
        .await
        .map_err(|e| format!("the engine module did not load: {e:?}"))?;
    let json = v.as_string().unwrap_or_default();
    serde_json::from_slice(json.as_bytes()).map_err(|e| format!("engine answer: {e}"))
}

/// `text` with annotation `changes` applied to pod `pod` (the engine module).
pub async fn forms_apply(
    text: &str,
    pod: usize,
    changes: &[podnet_lint::forms::Change],
) -> Result<String, String> {
    let changes = serde_json::to_string(changes).unwrap_or_else(|_| "[]".into());
    let v = glue_engine_forms_apply(text, pod as u32, &changes)
        .await
        .map_err(|e| format!("the engine module did not load: {e:?}"))?;
    let json = v.as_string().unwrap_or_default();
    serde_json::from_slice::<podnet_lint::forms::Applied>(json.as_bytes())
        .map_err(|e| format!("engine answer: {e}"))?
        .into()
}

/// Sets the editor text to `text`, editing only the part that differs (one undo step).
pub fn apply_text(text: &str) {
    if let Err(e) = glue_apply_text(text) {
        warn("applyText", e);
    }
}

fn load(key: &str) -> Option<String> {
    glue_load(key).ok().flatten()
}

fn save(key: &str, value: &str) {
    if let Err(e) = glue_save(key, value) {
        warn("save", e);
    }
}

/// The JSON answer of the engine module.
fn engine_answer<T: serde::de::DeserializeOwned>(
    answer: Result<JsValue, JsValue>,
) -> Result<T, ServerFnError> {
    let json = answer
        .map_err(|e| ServerFnError::new(format!("the in-browser engine failed: {e:?}")))?
        .as_string()
        .unwrap_or_default();
    serde_json::from_slice(json.as_bytes())
        .map_err(|e| ServerFnError::new(format!("the in-browser engine answered {e}")))
}

/// The check in the browser (private links), by the engine module.
async fn local_check(
    text: &str,
    profile: &Profile,
    inventory: &str,
) -> Result<CheckAnswer, ServerFnError> {
    let profile = serde_json::to_string(profile).unwrap_or_else(|_| "{}".into());
    engine_answer(glue_engine_check(text, &profile, inventory).await)
}

/// Safe fixes, on the server or (private links) in the browser.
async fn fix(
    text: String,
    profile: Profile,
    inventory: String,
) -> Result<podnet_lint::FixOutcome, ServerFnError> {
    if crate::share::private_mode() {
        let profile = serde_json::to_string(&profile).unwrap_or_else(|_| "{}".into());
        engine_answer(glue_engine_fix(&text, &profile, &inventory).await)
    } else {
        fix_source(text, profile, inventory).await
    }
}

/// How much longer the text gets as a JSON string (quotes, backslashes, control characters).
fn serde_json_escape_room(text: &str) -> usize {
    text.bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\t' | b'\r' => 1,
            0..=0x1f => 5,
            _ => 0,
        })
        .sum()
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Copy,
    Download,
}

/// Live validation. `Copy`, so event handlers can hold it.
#[derive(Clone, Copy)]
pub struct Live {
    findings: RwSignal<Vec<Diagnostic>>,
    status: RwSignal<String>,
    profile: RwSignal<Profile>,
    inventory: RwSignal<String>,
    /// Bumped for every text we are asked to check; an answer is applied only if its number
    /// is still the newest and the editor still holds the text it was computed for.
    seq: StoredValue<u64>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Aborts the check (and corrected-text) requests in flight.
    inflight: StoredValue<Option<AbortHandle>>,
    /// The forms, read again from every checked text.
    forms: StoredValue<Option<crate::forms::Forms>>,
}

impl Live {
    pub fn start(
        findings: RwSignal<Vec<Diagnostic>>,
        status: RwSignal<String>,
        profile: RwSignal<Profile>,
        inventory: RwSignal<String>,
        persist: bool,
    ) -> Live {
        let live = Live {
            findings,
            status,
            profile,
            inventory,
            seq: StoredValue::new(0),
            timer: StoredValue::new(None),
            inflight: StoredValue::new(None),
            forms: StoredValue::new(None),
        };
        // Mount once the page is hydrated (effects run only in the browser).
        Effect::new(move |_| {
            // The saved profile and inventory first, so the first check uses them.
            if !persist {
            } else if let Some(p) =
                load(PROFILE_KEY).and_then(|s| serde_json::from_slice(s.as_bytes()).ok())
            {
                profile.set(p);
            }
            if let Some(inv) = load(INVENTORY_KEY).filter(|_| persist) {
                inventory.set(inv);
            }
            let on_change = Closure::<dyn FnMut(String)>::new(move |text: String| {
                live.schedule(text);
            });
            let on_status = Closure::<dyn FnMut(String)>::new(move |text: String| {
                status.set(text);
            });
            if let Err(e) = glue_mount("source", &on_change, &on_status, persist) {
                warn("mount", e);
            }
            // The editor keeps calling them for the page's lifetime.
            on_change.forget();
            on_status.forget();
        });
        // A profile or inventory change re-checks at once and is saved.
        Effect::watch(
            move || (profile.get(), inventory.get()),
            move |(p, inv), _, _| {
                if !persist {
                    live.check_now();
                    return;
                }
                save(
                    PROFILE_KEY,
                    &serde_json::to_string(p).unwrap_or_else(|_| "{}".into()),
                );
                save(INVENTORY_KEY, inv);
                live.check_now();
            },
            false,
        );
        live
    }

    /// Check `text` after the debounce delay, dropping any pending check.
    fn schedule(self, text: String) {
        let seq = self.bump();
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let delay = debounce(text.len());
        let handle = set_timeout_with_handle(move || self.run(seq, text), delay).ok();
        self.timer.set_value(handle);
    }

    fn bump(self) -> u64 {
        self.seq.update_value(|s| *s += 1);
        // A newer text supersedes the requests in flight: abort them (the fetch is
        // cancelled when its future is dropped).
        if let Some(h) = self.inflight.get_value() {
            h.abort();
        }
        self.seq.get_value()
    }

    fn is_current(self, seq: u64, text: &str) -> bool {
        self.seq.get_value() == seq && current_text().as_deref() == Some(text)
    }

    /// No findings, markers, hovers or diff of an older text stay on screen.
    fn clear_results(self, text: &str) {
        let _ = glue_set_markers("[]");
        let _ = glue_set_hovers("[]");
        let _ = glue_set_corrected(text, text);
        self.findings.set(Vec::new());
    }

    fn run(self, seq: u64, text: String) {
        let private = crate::share::private_mode();
        if !private && text.len() + serde_json_escape_room(&text) > SERVER_LIMIT - JSON_ROOM {
            self.clear_results(&text);
            self.status.set(too_big(text.len()));
            return;
        }
        let progress = (text.len() >= SHOW_PROGRESS).then(|| {
            let note = format!("Checking {}…", megabytes(text.len()));
            self.status.set(note.clone());
            note
        });
        let (handle, registration) = AbortHandle::new_pair();
        self.inflight.set_value(Some(handle));
        let profile = self.profile.get_untracked();
        let inventory = self.inventory.get_untracked();
        spawn_local(async move {
            let work = async move {
                // A private link's text never leaves the browser: check it here.
                let answer = if crate::share::private_mode() {
                    local_check(&text, &profile, &inventory).await
                } else {
                    check_source(text.clone(), profile.clone(), inventory.clone()).await
                };
                if !self.is_current(seq, &text) {
                    return; // a newer edit is on its way
                }
                match answer {
                    Ok(answer) => {
                        if self.status.with_untracked(|s| {
                            s.starts_with("Could not")
                                || s.starts_with("Not checked")
                                || Some(s) == progress.as_ref()
                        }) {
                            self.status.set(String::new());
                        }
                        self.show(&text, answer);
                    }
                    Err(e) => {
                        let e = e.to_string();
                        self.clear_results(&text);
                        if e.contains("length limit exceeded") || e.contains("413") {
                            self.status.set(too_big(text.len()));
                        } else {
                            self.status.set(format!("Could not check: {e}"));
                        }
                        return;
                    }
                }
                // Then the corrected text for the diff view.
                if let Ok(outcome) = fix(text.clone(), profile, inventory).await {
                    if self.is_current(seq, &text) {
                        if let Err(e) = glue_set_corrected(&text, &outcome.fixed) {
                            warn("setCorrected", e);
                        }
                    }
                }
            };
            let _ = Abortable::new(work, registration).await;
        });
    }

    /// Connects the forms: they are read again from every checked text.
    pub fn with_forms(self, forms: crate::forms::Forms) -> Live {
        self.forms.set_value(Some(forms));
        self
    }

    fn show(self, text: &str, answer: CheckAnswer) {
        if let Some(forms) = self.forms.get_value() {
            forms.checked(text, &answer.diagnostics);
        }
        let json = serde_json::to_string(&answer.diagnostics).unwrap_or_else(|_| "[]".into());
        if let Err(e) = glue_set_markers(&json) {
            warn("setMarkers", e);
        }
        let json = serde_json::to_string(&answer.hovers).unwrap_or_else(|_| "[]".into());
        if let Err(e) = glue_set_hovers(&json) {
            warn("setHovers", e);
        }
        self.findings.set(answer.diagnostics);
    }

    /// "Check now", and after a profile or inventory change: check the current text now.
    pub fn check_now(self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        if let Some(text) = current_text() {
            let seq = self.bump();
            self.run(seq, text);
        }
    }

    /// Replace the editor text (one undoable edit) and say so.
    pub fn load_text(self, text: &str, what: &str) {
        if let Err(e) = glue_replace_all(text) {
            warn("replaceAll", e);
        }
        self.status
            .set(format!("{what}. Ctrl+Z restores your previous text."));
    }

    /// "Fix all": apply the safe fixes as one undoable edit.
    pub fn fix_all(self) {
        let Some(text) = current_text() else { return };
        self.status.set("Fixing…".into());
        let profile = self.profile.get_untracked();
        let inventory = self.inventory.get_untracked();
        spawn_local(async move {
            match fix(text.clone(), profile, inventory).await {
                Ok(outcome) => {
                    if current_text().as_deref() != Some(text.as_str()) {
                        self.status
                            .set("The text changed while fixing; try again.".into());
                        return;
                    }
                    let n = outcome.applied.len();
                    let mut notice = fix_notice(n);
                    if n > 0 {
                        notice.push_str(" Ctrl+Z undoes.");
                    }
                    self.status.set(notice);
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

    /// "Copy corrected" / "Download": the text with every safe fix applied.
    pub fn export(self, how: Export) {
        let Some(text) = current_text() else { return };
        let profile = self.profile.get_untracked();
        let inventory = self.inventory.get_untracked();
        spawn_local(async move {
            match fix(text, profile, inventory).await {
                Ok(outcome) => {
                    let n = outcome.applied.len();
                    let result = match how {
                        Export::Copy => glue_copy_text(&outcome.fixed),
                        Export::Download => glue_download("podnet-corrected.yaml", &outcome.fixed),
                    };
                    match result {
                        Ok(()) => self.status.set(format!(
                            "{} the corrected YAML ({} safe fix{} applied).",
                            if how == Export::Copy {
                                "Copied"
                            } else {
                                "Downloaded"
                            },
                            n,
                            if n == 1 { "" } else { "es" }
                        )),
                        Err(e) => self.status.set(format!("Could not export: {e:?}")),
                    }
                }
                Err(e) => self.status.set(format!("Could not fix: {e}")),
            }
        });
    }
}

thread_local! {
    /// The editor's decorations of the findings the pasted error explains.
    static EXPLAINED_DECORATIONS: std::cell::RefCell<Option<JsValue>> =
        const { std::cell::RefCell::new(None) };
}

/// Marks the findings the pasted error explains in Monaco (`window.podnetEditor`, a
/// decorations collection replaced on every answer). Columns become UTF-16 as Monaco counts.
pub fn highlight_explained(findings: &[podnet_lint::ide::explain::RankedFinding]) {
    use js_sys::{Array, Function, Object, Reflect};
    let Ok(editor) = Reflect::get(&window(), &JsValue::from_str("podnetEditor")) else {
        return;
    };
    if editor.is_undefined() || editor.is_null() {
        return;
    }
    let text = current_text().unwrap_or_default();
    let lines: Vec<&str> = text.split('\n').collect();
    let utf16 = |line: u32, column: u32| -> f64 {
        let l = lines
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("");
        let n: usize = l
            .chars()
            .take(column.saturating_sub(1) as usize)
            .map(char::len_utf16)
            .sum();
        (n + 1) as f64
    };
    let list = Array::new();
    for f in findings {
        let r = &f.diagnostic.range;
        let range = Object::new();
        let set = |o: &Object, k: &str, v: JsValue| {
            let _ = Reflect::set(o, &JsValue::from_str(k), &v);
        };
        set(&range, "startLineNumber", JsValue::from(r.start.line));
        set(
            &range,
            "startColumn",
            JsValue::from(utf16(r.start.line, r.start.column)),
        );
        set(&range, "endLineNumber", JsValue::from(r.end.line));
        set(
            &range,
            "endColumn",
            JsValue::from(utf16(r.end.line, r.end.column)),
        );
        let options = Object::new();
        set(&options, "className", JsValue::from_str("explained-range"));
        set(
            &options,
            "linesDecorationsClassName",
            JsValue::from_str("explained-line"),
        );
        set(&options, "hoverMessage", {
            let h = Object::new();
            set(&h, "value", JsValue::from_str("Explains the pasted error"));
            h.into()
        });
        let d = Object::new();
        set(&d, "range", range.into());
        set(&d, "options", options.into());
        list.push(&d);
    }
    EXPLAINED_DECORATIONS.with(|cell| {
        let mut cell = cell.borrow_mut();
        if let Some(old) = cell.take() {
            if let Ok(clear) = Reflect::get(&old, &JsValue::from_str("clear")) {
                if let Some(clear) = clear.dyn_ref::<Function>() {
                    let _ = clear.call0(&old);
                }
            }
        }
        let Ok(create) = Reflect::get(&editor, &JsValue::from_str("createDecorationsCollection"))
        else {
            return;
        };
        if let Some(create) = create.dyn_ref::<Function>() {
            if let Ok(c) = create.call1(&editor, &list) {
                *cell = Some(c);
            }
        }
    });
}
