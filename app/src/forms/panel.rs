//! The Forms panel: the NAD and pool suggestions, the pod picker and the two sections.

use super::calico::CalicoSection;
use super::field::FieldMessages;
use super::networks::NetworksSection;
use super::Forms;
use leptos::prelude::*;

/// The Forms panel of the [`Forms`] in context.
#[component]
pub fn FormsPanel() -> impl IntoView {
    let forms = expect_context::<Forms>();
    provide_context(FieldMessages(Callback::new(move |field| {
        forms.messages(field)
    })));
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
                    <NetworksSection />
                    <CalicoSection />
                </div>
            </Show>
        </section>
    }
}
