//! Hover content for annotation values: what the engine reads in a Multus networks
//! annotation (attachments with the interface names Multus assigns) and in a Calico pools
//! annotation (each entry with its address family). Computed on the server with the check;
//! the browser shows it when the pointer rests on the annotation (`public/editor.js`).

use crate::rules::checker::Checker;
use crate::Range;
use serde::{Deserialize, Serialize};

/// One hover: the source range it covers (the annotation's key and value) and Markdown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hover {
    pub range: Range,
    pub markdown: String,
}

/// Markdown-escape a table cell.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    if out.trim().is_empty() {
        "–".to_string()
    } else {
        out
    }
}

/// A Markdown code span holding `s` verbatim. Backslash escapes do not work inside code
/// spans, so [`cell`] cannot be used there: the fence is one backtick longer than the
/// longest run of backticks in `s`, and the spaces around `s` are stripped by the renderer.
fn code(s: &str) -> String {
    let s = s.replace(['\n', '\r'], " ");
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {s} {fence}")
}

/// The family of a CIDR or address text, if it is one.
fn family_of_cidr(s: &str) -> Option<&'static str> {
    let addr = s.split('/').next().unwrap_or(s).trim();
    match addr.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(_)) => Some("IPv4"),
        Ok(std::net::IpAddr::V6(_)) => Some("IPv6"),
        Err(_) => None,
    }
}

/// Why a pools value `text` (of the scalar `node`) is not JSON, if it is a syntax error.
fn pools_cause(cx: &Checker, node: usize, text: &str) -> Option<String> {
    let id = cx.yaml.resolve(node)?;
    let err = crate::gojson::parse(text).err()?;
    let cause = crate::syntax::jsoncause::explain(text, err.offset, &err.msg)?;
    Some(crate::ide::cause::located(cx, id, text, &cause))
}

