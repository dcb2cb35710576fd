//! The forms: Multus networks and Calico annotations of the selected Pod or pod template,
//! in step with the YAML, and the "New" wizard.
//!
//! The editor text is the single source of truth. The form is read from the text
//! ([`podnet_lint::forms::view`], in the browser) each time the text is checked; a form
//! edit is turned into a minimal text edit by the engine ([`podnet_lint::forms::apply`])
//! and handed to the editor as one undoable change, which is checked like any other edit.
//! Findings of the last check are shown at the field their source range falls in.
//!
//! The page provides [`Forms`] as context (`provide_context`); the panel's components take
//! it with `expect_context`. Modules: `field` (the one text field and the messages at a
//! field), `panel` (the panel and the pod picker), `networks` (Multus), `calico`, `wizard`.

mod calico;
mod field;
mod networks;
mod panel;
mod wizard;

pub use panel::FormsPanel;
pub use wizard::WizardPanel;

use field::Msg;
use leptos::prelude::*;
use podnet_lint::forms::{Change, FieldError, FieldId, FormView, NetworksForm, Target};
use podnet_lint::{Diagnostic, Profile, Severity};

/// The forms' state. `Copy`, so event handlers can hold it. (The server renders the panel
/// closed; the reading and writing happen in the browser only.)
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct Forms {
    pub open: RwSignal<bool>,
    view: RwSignal<Option<FormView>>,
    /// The findings of the text the view was read from (empty until it is checked).
    checked: RwSignal<Vec<Diagnostic>>,
    /// The text the view was read from.
    text: StoredValue<String>,
    target: RwSignal<usize>,
    /// Form values that could not be written, by field.
    local: RwSignal<Vec<FieldError>>,
    status: RwSignal<String>,
    profile: RwSignal<Profile>,
    inventory: RwSignal<String>,
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
impl Forms {
    pub fn new(
        status: RwSignal<String>,
        profile: RwSignal<Profile>,
        inventory: RwSignal<String>,
    ) -> Forms {
        Forms {
            open: RwSignal::new(false),
            view: RwSignal::new(None),
            checked: RwSignal::new(vec![]),
            text: StoredValue::new(String::new()),
            target: RwSignal::new(0),
            local: RwSignal::new(vec![]),
            status,
            profile,
            inventory,
        }
    }

    /// The text `text` was checked with `findings`: read the form from it (when shown).
    pub fn checked(self, text: &str, findings: &[Diagnostic]) {
        if !self.open.get_untracked() {
            return;
        }
        if self.text.with_value(|t| t == text) {
            // The form already shows this text (it wrote it): only the findings are new.
            // Not re-reading it keeps what the user is typing in a field right now.
            self.checked.set(findings.to_vec());
            return;
        }
        self.show(text.to_string(), findings.to_vec());
    }

    /// Reads the form from `text` (through the engine module) and shows it, unless the
    /// editor has moved on meanwhile.
    fn show(self, text: String, findings: Vec<Diagnostic>) {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let profile = self.profile.get_untracked();
            let inventory = self.inventory.get_untracked();
            match crate::client::forms_view(&text, &profile, &inventory).await {
                Ok(view) => {
                    if current_text().as_deref() == Some(text.as_str()) {
                        self.set_view(text, view, findings);
                    }
                }
                Err(e) => self.status.set(format!("Could not read the forms: {e}")),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (text, findings);
    }

    fn set_view(self, text: String, view: FormView, findings: Vec<Diagnostic>) {
        self.text.set_value(text);
        let n = view.targets.len();
        if self.target.get_untracked() >= n && n > 0 {
            self.target.set(0);
        }
        self.view.set(Some(view));
        self.checked.set(findings);
    }

    /// Opening the forms reads them from the editor's text at once.
    pub fn opened(self, findings: Vec<Diagnostic>) {
        if let Some(text) = current_text() {
            self.show(text, findings);
        }
    }

    fn target_view(self) -> Option<Target> {
        self.view.with(|v| {
            v.as_ref()
                .and_then(|v| v.targets.get(self.target.get()).cloned())
        })
    }

    fn with_target<R>(self, f: impl FnOnce(&Target) -> R) -> Option<R> {
        let i = self.target.get();
        self.view
            .with(|v| v.as_ref().and_then(|v| v.targets.get(i)).map(f))
    }

    fn refuse(self, e: FieldError) {
        self.local.update(|l| {
            l.retain(|x| x.field != e.field);
            l.push(e);
        });
    }

    /// Runs a form edit: `f` turns the selected pod's form values into annotation changes,
    /// the engine module applies them to the editor's text as minimal edits, and the new
    /// text goes to the editor as one undoable change.
    fn edit(self, f: impl FnOnce(&Target) -> Result<Vec<Change>, FieldError> + 'static) {
        let Some(text) = current_text() else { return };
        let shown = self.text.with_value(|t| *t == text);
        let cached = if shown {
            self.view.get_untracked()
        } else {
            None
        };
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let profile = self.profile.get_untracked();
            let inventory = self.inventory.get_untracked();
            let view = match cached {
                Some(v) => v,
                None => match crate::client::forms_view(&text, &profile, &inventory).await {
                    Ok(v) => v,
                    Err(e) => return self.status.set(format!("Could not read the forms: {e}")),
                },
            };
            let Some(t) = view.targets.get(self.target.get_untracked()) else {
                return;
            };
            let changes = match f(t) {
                Ok(c) => c,
                Err(e) => return self.refuse(e),
            };
            if changes.is_empty() {
                self.local.set(vec![]);
                return;
            }
            let field = changes[0].field();
            match crate::client::forms_apply(&text, t.pod, &changes).await {
                Ok(new) => {
                    if current_text().as_deref() != Some(text.as_str()) {
                        self.status
                            .set("The text changed while the form was writing; try again.".into());
                        return;
                    }
                    self.local.set(vec![]);
                    if new != text {
                        write_text(&new);
                        // Shown at once; the findings follow with the check of the new text.
                        self.show(new, vec![]);
                    }
                }
                Err(message) => self.refuse(FieldError { field, message }),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (f, cached);
    }

    fn changes(
        self,
        field: FieldId,
        f: impl FnOnce(&Target) -> Result<Vec<Change>, String> + 'static,
    ) {
        self.edit(move |t| f(t).map_err(|message| FieldError::new(field, message)));
    }

    fn networks(self, f: impl FnOnce(&mut NetworksForm) + 'static) {
        self.edit(move |t| {
            let mut form = match &t.networks {
                None => NetworksForm::default(),
                Some(r) => r.form.clone().ok_or_else(|| {
                    FieldError::new(
                        FieldId::Networks,
                        "Multus cannot read this annotation; fix it first (see below).",
                    )
                })?,
            };
            f(&mut form);
            Ok(vec![Change::set(
                podnet_lint::multus::NETWORKS_KEY,
                form.write()?,
            )])
        });
    }

    /// Applies the fix of a finding shown at a field.
    fn apply_fix(self, d: &Diagnostic) {
        let Some(fix) = &d.fix else { return };
        let Some(text) = current_text() else { return };
        if text != self.text.get_value() {
            self.status
                .set("The text changed; the finding is being checked again.".into());
            return;
        }
        // The user asked for this fix, so an unsafe one is applied too.
        let (new, applied) = podnet_lint::fix::apply(&text, std::slice::from_ref(d), true);
        if applied.is_empty() {
            return;
        }
        write_text(&new);
        self.show(new, vec![]);
        self.status.set(format!(
            "Applied: {}. Ctrl+Z in the editor undoes.",
            fix.title
        ));
    }

    /// The messages at `field` (exactly that field).
    fn messages(self, field: FieldId) -> Vec<Msg> {
        let mut out = vec![];
        let i = self.target.get();
        self.view.with(|v| {
            let Some(t) = v.as_ref().and_then(|v| v.targets.get(i)) else {
                return;
            };
            self.checked.with(|ds| {
                for d in ds {
                    if t.field_of(d.range.start.offset, d.range.end.offset) == Some(field) {
                        out.push(Msg {
                            severity: match d.severity {
                                Severity::Error => "error",
                                Severity::Warning => "warning",
                                Severity::Info => "info",
                            },
                            rule: Some(d.rule.clone()),
                            text: d.message.clone(),
                            fix: d.fix.as_ref().map(|_| d.clone()),
                        });
                    }
                }
            });
        });
        self.local.with(|l| {
            for e in l.iter().filter(|e| e.field == field) {
                out.push(Msg {
                    severity: "error",
                    rule: None,
                    text: e.message.clone(),
                    fix: None,
                });
            }
        });
        out
    }
}

fn current_text() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        crate::client::current_text()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

fn write_text(text: &str) {
    #[cfg(feature = "hydrate")]
    crate::client::apply_text(text);
    let _ = text;
}
