//! The one text field of the forms and the wizard (label, input, hint, messages), and the
//! messages at a field.
//!
//! Where the messages come from is context: the Forms panel provides the findings and
//! refused values of its pod ([`FieldMessages`] over [`Forms::messages`]), the wizard its
//! own validation. A field with an error message is `aria-invalid`; its messages (and hint)
//! are its `aria-describedby`.

use super::Forms;
use leptos::prelude::*;
use podnet_lint::forms::FieldId;
use podnet_lint::Diagnostic;

/// One message at a field: a finding of the engine or a value the form refused.
#[derive(Clone, PartialEq)]
pub(super) struct Msg {
    pub(super) severity: &'static str,
    pub(super) rule: Option<String>,
    pub(super) text: String,
    pub(super) fix: Option<Diagnostic>,
}

impl Msg {
    /// A value refused at the field (no rule, no fix).
    pub(super) fn error(text: impl Into<String>) -> Msg {
        Msg {
            severity: "error",
            rule: None,
            text: text.into(),
            fix: None,
        }
    }
}

/// The messages at each field of the panel below (context).
#[derive(Clone, Copy)]
pub(super) struct FieldMessages(pub(super) Callback<FieldId, Vec<Msg>>);

/// The DOM id of the message list at `field` (what its input is described by).
pub(super) fn msg_id(field: FieldId) -> String {
    format!("msg-{}", field.dom_id())
}

/// The messages at `field`, from the context's [`FieldMessages`].
fn messages_at(field: FieldId) -> Memo<Vec<Msg>> {
    let source = expect_context::<FieldMessages>();
    Memo::new(move |_| source.0.run(field))
}

/// The messages at one field.
#[component]
pub(super) fn Messages(field: FieldId) -> impl IntoView {
    view! { <MessageList field msgs=messages_at(field) /> }
}

#[component]
fn MessageList(field: FieldId, msgs: Memo<Vec<Msg>>) -> impl IntoView {
    // Fixes are the Forms panel's (the wizard's messages have none).
    let forms = use_context::<Forms>();
    view! {
        <ul class="field-msgs" id=msg_id(field)>
            {move || {
                msgs.get()
                    .into_iter()
                    .map(|m| {
                        view! {
                            <li class=format!("field-msg sev-{}", m.severity)>
                                {m
                                    .rule
                                    .map(|r| {
                                        view! {
                                            <a class="rule" href=format!("/rules/{r}")>
                                                {r.clone()}
                                            </a>
                                            " "
                                        }
                                    })}
                                <span class="text">{m.text}</span>
                                {m.fix.zip(forms).map(|(d, forms)| view! { " " <FixButton forms d /> })}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// Applies the fix of the finding `d` shown at a field.
#[component]
fn FixButton(forms: Forms, d: Diagnostic) -> impl IntoView {
    let (title, unsafe_) = d
        .fix
        .as_ref()
        .map(|f| {
            (
                f.title.clone(),
                f.applicability != podnet_lint::Applicability::Safe,
            )
        })
        .unwrap_or_default();
    view! {
        <button type="button" class="field-fix" on:click=move |_| forms.apply_fix(&d)>
            {if unsafe_ { format!("Fix (review): {title}") } else { format!("Fix: {title}") }}
        </button>
    }
}

/// A text field: its label, the input (a textarea with `rows`), an optional hint, what
/// `children` adds after the input (an "Add" button, a note), and the messages at `field`.
///
/// `on_change` runs when the field is left with a new value, `on_input` at each keystroke,
/// `on_enter` on Enter (which then does not submit the page's form).
#[component]
pub(super) fn TextField(
    /// The input's DOM id.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    /// Where the messages show.
    field: FieldId,
    #[prop(into)] value: Signal<String>,
    #[prop(optional, into)] on_change: Option<Callback<String>>,
    #[prop(optional, into)] on_input: Option<Callback<String>>,
    #[prop(optional, into)] on_enter: Option<Callback<()>>,
    #[prop(optional, into)] placeholder: MaybeProp<String>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<String>,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
    #[prop(optional)] hint: Option<&'static str>,
    /// A textarea of this many rows instead of an input.
    #[prop(optional)]
    rows: Option<u32>,
    /// The input's type (`text`, or `number` with `min`).
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(default = None)] min: Option<&'static str>,
    /// The wrapper's class: `field` (label above the input) or `add-row` (in a line).
    #[prop(default = "field")]
    layout: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    use leptos::either::Either;
    let msgs = messages_at(field);
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let described_by = match &hint_id {
        Some(h) => format!("{h} {}", msg_id(field)),
        None => msg_id(field),
    };
    let invalid = move || {
        msgs.with(|m| m.iter().any(|m| m.severity == "error"))
            .then_some("true")
    };
    let changed = move |ev: leptos::ev::Event| {
        if let Some(f) = on_change {
            f.run(event_target_value(&ev));
        }
    };
    let typed = move |ev: leptos::ev::Event| {
        if let Some(f) = on_input {
            f.run(event_target_value(&ev));
        }
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if let Some(f) = on_enter {
            if ev.key() == "Enter" {
                ev.prevent_default();
                f.run(());
            }
        }
    };
    let disabled = move || disabled.get().unwrap_or(false);
    let control = match rows {
        Some(rows) => Either::Left(view! {
            <textarea
                id=id.clone()
                rows=rows
                spellcheck="false"
                placeholder=move || placeholder.get()
                disabled=disabled
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=move || value.get()
                on:change=changed
                on:input=typed
            ></textarea>
        }),
        None => Either::Right(view! {
            <input
                id=id.clone()
                type=kind
                min=min
                list=list
                spellcheck="false"
                autocomplete="off"
                placeholder=move || placeholder.get()
                disabled=disabled
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=move || value.get()
                on:change=changed
                on:input=typed
                on:keydown=keydown
            />
        }),
    };
    view! {
        <div class=layout>
            <label for=id>{label}</label>
            {control}
            {children.map(|c| c())}
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <MessageList field msgs />
        </div>
    }
}