/// Every hover of the checked text, from the checker the findings came from (see
/// [`crate::check_with`]), so the text is parsed once.
pub fn hovers(cx: &Checker) -> Vec<Hover> {
    use crate::multus;

    let yaml = cx.yaml;
    let profile = cx.profile;
    let model = cx.model;
    let index = &yaml.index;
    let mut out = Vec::new();

    for a in cx.annotations() {
        if a.key != multus::NETWORKS_KEY {
            continue;
        }
        let Some(vid) = yaml.resolve(a.value_node) else {
            continue;
        };
        let Some(value) = yaml.str_value(vid) else {
            continue;
        };
        let object = &model.objects[a.holder.object];
        let ns = object.effective_namespace.clone();
        let nets = cx.networks(vid, value, &ns);
        let default_networks = profile.multus.default_networks_for(&ns);
        let names = nets.interfaces(default_networks);
        // Nothing was read: say so and why, never "0 attachments".
        if let (true, Some(err)) = (nets.elements.is_empty(), &nets.error) {
            let mut md = format!(
                "**Multus networks** of {}: could not be read\n\nMultus rejects this value: {}\n",
                cell(&object.display()),
                cell(&err.message)
            );
            if let Some(why) = crate::ide::cause::networks_cause(cx, vid, value, err) {
                md.push_str(&format!("\n**Why:** {why}\n"));
            }
            out.push(Hover {
                range: index.range(yaml.node(a.key_node).start, yaml.node(vid).end),
                markdown: md,
            });
            continue;
        }
        let mut md = format!(
            "**Multus networks** of {} ({} attachment{}, {} form)\n\n",
            cell(&object.display()),
            nets.elements.len(),
            if nets.elements.len() == 1 { "" } else { "s" },
            match nets.format {
                multus::Format::Json => "JSON",
                _ => "short",
            }
        );
        if nets.elements.is_empty() {
            md.push_str("No attachment.\n");
        } else {
            md.push_str("| # | attachment | namespace | interface | IPs | MAC | default route |\n");
            md.push_str("|---|---|---|---|---|---|---|\n");
            for (i, e) in nets.elements.iter().enumerate() {
                let iface = match e.requested_interface() {
                    Some(p) => format!("{} (requested)", cell(&p.value)),
                    None => format!("{} (assigned by Multus)", cell(&names[i])),
                };
                let list = |v: &Option<multus::Part<Vec<multus::Part<String>>>>| match v {
                    Some(p) => p
                        .value
                        .iter()
                        .map(|x| cell(&x.value))
                        .collect::<Vec<_>>()
                        .join(", "),
                    None => "–".to_string(),
                };
                let mac = e
                    .mac
                    .as_ref()
                    .map(|p| cell(&p.value))
                    .unwrap_or_else(|| "–".into());
                md.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} | {} |\n",
                    i + 1,
                    cell(e.name_str()),
                    cell(e.resolved_namespace(&ns)),
                    iface,
                    list(&e.ips),
                    mac,
                    list(&e.default_route),
                ));
            }
        }
        if let Some(err) = &nets.error {
            md.push_str(&format!(
                "\nMultus rejects this value: {}\n",
                cell(&err.message)
            ));
        }
        if default_networks > 0 {
            md.push_str(&format!(
                "\nNumbering counts {default_networks} default network(s) from the profile.\n"
            ));
        }
        let start = yaml.node(a.key_node).start;
        let end = yaml.node(vid).end;
        out.push(Hover {
            range: index.range(start, end),
            markdown: md,
        });
    }

    let calico = cx.calico();
    for ann in &calico.anns {
        let want = match ann.short.as_str() {
            "ipv4pools" => "IPv4",
            "ipv6pools" => "IPv6",
            _ => continue,
        };
        let object = &model.objects[ann.holder.object];
        let mut md = format!(
            "**Calico {} pools** of {}\n\n",
            want,
            cell(&object.display())
        );
        match &ann.list {
            Some(items) => {
                md.push_str("| # | entry | family | pool |\n|---|---|---|---|\n");
                for (i, item) in items.iter().enumerate() {
                    let (family, pool) = match family_of_cidr(&item.value) {
                        Some(f) if item.value.contains('/') => {
                            let p = calico
                                .pools
                                .iter()
                                .find(|p| p.cidr_text() == item.value)
                                .map(|p| cell(p.display_name()))
                                .unwrap_or_else(|| "CIDR".into());
                            (f.to_string(), p)
                        }
                        Some(f) => (f.to_string(), "bare address (not a CIDR)".into()),
                        None => match calico.pool_by_name(&item.value) {
                            Some(p) => match p.cidr {
                                Some((ip, len)) => (
                                    if ip.is_ipv4() { "IPv4" } else { "IPv6" }.to_string(),
                                    format!(
                                        "IPPool {} ({}/{}){}",
                                        cell(p.display_name()),
                                        ip,
                                        len,
                                        if p.inventory { ", inventory" } else { "" }
                                    ),
                                ),
                                None => ("unknown".into(), "IPPool without a valid CIDR".into()),
                            },
                            None => (
                                "unknown".into(),
                                "pool name not in the input or inventory".into(),
                            ),
                        },
                    };
                    let flag = if family != "unknown" && family != want {
                        format!("**{family}** (wrong family here)")
                    } else {
                        family
                    };
                    md.push_str(&format!(
                        "| {} | {} | {} | {} |\n",
                        i + 1,
                        cell(&item.value),
                        flag,
                        pool
                    ));
                }
            }
            None => match ann.text.as_deref() {
                Some(t) if !t.trim().is_empty() && !ann.empty_list => {
                    md.push_str(&format!(
                        "Could not be read: Calico cannot read {} as a JSON array of strings; write it as `[\"pool-name\"]`.\n",
                        code(t)
                    ));
                    if let Some(why) = pools_cause(cx, ann.value_node, t) {
                        md.push_str(&format!("\n**Why:** {why}\n"));
                    }
                }
                _ => md.push_str("Empty: no pool restriction.\n"),
            },
        }
        let start = yaml.node(ann.key_node).start;
        let end = yaml.node(ann.value_node).end;
        out.push(Hover {
            range: index.range(start, end),
            markdown: md,
        });
    }
    crate::text::sort_by_offsets(&mut out, |h| (h.range.start.offset, 0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_hover_shows_assigned_interfaces() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    k8s.v1.cni.cncf.io/networks: '[{\"name\": \"a\", \"ips\": [\"10.1.1.1/24\"], \"mac\": \"02:00:00:00:00:01\"}, {\"name\": \"b\", \"namespace\": \"x\", \"interface\": \"ext0\"}]'\n";
        let h = crate::check_with(src, None, &Default::default(), hovers).1;
        assert_eq!(h.len(), 1);
        let md = &h[0].markdown;
        assert!(md.contains("net1 (assigned by Multus)"), "{md}");
        assert!(md.contains("ext0 (requested)"), "{md}");
        assert!(md.contains("10.1.1.1/24"), "{md}");
        assert!(md.contains("02:00:00:00:00:01"), "{md}");
        assert!(md.contains("| x |"), "{md}");
        assert_eq!(h[0].range.start.line, 6);
    }

    #[test]
    fn code_spans_keep_the_text_verbatim() {
        assert_eq!(code("a<b>_c"), "` a<b>_c `");
        assert_eq!(code("x`y``z"), "``` x`y``z ```");
        assert_eq!(code("`"), "`` ` ``");
        let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    cni.projectcalico.org/ipv4pools: \"<b>x</b>`\"\n";
        let h = crate::check_with(src, None, &Default::default(), hovers).1;
        assert!(
            h[0].markdown
                .contains("Calico cannot read `` <b>x</b>` `` as"),
            "{}",
            h[0].markdown
        );
    }

    #[test]
    fn unreadable_values_say_so_and_why() {
        let src = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    k8s.v1.cni.cncf.io/networks: '[{\"name\": \"macvlan-conf\"},]'\n    cni.projectcalico.org/ipv4pools: '[\u{201C}pool-a\u{201D}]'\n";
        let h = crate::check_with(src, None, &Default::default(), hovers).1;
        assert_eq!(h.len(), 2, "{h:?}");
        let md = &h[0].markdown;
        assert!(md.contains("could not be read"), "{md}");
        assert!(!md.contains("0 attachments"), "{md}");
        assert!(
            md.contains("invalid character '\\]' looking for beginning of value"),
            "{md}"
        );
        assert!(md.contains("**Why:** trailing comma at 6:60:"), "{md}");
        let md = &h[1].markdown;
        assert!(md.contains("Could not be read"), "{md}");
        assert!(md.contains("**Why:** typographic"), "{md}");
    }

    #[test]
    fn pools_hover_shows_families() {
        let src = include_str!("../../../app/examples/dual-stack-pools.yaml");
        let h = crate::check_with(src, None, &Default::default(), hovers).1;
        assert_eq!(h.len(), 2, "{h:?}");
        assert!(h[0].markdown.contains("pool-v4"), "{}", h[0].markdown);
        assert!(
            h[0].markdown.contains("**IPv6** (wrong family here)"),
            "{}",
            h[0].markdown
        );
        assert!(h[1].markdown.contains("| IPv6 |"), "{}", h[1].markdown);
    }
}
