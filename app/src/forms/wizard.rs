//! The "New" wizard: a Pod, Deployment or NetworkAttachmentDefinition that checks clean.
//!
//! The fields are checked by the engine ([`Wizard::errors`]) as the user types (once typing
//! settles) and on submit: every field error shows at once, at its field, and submitting
//! with errors focuses the first field that has one.

use super::field::{msg_id, FieldMessages, Messages, Msg, TextField};
use leptos::prelude::*;
use podnet_lint::forms::wizard::{self, Cni, IpamKind, Wizard, WizardKind};
use podnet_lint::forms::{FieldError, FieldId, WizardField};
use std::time::Duration;

/// How long typing pauses before the fields are checked.
const SETTLE: Duration = Duration::from_millis(250);

/// The wizard's values and the field errors of their last check (context for its fields).
#[derive(Clone, Copy)]
struct WizardState {
    w: RwSignal<Wizard>,
    errors: RwSignal<Vec<FieldError>>,
    /// Keystrokes so far: a check waits until no new one came for [`SETTLE`].
    keystrokes: StoredValue<u64>,
}

impl WizardState {
    fn check(self) {
        if let Some(errors) = self.w.try_with_untracked(Wizard::errors) {
            self.errors.try_set(errors);
        }
    }

    /// A change (a choice made, a field left): applied and checked at once.
    fn set(self, f: impl FnOnce(&mut Wizard)) {
        self.w.update(f);
        self.check();
    }

    /// A keystroke: applied at once, checked once typing settles.
    fn typing(self, f: impl FnOnce(&mut Wizard)) {
        self.w.update(f);
        let n = self.keystrokes.get_value().wrapping_add(1);
        self.keystrokes.set_value(n);
        set_timeout(
            move || {
                if self.keystrokes.try_get_value() == Some(n) {
                    self.check();
                }
            },
            SETTLE,
        );
    }

    fn has_error(self, field: WizardField) -> bool {
        self.errors
            .with(|es| es.iter().any(|e| e.field == FieldId::Wizard(field)))
    }
}

/// Moves the focus to the input of a wizard field.
fn focus(field: FieldId) {
    #[cfg(feature = "hydrate")]
    if let FieldId::Wizard(f) = field {
        use wasm_bindgen::JsCast;
        let input = document()
            .get_element_by_id(&format!("wizard-{}", f.as_str()))
            .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok());
        if let Some(input) = input {
            let _ = input.focus();
        }
    }
    let _ = field;
}

/// A text field of the wizard.
#[component]
fn WizardText(
    f: WizardField,
    label: &'static str,
    get: fn(&Wizard) -> String,
    put: fn(&mut Wizard, String),
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = None)] min: Option<&'static str>,
) -> impl IntoView {
    let s = expect_context::<WizardState>();
    view! {
        <TextField
            id=format!("wizard-{}", f.as_str())
            label
            field=FieldId::Wizard(f)
            kind
            min
            value=Signal::derive(move || s.w.with(get))
            on_input=move |v: String| s.typing(move |w| put(w, v))
            on_change=move |v: String| s.set(move |w| put(w, v))
        />
    }
}

/// The "New" wizard: a Pod, Deployment or NetworkAttachmentDefinition that checks clean.
#[component]
pub fn WizardPanel(open: RwSignal<bool>, on_done: Callback<(String, bool)>) -> impl IntoView {
    let s = WizardState {
        w: RwSignal::new(Wizard::default()),
        errors: RwSignal::new(vec![]),
        keystrokes: StoredValue::new(0),
    };
    provide_context(s);
    provide_context(FieldMessages(Callback::new(move |field| {
        s.errors.with(|es| {
            es.iter()
                .filter(|e| e.field == field)
                .map(|e| Msg::error(e.message.clone()))
                .collect()
        })
    })));
    let w = s.w;
    let set = move |f: Box<dyn FnOnce(&mut Wizard)>| s.set(f);
    let default_network = |cni: Cni| match cni {
        Cni::Macvlan => "macvlan-net",
        Cni::Ipvlan => "ipvlan-net",
        Cni::Bridge => "bridge-net",
        Cni::Sriov => "sriov-net",
        Cni::Calico => "calico-pool",
    };
    let generate = move |append: bool| {
        s.check();
        if let Some(first) = s.errors.with_untracked(|es| es.first().map(|e| e.field)) {
            focus(first);
            return;
        }
        match w.with_untracked(Wizard::generate) {
            Ok(text) => on_done.run((text, append)),
            Err(e) => {
                focus(e.field);
                s.errors.set(vec![e]);
            }
        }
    };
    let kind = move || w.with(|w| w.kind);
    let cni = move || w.with(|w| w.cni);
    let ipam_field = FieldId::Wizard(WizardField::Ipam);
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
                        aria-describedby=format!("wizard-ipam-note {}", msg_id(ipam_field))
                        aria-invalid=move || s.has_error(WizardField::Ipam).then_some("true")
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
                    <Messages field=ipam_field />
                </div>
                <div hidden=move || kind() == WizardKind::Nad>
                    <WizardText f=WizardField::Name label="Name" get=|w| w.name.clone() put=|w, v| w.name = v />
                </div>
                <WizardText f=WizardField::Namespace label="Namespace" get=|w| w.namespace.clone() put=|w, v| w.namespace = v />
                <WizardText
                    f=WizardField::Network
                    label="Network name (NAD or IPPool)"
                    get=|w| w.network.clone()
                    put=|w, v| w.network = v
                />
                <div hidden=move || !matches!(cni(), Cni::Macvlan | Cni::Ipvlan)>
                    <WizardText f=WizardField::Master label="Node interface (master)" get=|w| w.master.clone() put=|w, v| w.master = v />
                </div>
                <div hidden=move || cni() != Cni::Bridge>
                    <WizardText f=WizardField::Bridge label="Bridge" get=|w| w.bridge.clone() put=|w, v| w.bridge = v />
                </div>
                <div hidden=move || cni() != Cni::Sriov>
                    <WizardText f=WizardField::Resource label="SR-IOV resource" get=|w| w.resource.clone() put=|w, v| w.resource = v />
                </div>
                <WizardText f=WizardField::Subnet label="Subnet (CIDR)" get=|w| w.subnet.clone() put=|w, v| w.subnet = v />
                <div hidden=move || w.with(|w| w.ipam != IpamKind::Static)>
                    <WizardText
                        f=WizardField::Address
                        label="Pod address (with prefix)"
                        get=|w| w.address.clone()
                        put=|w, v| w.address = v
                    />
                </div>
                <div hidden=move || kind() == WizardKind::Nad>
                    <WizardText f=WizardField::Image label="Container image" get=|w| w.image.clone() put=|w, v| w.image = v />
                </div>
                <div hidden=move || kind() != WizardKind::Deployment>
                    <WizardText
                        f=WizardField::Replicas
                        label="Replicas"
                        kind="number"
                        min=Some("1")
                        get=|w| w.replicas.to_string()
                        put=|w, v| w.replicas = v.trim().parse().unwrap_or(0)
                    />
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
