//! The profile panel: the cluster settings of spec/README.md section 2 that decide verdicts,
//! and the inventory (`kubectl get net-attach-def,ippools -A -o yaml`) that references
//! resolve against. Every change re-checks at once (see `client::Live`).

use leptos::prelude::*;
use podnet_lint::profile::CalicoEdition;
use podnet_lint::Profile;

/// Calico releases offered in the panel (`major.minor`).
const CALICO_VERSIONS: &[&str] = &["3.26", "3.27", "3.28", "3.29", "3.30", "3.31", "3.32"];

#[component]
pub fn ProfilePanel(
    open: RwSignal<bool>,
    profile: RwSignal<Profile>,
    inventory: RwSignal<String>,
) -> impl IntoView {
    let edit = move |f: &dyn Fn(&mut Profile)| profile.update(|p| f(p));
    view! {
        <section
            id="profile-panel"
            class="panel"
            aria-labelledby="profile-heading"
            hidden=move || !open.get()
        >
            <div class="panel-head">
                <h2 id="profile-heading">"Profile"</h2>
                <span class="hint">"Cluster settings the verdicts depend on. Saved in this browser."</span>
                <button
                    type="button"
                    id="profile-reset"
                    on:click=move |_| {
                        profile.set(Profile::default());
                        inventory.set(String::new());
                    }
                >
                    "Reset to defaults"
                </button>
                <button type="button" class="close" on:click=move |_| open.set(false)>
                    "Close"
                </button>
            </div>
            <div class="profile-grid">
                <fieldset>
                    <legend>"Objects"</legend>
                    <label for="profile-namespace">"Target namespace"</label>
                    <input
                        id="profile-namespace"
                        type="text"
                        spellcheck="false"
                        prop:value=move || profile.with(|p| p.namespace.clone())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let v = if v.trim().is_empty() { "default".to_string() } else { v.trim().to_string() };
                            edit(&|p| p.namespace = v.clone());
                        }
                    />
                </fieldset>
                <fieldset>
                    <legend>"Multus"</legend>
                    <div class="check">
                        <input
                            id="profile-isolation"
                            type="checkbox"
                            prop:checked=move || profile.with(|p| p.multus.namespace_isolation)
                            on:change=move |ev| {
                                let v = event_target_checked(&ev);
                                edit(&|p| p.multus.namespace_isolation = v);
                            }
                        />
                        <label for="profile-isolation">"Namespace isolation"</label>
                    </div>
                    <label for="profile-multus-namespace">"Multus namespace"</label>
                    <input
                        id="profile-multus-namespace"
                        type="text"
                        spellcheck="false"
                        prop:value=move || profile.with(|p| p.multus.multus_namespace.clone())
                        on:change=move |ev| {
                            let v = event_target_value(&ev).trim().to_string();
                            let v = if v.is_empty() { "kube-system".to_string() } else { v };
                            edit(&|p| p.multus.multus_namespace = v.clone());
                        }
                    />
                    <label for="profile-default-networks">"Default networks (count)"</label>
                    <input
                        id="profile-default-networks"
                        type="number"
                        min="0"
                        max="32"
                        prop:value=move || profile.with(|p| p.multus.default_networks.to_string())
                        on:change=move |ev| {
                            let v = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0).min(32);
                            edit(&|p| p.multus.default_networks = v);
                        }
                    />
                    <div class="check">
                        <input
                            id="profile-inventory-complete"
                            type="checkbox"
                            prop:checked=move || profile.with(|p| p.multus.inventory_complete)
                            on:change=move |ev| {
                                let v = event_target_checked(&ev);
                                edit(&|p| p.multus.inventory_complete = v);
                            }
                        />
                        <label for="profile-inventory-complete">
                            "The inventory lists every NetworkAttachmentDefinition"
                        </label>
                    </div>
                </fieldset>
                <fieldset>
                    <legend>"Calico"</legend>
                    <label for="profile-calico-edition">"Edition"</label>
                    <select
                        id="profile-calico-edition"
                        prop:value=move || {
                            profile
                                .with(|p| match p.calico.edition {
                                    CalicoEdition::Oss => "oss",
                                    CalicoEdition::Enterprise => "enterprise",
                                })
                        }
                        on:change=move |ev| {
                            let v = if event_target_value(&ev) == "enterprise" {
                                CalicoEdition::Enterprise
                            } else {
                                CalicoEdition::Oss
                            };
                            edit(&|p| p.calico.edition = v);
                        }
                    >
                        <option value="oss">"Calico Open Source"</option>
                        <option value="enterprise">"Calico Enterprise"</option>
                    </select>
                    <label for="profile-calico-version">"Version"</label>
                    <select
                        id="profile-calico-version"
                        prop:value=move || profile.with(|p| p.calico.version.clone())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            edit(&|p| p.calico.version = v.clone());
                        }
                    >
                        {CALICO_VERSIONS
                            .iter()
                            .map(|v| view! { <option value=*v>{*v}</option> })
                            .collect_view()}
                    </select>
                </fieldset>
                <fieldset class="inventory">
                    <legend>"Inventory"</legend>
                    <label for="profile-inventory">
                        "Paste the output of "
                        <code>"kubectl get net-attach-def,ippools -A -o yaml"</code>
                    </label>
                    <textarea
                        id="profile-inventory"
                        rows="8"
                        spellcheck="false"
                        autocomplete="off"
                        prop:value=move || inventory.get()
                        on:input=move |ev| inventory.set(event_target_value(&ev))
                    ></textarea>
                </fieldset>
            </div>
        </section>
    }
}
