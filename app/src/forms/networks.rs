//! The Multus networks section: one row per attachment, its "More fields", and the
//! "Add an attachment" row.

use super::field::{Messages, TextField};
use super::Forms;
use leptos::prelude::*;
use podnet_lint::forms::networks::{Bw, PortMap};
use podnet_lint::forms::{split_list, FieldError, FieldId, NetElement, NetField};

fn parse_int(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

#[component]
pub(super) fn NetworksSection() -> impl IntoView {
    let forms = expect_context::<Forms>();
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
            <Messages field=FieldId::Networks />
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
                        <AttachmentRow i count />
                    </For>
                </ol>
                <TextField
                    id="networks-add"
                    label="Add an attachment"
                    field=FieldId::NetworksAdd
                    layout="add-row"
                    list="nad-options".to_string()
                    placeholder="NetworkAttachmentDefinition, e.g. macvlan-conf or ns/name"
                    value=new_name
                    on_input=move |v| new_name.set(v)
                    on_enter=move |()| add()
                >
                    <button type="button" id="networks-add-button" on:click=move |_| add()>
                        "Add"
                    </button>
                </TextField>
            </Show>
        </fieldset>
    }
}

#[component]
fn AttachmentRow(
    i: usize,
    count: impl Fn() -> usize + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let forms = expect_context::<Forms>();
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
            <TextField
                id=id(f.as_str())
                label
                field=field(f)
                value=Signal::derive(move || get(&el()))
                on_change=move |v| set(Box::new(move |e| put(e, v)))
            />
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
            <Messages field=FieldId::Attachment(i) />
            <div class="attachment-grid">
                <TextField
                    id=id(NetField::Name.as_str())
                    label="Network (NAD name)"
                    field=field(NetField::Name)
                    list="nad-options".to_string()
                    value=Signal::derive(move || el().name)
                    on_change=move |v| set(Box::new(move |e| e.name = v))
                />
                {text_input(NetField::Namespace, "Namespace", |e| e.namespace.clone(), |e, v| e.namespace = v)}
                <TextField
                    id=id(NetField::Interface.as_str())
                    label="Interface"
                    field=field(NetField::Interface)
                    placeholder=Signal::derive(assigned)
                    value=Signal::derive(move || el().interface)
                    on_change=move |v| set(Box::new(move |e| e.interface = v))
                />
                {text_input(NetField::Ips, "IPs (with prefix)", |e| e.ips.join(", "), |e, v| e.ips = split_list(&v))}
                {text_input(NetField::Mac, "MAC", |e| e.mac.clone(), |e, v| e.mac = v)}
                {text_input(NetField::DefaultRoute, "Default route (gateway)", |e| e.default_route.join(", "), |e, v| e.default_route = split_list(&v))}
            </div>
            <details class="more">
                <summary>"More fields: port mappings, bandwidth, cni-args, InfiniBand GUID"</summary>
                <PortMappings i />
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
                    <Messages field=field(NetField::Bandwidth) />
                </fieldset>
                <TextField
                    id=id(NetField::CniArgs.as_str())
                    label="cni-args (JSON object)"
                    field=field(NetField::CniArgs)
                    rows=2
                    value=Signal::derive(move || el().cni_args)
                    on_change=move |v| set(Box::new(move |e| e.cni_args = v))
                />
                {text_input(NetField::InfinibandGuid, "InfiniBand GUID", |e| e.infiniband_guid.clone(), |e, v| e.infiniband_guid = v)}
            </details>
        </li>
    }
}

/// A change to the port mappings of one attachment.
type PortsEdit = Box<dyn FnOnce(&mut Vec<PortMap>) + Send>;

#[component]
fn PortMappings(i: usize) -> impl IntoView {
    let forms = expect_context::<Forms>();
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
    let set = move |f: PortsEdit| {
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
            <Messages field=FieldId::Net(i, NetField::PortMappings) />
        </fieldset>
    }
}
