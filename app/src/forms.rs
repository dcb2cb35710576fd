//! The forms: Multus networks and Calico annotations of the selected Pod or pod template,
//! in step with the YAML, and the "New" wizard.
//!
//! The editor text is the single source of truth. The form is read from the text
//! ([`podnet_lint::forms::view`], in the browser) each time the text is checked; a form
//! edit is turned into a minimal text edit by the engine ([`podnet_lint::forms::apply`])
//! and handed to the editor as one undoable change, which is checked like any other edit.
//! Findings of the last check are shown at the field their source range falls in.

use leptos::prelude::*;
use podnet_lint::forms::calico::Addressing;
use podnet_lint::forms::networks::{Bw, PortMap};
use podnet_lint::forms::wizard::{self, Cni, IpamKind, Wizard, WizardKind};
use podnet_lint::forms::{
    split_list, CalicoField, Change, FieldError, FieldId, FormView, NetElement, NetField,
    NetworksForm, Target, WizardField,
};
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

/// One message at a field: a finding of the engine or a value the form refused.
#[derive(Clone, PartialEq)]
struct Msg {
    severity: &'static str,
    rule: Option<String>,
    text: String,
    fix: Option<Diagnostic>,
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

/// The messages at one field.
#[component]
fn Messages(forms: Forms, field: FieldId) -> impl IntoView {
    let id = format!("msg-{}", field.dom_id());
    view! {
        <ul class="field-msgs" id=id>
            {move || {
                forms
                    .messages(field)
                    .into_iter()
                    .map(|m| {
                        let fix = m.fix.clone();
                        view! {
                            <li class=format!("field-msg sev-{}", m.severity)>
                                {m
                                    .rule
                                    .clone()
                                    .map(|r| {
                                        view! {
                                            <a class="rule" href=format!("/rules/{r}")>
                                                {r.clone()}
                                            </a>
                                            " "
                                        }
                                    })}
                                <span class="text">{m.text.clone()}</span>
                                {fix
                                    .map(|d| {
                                        let title = d
                                            .fix
                                            .as_ref()
                                            .map(|f| f.title.clone())
                                            .unwrap_or_default();
                                        let unsafe_ = d
                                            .fix
                                            .as_ref()
                                            .is_some_and(|f| {
                                                f.applicability != podnet_lint::Applicability::Safe
                                            });
                                        view! {
                                            " "
                                            <button
                                                type="button"
                                                class="field-fix"
                                                on:click=move |_| forms.apply_fix(&d)
                                            >
                                                {if unsafe_ {
                                                    format!("Fix (review): {title}")
                                                } else {
                                                    format!("Fix: {title}")
                                                }}
                                            </button>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

fn parse_int(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

#[component]
pub fn FormsPanel(forms: Forms) -> impl IntoView {
    let targets = move || {
        forms.view.with(|v| {
            v.as_ref()
                .map(|v| {
                    v.targets
                        .iter()
                        .map(|t| t.label.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let nads = move || {
        forms
            .view
            .with(|v| v.as_ref().map(|v| v.nads.clone()).unwrap_or_default())
    };
    let pools = move |fam: u8| {
        forms.view.with(|v| {
            v.as_ref()
                .map(|v| {
                    v.pools
                        .iter()
                        .filter(|p| p.family == fam)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section
            id="forms-panel"
            class="panel forms-panel"
            aria-labelledby="forms-heading"
            hidden=move || !forms.open.get()
        >
            <div class="panel-head">
                <h2 id="forms-heading">"Forms"</h2>
                <span class="hint">
                    "Edit the annotations of a pod here or in the YAML; each follows the other."
                </span>
                <button type="button" class="close" on:click=move |_| forms.open.set(false)>
                    "Close"
                </button>
            </div>
            <datalist id="nad-options">
                {move || {
                    nads()
                        .into_iter()
                        .map(|n| {
                            let label = format!(
                                "{}/{}{}{}",
                                n.namespace,
                                n.name,
                                if n.cni_type.is_empty() { String::new() } else { format!(" ({})", n.cni_type) },
                                if n.inventory { ", inventory" } else { "" },
                            );
                            view! { <option value=n.name.clone() label=label></option> }
                        })
                        .collect_view()
                }}
            </datalist>
            {[4u8, 6u8]
                .into_iter()
                .map(|fam| {
                    view! {
                        <datalist id=format!("pool-options-{fam}")>
                            {move || {
                                pools(fam)
                                    .into_iter()
                                    .flat_map(|p| {
                                        let mut v = vec![];
                                        if !p.name.is_empty() {
                                            v.push(view! { <option value=p.name.clone() label=p.cidr.clone()></option> });
                                        }
                                        if !p.cidr.is_empty() {
                                            v.push(view! { <option value=p.cidr.clone() label=p.name.clone()></option> });
                                        }
                                        v
                                    })
                                    .collect_view()
                            }}
                        </datalist>
                    }
                })
                .collect_view()}
            <Show
                when=move || !targets().is_empty()
                fallback=|| {
                    view! {
                        <p class="hint" id="forms-empty">
                            "No Pod or pod template in the text. Start one with “New”."
                        </p>
                    }
                }
            >
                <div class="form-target" hidden=move || targets().len() < 2>
                    <label for="form-target">"Pod"</label>
                    <select
                        id="form-target"
                        prop:value=move || forms.target.get().to_string()
                        on:change=move |ev| {
                            let i = event_target_value(&ev).parse().unwrap_or(0);
                            forms.local.set(vec![]);
                            forms.target.set(i);
                        }
                    >
                        {move || {
                            targets()
                                .into_iter()
                                .enumerate()
                                .map(|(i, l)| view! { <option value=i.to_string()>{l}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <p class="form-target-label" hidden=move || targets().len() != 1>
                    {move || forms.target_view().map(|t| t.label).unwrap_or_default()}
                </p>
                <div class="forms-grid">
                    <NetworksSection forms />
                    <CalicoSection forms />
                </div>
            </Show>
        </section>
    }
}

#[component]
fn NetworksSection(forms: Forms) -> impl IntoView {
    let read = move || forms.with_target(|t| t.networks.clone()).flatten();
    let form = move || read().and_then(|r| r.form);
    let broken = move || read().is_some_and(|r| r.form.is_none());
    let count = move || form().map(|f| f.elements.len()).unwrap_or(0);
    let new_name = RwSignal::new(String::new());
    let add = move || {
        let name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            forms.local.update(|l| {
                l.retain(|x| x.field != FieldId::NetworksAdd);
                l.push(FieldError::new(
                    FieldId::NetworksAdd,
                    "Type or pick a NetworkAttachmentDefinition name.",
                ));
            });
            return;
        }
        let (ns, name) = match name.split_once('/') {
            Some((ns, n)) => (ns.trim().to_string(), n.trim().to_string()),
            None => (String::new(), name),
        };
        forms.networks(move |f| {
            let mut e = NetElement::named(&name);
            e.namespace = ns;
            f.elements.push(e);
        });
        new_name.set(String::new());
    };
    view! {
        <fieldset class="form-section" id="networks-form">
            <legend>"Multus networks"</legend>
            <p class="hint">
                <code>"k8s.v1.cni.cncf.io/networks"</code>
                ": extra interfaces, in order."
            </p>
            <Messages forms field=FieldId::Networks />
            <Show when=broken>
                <div class="broken" id="networks-broken">
                    <p>
                        "Multus cannot read this value, so the form shows it as written: "
                        <code class="raw">{move || read().map(|r| r.raw).unwrap_or_default()}</code>
                    </p>
                    <p class="go-error">{move || read().and_then(|r| r.error).unwrap_or_default()}</p>
                </div>
            </Show>
            <Show when=move || !broken()>
                <div class="format-choice">
                    <label for="networks-format">"Written as"</label>
                    <select
                        id="networks-format"
                        prop:value=move || if form().is_some_and(|f| f.json) { "json" } else { "short" }
                        on:change=move |ev| {
                            let json = event_target_value(&ev) == "json";
                            forms.networks(move |f| f.json = json);
                        }
                    >
                        <option
                            value="short"
                            disabled=move || !form().is_none_or(|f| f.short_possible())
                        >
                            "Short form (ns/name@interface)"
                        </option>
                        <option value="json">"JSON"</option>
                    </select>
                    <span class="hint" hidden=move || form().is_none_or(|f| f.short_possible())>
                        "The short form cannot carry IPs, MAC or the other extra fields."
                    </span>
                </div>
                <ol class="attachments">
                    <For each=move || 0..count() key=|i| *i let:i>
                        <AttachmentRow forms i count />
                    </For>
                </ol>
                <div class="add-row">
                    <label for="networks-add">"Add an attachment"</label>
                    <input
                        id="networks-add"
                        type="text"
                        list="nad-options"
                        spellcheck="false"
                        placeholder="NetworkAttachmentDefinition, e.g. macvlan-conf or ns/name"
                        prop:value=move || new_name.get()
                        on:input=move |ev| new_name.set(event_target_value(&ev))
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                add();
                            }
                        }
                    />
                    <button type="button" id="networks-add-button" on:click=move |_| add()>
                        "Add"
                    </button>
                </div>
                <Messages forms field=FieldId::NetworksAdd />
            </Show>
        </fieldset>
    }
}

#[component]
fn AttachmentRow(
    forms: Forms,
    i: usize,
    count: impl Fn() -> usize + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let el = move || {
        forms
            .with_target(|t| {
                t.networks
                    .as_ref()
                    .and_then(|r| r.form.as_ref())
                    .and_then(|f| f.elements.get(i).cloned())
            })
            .flatten()
            .unwrap_or_default()
    };
    let assigned = move || {
        forms
            .with_target(|t| t.assigned_interface(i))
            .unwrap_or_default()
    };
    let set = move |f: Box<dyn FnOnce(&mut NetElement) + Send>| {
        forms.networks(move |form| {
            if let Some(e) = form.elements.get_mut(i) {
                f(e);
            }
        })
    };
    let id = move |f: &str| format!("net-{i}-{f}");
    let field = move |f: NetField| FieldId::Net(i, f);
    let text_input = move |f: NetField,
                           label: &'static str,
                           get: fn(&NetElement) -> String,
                           put: fn(&mut NetElement, String)| {
        view! {
            <div class="field">
                <label for=id(f.as_str())>{label}</label>
                <input
                    id=id(f.as_str())
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    aria-describedby=format!("msg-{}", field(f).dom_id())
                    prop:value=move || get(&el())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |e| put(e, v)));
                    }
                />
                <Messages forms field=field(f) />
            </div>
        }
    };
    view! {
        <li class="attachment" id=format!("net-{i}")>
            <div class="attachment-head">
                <strong>{move || format!("{}. {}", i + 1, el().name)}</strong>
                <span class="hint">
                    {move || {
                        let e = el();
                        if e.interface.is_empty() {
                            format!("interface {} (assigned by Multus)", assigned())
                        } else {
                            format!("interface {}", e.interface)
                        }
                    }}
                </span>
                <span class="row-buttons">
                    <button
                        type="button"
                        aria-label=move || format!("Move attachment {} up", i + 1)
                        disabled=move || i == 0
                        on:click=move |_| forms.networks(move |f| f.elements.swap(i - 1, i))
                    >
                        "↑"
                    </button>
                    <button
                        type="button"
                        aria-label=move || format!("Move attachment {} down", i + 1)
                        disabled=move || { count() <= i + 1 }
                        on:click=move |_| forms.networks(move |f| f.elements.swap(i, i + 1))
                    >
                        "↓"
                    </button>
                    <button
                        type="button"
                        class="remove"
                        aria-label=move || format!("Remove attachment {}", i + 1)
                        on:click=move |_| forms.networks(move |f| {
                            if i < f.elements.len() {
                                f.elements.remove(i);
                            }
                        })
                    >
                        "Remove"
                    </button>
                </span>
            </div>
            <Messages forms field=FieldId::Attachment(i) />
            <div class="attachment-grid">
                <div class="field">
                    <label for=id(NetField::Name.as_str())>"Network (NAD name)"</label>
                    <input
                        id=id(NetField::Name.as_str())
                        type="text"
                        list="nad-options"
                        spellcheck="false"
                        autocomplete="off"
                        aria-describedby=format!("msg-{}", field(NetField::Name).dom_id())
                        prop:value=move || el().name
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            set(Box::new(move |e| e.name = v));
                        }
                    />
                    <Messages forms field=field(NetField::Name) />
                </div>
                {text_input(NetField::Namespace, "Namespace", |e| e.namespace.clone(), |e, v| e.namespace = v)}
                <div class="field">
                    <label for=id(NetField::Interface.as_str())>"Interface"</label>
                    <input
                        id=id(NetField::Interface.as_str())
                        type="text"
                        spellcheck="false"
                        autocomplete="off"
                        placeholder=assigned
                        aria-describedby=format!("msg-{}", field(NetField::Interface).dom_id())
                        prop:value=move || el().interface
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            set(Box::new(move |e| e.interface = v));
                        }
                    />
                    <Messages forms field=field(NetField::Interface) />
                </div>
                {text_input(NetField::Ips, "IPs (with prefix)", |e| e.ips.join(", "), |e, v| e.ips = split_list(&v))}
                {text_input(NetField::Mac, "MAC", |e| e.mac.clone(), |e, v| e.mac = v)}
                {text_input(NetField::DefaultRoute, "Default route (gateway)", |e| e.default_route.join(", "), |e, v| e.default_route = split_list(&v))}
            </div>
            <details class="more">
                <summary>"More fields: port mappings, bandwidth, cni-args, InfiniBand GUID"</summary>
                <PortMappings forms i />
                <fieldset class="bandwidth">
                    <legend>"Bandwidth"</legend>
                    {[
                        ("ingress_rate", "Ingress rate (bit/s)"),
                        ("ingress_burst", "Ingress burst (bit)"),
                        ("egress_rate", "Egress rate (bit/s)"),
                        ("egress_burst", "Egress burst (bit)"),
                    ]
                        .into_iter()
                        .map(|(k, label)| {
                            let get = move || {
                                el().bandwidth
                                    .and_then(|b| match k {
                                        "ingress_rate" => b.ingress_rate,
                                        "ingress_burst" => b.ingress_burst,
                                        "egress_rate" => b.egress_rate,
                                        _ => b.egress_burst,
                                    })
                                    .map(|n| n.to_string())
                                    .unwrap_or_default()
                            };
                            view! {
                                <div class="field">
                                    <label for=id(k)>{label}</label>
                                    <input
                                        id=id(k)
                                        type="number"
                                        min="0"
                                        prop:value=get
                                        on:change=move |ev| {
                                            let v = parse_int(&event_target_value(&ev));
                                            set(Box::new(move |e| {
                                                let mut b = e.bandwidth.clone().unwrap_or_default();
                                                match k {
                                                    "ingress_rate" => b.ingress_rate = v,
                                                    "ingress_burst" => b.ingress_burst = v,
                                                    "egress_rate" => b.egress_rate = v,
                                                    _ => b.egress_burst = v,
                                                }
                                                e.bandwidth = (b != Bw::default()).then_some(b);
                                            }));
                                        }
                                    />
                                </div>
                            }
                        })
                        .collect_view()}
                    <Messages forms field=field(NetField::Bandwidth) />
                </fieldset>
                <div class="field">
                    <label for=id(NetField::CniArgs.as_str())>"cni-args (JSON object)"</label>
                    <textarea
                        id=id(NetField::CniArgs.as_str())
                        rows="2"
                        spellcheck="false"
                        aria-describedby=format!("msg-{}", field(NetField::CniArgs).dom_id())
                        prop:value=move || el().cni_args
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            set(Box::new(move |e| e.cni_args = v));
                        }
                    ></textarea>
                    <Messages forms field=field(NetField::CniArgs) />
                </div>
                {text_input(NetField::InfinibandGuid, "InfiniBand GUID", |e| e.infiniband_guid.clone(), |e, v| e.infiniband_guid = v)}
            </details>
        </li>
    }
}

#[component]
fn PortMappings(forms: Forms, i: usize) -> impl IntoView {
    let maps = move || {
        forms
            .with_target(|t| {
                t.networks
                    .as_ref()
                    .and_then(|r| r.form.as_ref())
                    .and_then(|f| f.elements.get(i))
                    .map(|e| e.port_mappings.clone())
            })
            .flatten()
            .unwrap_or_default()
    };
    let set = move |f: Box<dyn FnOnce(&mut Vec<PortMap>) + Send>| {
        forms.networks(move |form| {
            if let Some(e) = form.elements.get_mut(i) {
                f(&mut e.port_mappings);
            }
        })
    };
    let count = move || maps().len();
    view! {
        <fieldset class="ports">
            <legend>"Port mappings"</legend>
            <For each=move || 0..count() key=|j| *j let:j>
                {
                    let get = move || maps().get(j).cloned().unwrap_or_default();
                    let pid = move |f: &str| format!("net-{i}-port-{j}-{f}");
                    let port_input = move |f: &'static str,
                                           label: &'static str,
                                           get_n: fn(&PortMap) -> Option<i64>,
                                           put: fn(&mut PortMap, Option<i64>)| {
                        view! {
                            <label for=pid(f)>{label}</label>
                            <input
                                id=pid(f)
                                type="number"
                                min="0"
                                max="65535"
                                prop:value=move || get_n(&get()).map(|n| n.to_string()).unwrap_or_default()
                                on:change=move |ev| {
                                    let v = parse_int(&event_target_value(&ev));
                                    set(Box::new(move |m| if let Some(p) = m.get_mut(j) { put(p, v) }));
                                }
                            />
                        }
                    };
                    view! {
                        <div class="port-row">
                            {port_input("host", "Host port", |p| p.host_port, |p, v| p.host_port = v)}
                            {port_input("container", "Container port", |p| p.container_port, |p, v| p.container_port = v)}
                            <label for=pid("protocol")>"Protocol"</label>
                            <select
                                id=pid("protocol")
                                prop:value=move || get().protocol
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    set(Box::new(move |m| if let Some(p) = m.get_mut(j) { p.protocol = v }));
                                }
                            >
                                <option value="">"(default)"</option>
                                <option value="tcp">"tcp"</option>
                                <option value="udp">"udp"</option>
                                <option value="sctp">"sctp"</option>
                            </select>
                            <button
                                type="button"
                                aria-label=format!("Remove port mapping {}", j + 1)
                                on:click=move |_| set(Box::new(move |m| if j < m.len() { m.remove(j); }))
                            >
                                "Remove"
                            </button>
                        </div>
                    }
                }
            </For>
            <button
                type="button"
                id=format!("net-{i}-port-add")
                on:click=move |_| set(Box::new(|m| m.push(PortMap {
                    container_port: Some(80),
                    host_port: Some(8080),
                    protocol: "tcp".into(),
                    host_ip: String::new(),
                })))
            >
                "Add port mapping"
            </button>
            <Messages forms field=FieldId::Net(i, NetField::PortMappings) />
        </fieldset>
    }
}

#[component]
fn CalicoSection(forms: Forms) -> impl IntoView {
    let c = move || forms.with_target(|t| t.calico.clone()).unwrap_or_default();
    // A fixed mode chosen before any address is typed lives here until one is written.
    let pending = RwSignal::new(None::<Addressing>);
    let mode = move || match c().addressing() {
        Addressing::Pools => pending.get().unwrap_or(Addressing::Pools),
        m => m,
    };
    let blocked = move || c().fixed_blocked;
    let choose = move |value: Addressing| {
        let has_addresses = c().addressing() != Addressing::Pools;
        if value == Addressing::Pools || has_addresses {
            pending.set(None);
            forms.changes(FieldId::Calico(Some(CalicoField::Addressing)), move |t| {
                t.calico.set_addressing(value)
            });
        } else if let Some(why) = blocked() {
            forms.local.update(|l| {
                let field = FieldId::Calico(Some(CalicoField::Addressing));
                l.retain(|x| x.field != field);
                l.push(FieldError::new(
                    field,
                    format!("Fixed addresses need a pod of its own: {why}."),
                ));
            });
        } else {
            pending.set(Some(value));
        }
    };
    let radio = move |value: Addressing, id: &'static str, label: &'static str| {
        view! {
            <div class="check">
                <input
                    type="radio"
                    name="calico-addressing"
                    id=id
                    prop:checked=move || mode() == value
                    disabled=move || value != Addressing::Pools && blocked().is_some()
                    on:change=move |_| choose(value)
                />
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <fieldset class="form-section" id="calico-form">
            <legend>"Calico"</legend>
            <p class="hint">
                <code>"cni.projectcalico.org/*"</code>
                ": how the pod's Calico interface gets its address."
            </p>
            <Messages forms field=FieldId::Calico(None) />
            <fieldset class="addressing">
                <legend>"Addresses"</legend>
                {radio(Addressing::Pools, "calico-mode-pools", "From IP pools")}
                {radio(Addressing::Fixed, "calico-mode-fixed", "Fixed address (ipAddrs)")}
                {radio(Addressing::FixedNoIpam, "calico-mode-noipam", "Fixed, without IPAM (ipAddrsNoIpam)")}
                <p class="hint explain" id="calico-fixed-blocked" hidden=move || blocked().is_none()>
                    {move || {
                        blocked()
                            .map(|why| format!("Fixed addresses are off: {why}, and every pod would request the same address. Use a pool per workload."))
                            .unwrap_or_default()
                    }}
                </p>
                <Messages forms field=FieldId::Calico(Some(CalicoField::Addressing)) />
            </fieldset>
            <PoolList forms fam=4 />
            <PoolList forms fam=6 />
            <div class="fixed" hidden=move || mode() == Addressing::Pools>
                {[(4u8, "calico-fixed-v4", "Fixed IPv4"), (6u8, "calico-fixed-v6", "Fixed IPv6")]
                    .into_iter()
                    .map(|(fam, id, label)| {
                        view! {
                            <div class="field">
                                <label for=id>{label}</label>
                                <input
                                    id=id
                                    type="text"
                                    spellcheck="false"
                                    autocomplete="off"
                                    placeholder=if fam == 4 { "10.0.0.5" } else { "fd00::5" }
                                    prop:value=move || c().fixed(fam)
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        let m = mode();
                                        forms.edit(move |t| {
                                            let (v4, v6) = if fam == 4 { (v.clone(), t.calico.fixed(6)) } else { (t.calico.fixed(4), v.clone()) };
                                            t.calico.set_fixed(&v4, &v6, m)
                                        });
                                    }
                                />
                                <Messages
                                    forms
                                    field=FieldId::Calico(Some(if fam == 4 { CalicoField::FixedV4 } else { CalicoField::FixedV6 }))
                                />
                            </div>
                        }
                    })
                    .collect_view()}
                <Messages forms field=FieldId::Calico(Some(CalicoField::Fixed)) />
            </div>
            <div class="calico-fields">
            <div class="field">
                <label for="calico-families">"Address families (ipFamilies)"</label>
                <select
                    id="calico-families"
                    prop:value=move || {
                        match c().families() {
                            None => "unset".to_string(),
                            Some(f) => {
                                let v4 = f.iter().any(|x| x == "IPv4");
                                let v6 = f.iter().any(|x| x == "IPv6");
                                match (v4, v6) {
                                    (true, true) => "dual",
                                    (false, true) => "v6",
                                    _ => "v4",
                                }
                                    .to_string()
                            }
                        }
                    }
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        forms.changes(FieldId::Calico(Some(CalicoField::IpFamilies)), move |t| Ok(match v.as_str() {
                            "v4" => t.calico.set_families(true, false),
                            "v6" => t.calico.set_families(false, true),
                            "dual" => t.calico.set_families(true, true),
                            _ => t.calico.set_families(false, false),
                        }))
                    }
                >
                    <option value="unset">"Not set (the CNI configuration decides)"</option>
                    <option value="v4">"IPv4"</option>
                    <option value="v6">"IPv6"</option>
                    <option value="dual">"IPv4 and IPv6"</option>
                </select>
                <Messages forms field=FieldId::Calico(Some(CalicoField::IpFamilies)) />
            </div>
            <div class="field">
                <label for="calico-floating">"Floating IPs (comma-separated)"</label>
                <input
                    id="calico-floating"
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || c().floating_ips.list().join(", ")
                    disabled=move || c().floating_ips.error.is_some()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        forms.changes(FieldId::Calico(Some(CalicoField::FloatingIps)), move |t| t.calico.set_floating(&v))
                    }
                />
                <BrokenList forms short="floatingIPs" />
                <Messages forms field=FieldId::Calico(Some(CalicoField::FloatingIps)) />
            </div>
            <div class="field">
                <label for="calico-mac">"MAC of the Calico interface (hwAddr)"</label>
                <input
                    id="calico-mac"
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="02:00:00:00:00:01"
                    prop:value=move || c().hw_addr.unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        forms.changes(FieldId::Calico(Some(CalicoField::HwAddr)), move |t| t.calico.set_hw_addr(&v))
                    }
                />
                <Messages forms field=FieldId::Calico(Some(CalicoField::HwAddr)) />
            </div>
            </div>
        </fieldset>
    }
}

/// A list annotation Calico cannot decode: shown as written, with the Go error.
#[component]
fn BrokenList(forms: Forms, short: &'static str) -> impl IntoView {
    let f = move || {
        forms
            .with_target(|t| t.calico.field(short).cloned())
            .flatten()
            .filter(|f| f.error.is_some())
    };
    view! {
        <Show when=move || f().is_some()>
            <div class="broken" id=format!("calico-{short}-broken")>
                <p>
                    "Calico cannot read this value, so the form shows it as written: "
                    <code class="raw">{move || f().and_then(|f| f.raw).unwrap_or_default()}</code>
                </p>
                <p class="go-error">{move || f().and_then(|f| f.error).unwrap_or_default()}</p>
            </div>
        </Show>
    }
}

#[component]
fn PoolList(forms: Forms, fam: u8) -> impl IntoView {
    let short: &'static str = if fam == 4 { "ipv4pools" } else { "ipv6pools" };
    let field = FieldId::Calico(Some(if fam == 4 {
        CalicoField::Ipv4Pools
    } else {
        CalicoField::Ipv6Pools
    }));
    let c = move || forms.with_target(|t| t.calico.clone()).unwrap_or_default();
    let items = move || {
        c().field(short)
            .map(|f| f.list().to_vec())
            .unwrap_or_default()
    };
    let disabled = move || {
        let c = c();
        if fam == 4 {
            c.pools_disabled()
        } else {
            c.v6_pools_disabled()
        }
    };
    let broken = move || c().field(short).is_some_and(|f| f.error.is_some());
    let typed = RwSignal::new(String::new());
    let add = move || {
        let v = typed.get_untracked();
        forms.changes(field, move |t| t.calico.add_pool(fam, &v));
        typed.set(String::new());
    };
    let input_id = format!("calico-{short}-add");
    view! {
        <fieldset class="pools" id=format!("calico-{short}")>
            <legend>{format!("IPv{fam} pools ({short})")}</legend>
            <p class="hint explain" hidden=move || disabled().is_none()>
                {move || disabled().unwrap_or_default()}
            </p>
            <BrokenList forms short />
            <ul class="chips">
                {move || {
                    items()
                        .into_iter()
                        .enumerate()
                        .map(|(k, p)| {
                            view! {
                                <li class="chip">
                                    <span>{p.clone()}</span>
                                    <button
                                        type="button"
                                        aria-label=format!("Remove pool {p}")
                                        on:click=move |_| {
                                            forms.changes(field, move |t| Ok(t.calico.remove_item(short, k)))
                                        }
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <div class="add-row">
                <label for=input_id.clone()>{format!("Add an IPv{fam} pool (name or CIDR)")}</label>
                <input
                    id=input_id
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    list=format!("pool-options-{fam}")
                    disabled=move || disabled().is_some() || broken()
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add();
                        }
                    }
                />
                <button
                    type="button"
                    id=format!("calico-{short}-add-button")
                    disabled=move || disabled().is_some() || broken()
                    on:click=move |_| add()
                >
                    "Add"
                </button>
            </div>
            <Messages forms field />
        </fieldset>
    }
}

/// The "New" wizard: a Pod, Deployment or NetworkAttachmentDefinition that checks clean.
#[component]
pub fn WizardPanel(open: RwSignal<bool>, on_done: Callback<(String, bool)>) -> impl IntoView {
    let w = RwSignal::new(Wizard::default());
    let error = RwSignal::new(None::<FieldError>);
    let set = move |f: Box<dyn FnOnce(&mut Wizard)>| {
        w.update(|w| f(w));
        error.set(None);
    };
    let default_network = |cni: Cni| match cni {
        Cni::Macvlan => "macvlan-net",
        Cni::Ipvlan => "ipvlan-net",
        Cni::Bridge => "bridge-net",
        Cni::Sriov => "sriov-net",
        Cni::Calico => "calico-pool",
    };
    let generate = move |append: bool| match w.get_untracked().generate() {
        Ok(text) => {
            error.set(None);
            on_done.run((text, append));
        }
        Err(e) => error.set(Some(e)),
    };
    let msg = move |f: WizardField| {
        view! {
            <p class="field-msg sev-error" id=format!("wizard-{}-msg", f.as_str()) hidden=move || error.with(|e| e.as_ref().is_none_or(|e| e.field != FieldId::Wizard(f)))>
                {move || error.with(|e| e.as_ref().map(|e| e.message.clone()).unwrap_or_default())}
            </p>
        }
    };
    let text_field = move |f: WizardField,
                           label: &'static str,
                           get: fn(&Wizard) -> String,
                           put: fn(&mut Wizard, String)| {
        view! {
            <div class="field">
                <label for=format!("wizard-{}", f.as_str())>{label}</label>
                <input
                    id=format!("wizard-{}", f.as_str())
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || w.with(get)
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set(Box::new(move |w| put(w, v)));
                    }
                />
                {msg(f)}
            </div>
        }
    };
    let kind = move || w.with(|w| w.kind);
    let cni = move || w.with(|w| w.cni);
    view! {
        <section id="wizard-panel" class="panel" aria-labelledby="wizard-heading" hidden=move || !open.get()>
            <div class="panel-head">
                <h2 id="wizard-heading">"New from scratch"</h2>
                <span class="hint">"A manifest that checks clean, to start from."</span>
                <button type="button" class="close" on:click=move |_| open.set(false)>"Close"</button>
            </div>
            <div class="wizard-grid">
                <div class="field">
                    <label for="wizard-kind">"What"</label>
                    <select
                        id="wizard-kind"
                        prop:value=move || format!("{:?}", kind())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let k = wizard::KINDS.iter().find(|(k, _)| format!("{k:?}") == v).map(|x| x.0).unwrap_or(WizardKind::Pod);
                            set(Box::new(move |w| {
                                w.kind = k;
                                if wizard::ipam_allowed(w.kind, w.cni, w.ipam).is_err() {
                                    w.ipam = if w.cni == Cni::Calico { IpamKind::CalicoIpam } else { IpamKind::Whereabouts };
                                }
                            }));
                        }
                    >
                        {wizard::KINDS.iter().map(|(k, l)| view! { <option value=format!("{k:?}")>{*l}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="wizard-cni">"CNI plugin"</label>
                    <select
                        id="wizard-cni"
                        prop:value=move || format!("{:?}", cni())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let c = wizard::CNIS.iter().find(|(c, _)| format!("{c:?}") == v).map(|x| x.0).unwrap_or(Cni::Macvlan);
                            set(Box::new(move |w| {
                                if w.network == default_network(w.cni) {
                                    w.network = default_network(c).to_string();
                                }
                                w.cni = c;
                                if wizard::ipam_allowed(w.kind, w.cni, w.ipam).is_err() {
                                    w.ipam = if c == Cni::Calico { IpamKind::CalicoIpam } else { IpamKind::Whereabouts };
                                }
                            }));
                        }
                    >
                        {wizard::CNIS.iter().map(|(c, l)| view! { <option value=format!("{c:?}")>{*l}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="wizard-ipam">"IPAM"</label>
                    <select
                        id="wizard-ipam"
                        aria-describedby="wizard-ipam-note"
                        prop:value=move || format!("{:?}", w.with(|w| w.ipam))
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let i = wizard::IPAMS.iter().find(|(i, _)| format!("{i:?}") == v).map(|x| x.0).unwrap_or(IpamKind::Whereabouts);
                            set(Box::new(move |w| w.ipam = i));
                        }
                    >
                        {wizard::IPAMS
                            .iter()
                            .map(|&(i, l)| {
                                view! {
                                    <option
                                        value=format!("{i:?}")
                                        disabled=move || wizard::ipam_allowed(kind(), cni(), i).is_err()
                                    >
                                        {l}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p class="hint" id="wizard-ipam-note">
                        {move || {
                            // Options that are off, grouped by the reason.
                            let mut groups: Vec<(Vec<&str>, String)> = vec![];
                            for &(i, l) in wizard::IPAMS {
                                if let Err(why) = wizard::ipam_allowed(kind(), cni(), i) {
                                    match groups.iter_mut().find(|(_, w)| *w == why) {
                                        Some((ls, _)) => ls.push(l),
                                        None => groups.push((vec![l], why)),
                                    }
                                }
                            }
                            groups
                                .into_iter()
                                .map(|(ls, why)| format!("Not offered: {}. {why}", ls.join(", ")))
                                .collect::<Vec<_>>()
                                .join(" ")
                        }}
                    </p>
                    {msg(WizardField::Ipam)}
                </div>
                <div hidden=move || kind() == WizardKind::Nad>
                    {text_field(WizardField::Name, "Name", |w| w.name.clone(), |w, v| w.name = v.trim().to_string())}
                </div>
                {text_field(WizardField::Namespace, "Namespace", |w| w.namespace.clone(), |w, v| w.namespace = v.trim().to_string())}
                {text_field(WizardField::Network, "Network name (NAD or IPPool)", |w| w.network.clone(), |w, v| w.network = v.trim().to_string())}
                <div hidden=move || !matches!(cni(), Cni::Macvlan | Cni::Ipvlan)>
                    {text_field(WizardField::Master, "Node interface (master)", |w| w.master.clone(), |w, v| w.master = v)}
                </div>
                <div hidden=move || cni() != Cni::Bridge>
                    {text_field(WizardField::Bridge, "Bridge", |w| w.bridge.clone(), |w, v| w.bridge = v)}
                </div>
                <div hidden=move || cni() != Cni::Sriov>
                    {text_field(WizardField::Resource, "SR-IOV resource", |w| w.resource.clone(), |w, v| w.resource = v)}
                </div>
                {text_field(WizardField::Subnet, "Subnet (CIDR)", |w| w.subnet.clone(), |w, v| w.subnet = v)}
                <div hidden=move || w.with(|w| w.ipam != IpamKind::Static)>
                    {text_field(WizardField::Address, "Pod address (with prefix)", |w| w.address.clone(), |w, v| w.address = v)}
                </div>
                <div hidden=move || kind() == WizardKind::Nad>
                    {text_field(WizardField::Image, "Container image", |w| w.image.clone(), |w, v| w.image = v)}
                </div>
                <div class="field" hidden=move || kind() != WizardKind::Deployment>
                    <label for="wizard-replicas">"Replicas"</label>
                    <input
                        id="wizard-replicas"
                        type="number"
                        min="1"
                        prop:value=move || w.with(|w| w.replicas.to_string())
                        on:change=move |ev| {
                            let v = event_target_value(&ev).trim().parse().unwrap_or(0);
                            set(Box::new(move |w| w.replicas = v));
                        }
                    />
                    {msg(WizardField::Replicas)}
                </div>
            </div>
            <div class="wizard-actions">
                <button type="button" class="primary" id="wizard-replace" on:click=move |_| generate(false)>
                    "Replace the editor text"
                </button>
                <button type="button" id="wizard-append" on:click=move |_| generate(true)>
                    "Add to the editor text"
                </button>
            </div>
        </section>
    }
}
