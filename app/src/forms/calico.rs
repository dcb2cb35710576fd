//! The Calico section: addressing (pools or fixed addresses), the pool lists, address
//! families, floating IPs and the interface MAC.

use super::field::{Messages, TextField};
use super::Forms;
use leptos::prelude::*;
use podnet_lint::forms::calico::Addressing;
use podnet_lint::forms::{CalicoField, FieldError, FieldId};

#[component]
pub(super) fn CalicoSection() -> impl IntoView {
    let forms = expect_context::<Forms>();
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
            <Messages field=FieldId::Calico(None) />
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
                <Messages field=FieldId::Calico(Some(CalicoField::Addressing)) />
            </fieldset>
            <PoolList fam=4 />
            <PoolList fam=6 />
            <div class="fixed" hidden=move || mode() == Addressing::Pools>
                {[(4u8, "calico-fixed-v4", "Fixed IPv4"), (6u8, "calico-fixed-v6", "Fixed IPv6")]
                    .into_iter()
                    .map(|(fam, id, label)| {
                        view! {
                            <TextField
                                id
                                label
                                field=FieldId::Calico(Some(if fam == 4 { CalicoField::FixedV4 } else { CalicoField::FixedV6 }))
                                placeholder=if fam == 4 { "10.0.0.5" } else { "fd00::5" }
                                value=Signal::derive(move || c().fixed(fam))
                                on_change=move |v: String| {
                                    let m = mode();
                                    forms.edit(move |t| {
                                        let (v4, v6) = if fam == 4 { (v.clone(), t.calico.fixed(6)) } else { (t.calico.fixed(4), v.clone()) };
                                        t.calico.set_fixed(&v4, &v6, m)
                                    });
                                }
                            />
                        }
                    })
                    .collect_view()}
                <Messages field=FieldId::Calico(Some(CalicoField::Fixed)) />
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
                <Messages field=FieldId::Calico(Some(CalicoField::IpFamilies)) />
            </div>
            <TextField
                id="calico-floating"
                label="Floating IPs (comma-separated)"
                field=FieldId::Calico(Some(CalicoField::FloatingIps))
                value=Signal::derive(move || c().floating_ips.list().join(", "))
                disabled=Signal::derive(move || c().floating_ips.error.is_some())
                on_change=move |v: String| {
                    forms.changes(FieldId::Calico(Some(CalicoField::FloatingIps)), move |t| t.calico.set_floating(&v))
                }
            >
                <BrokenList short="floatingIPs" />
            </TextField>
            <TextField
                id="calico-mac"
                label="MAC of the Calico interface (hwAddr)"
                field=FieldId::Calico(Some(CalicoField::HwAddr))
                placeholder="02:00:00:00:00:01"
                value=Signal::derive(move || c().hw_addr.unwrap_or_default())
                on_change=move |v: String| {
                    forms.changes(FieldId::Calico(Some(CalicoField::HwAddr)), move |t| t.calico.set_hw_addr(&v))
                }
            />
            </div>
        </fieldset>
    }
}

/// A list annotation Calico cannot decode: shown as written, with the Go error.
#[component]
fn BrokenList(short: &'static str) -> impl IntoView {
    let forms = expect_context::<Forms>();
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
fn PoolList(fam: u8) -> impl IntoView {
    let forms = expect_context::<Forms>();
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
            <BrokenList short />
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
            <TextField
                id=input_id
                label=format!("Add an IPv{fam} pool (name or CIDR)")
                field
                layout="add-row"
                list=format!("pool-options-{fam}")
                disabled=Signal::derive(move || disabled().is_some() || broken())
                value=typed
                on_input=move |v| typed.set(v)
                on_enter=move |()| add()
            >
                <button
                    type="button"
                    id=format!("calico-{short}-add-button")
                    disabled=move || disabled().is_some() || broken()
                    on:click=move |_| add()
                >
                    "Add"
                </button>
            </TextField>
        </fieldset>
    }
}
