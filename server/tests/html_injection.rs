//! Untrusted text never becomes markup, checked on the server-rendered HTML of every page
//! that shows user text, without a browser: the no-JavaScript post of `/` (validate and
//! fix), a short link `/s/<id>` and its embed `/embed/s/<id>` (stored with a profile full of
//! payloads), and the rule index's reflected query.
//!
//! The payloads (`tests/security/payloads.json`, manifests beside it, made by
//! `generate.py`) close every element they could sit in (`</textarea>`, `</title>`,
//! `</script>`, `</style>`, `</noscript>`, `-->`, `]]>`, quotes), carry `javascript:` and
//! `data:` URLs, U+2028/U+2029 and a NUL byte, and mark whatever they would create with
//! `pwn`. Each page is parsed with an HTML5 parser (html5ever, as browsers parse) and must
//! hold no element or attribute a payload spells, while the text shown equals the source.

mod common;

use common::{form, percent, request, temp_dir, Resp, Server};
use scraper::{ElementRef, Html, Selector};

const PAYLOADS_JSON: &str = include_str!("../../tests/security/payloads.json");
const MANIFEST: &str = include_str!("../../tests/security/payloads.yaml");
const MANIFEST_NUL: &str = include_str!("../../tests/security/payloads-nul.yaml");

struct Corpus {
    payloads: Vec<String>,
    profile: serde_json::Value,
}

fn corpus() -> Corpus {
    let v: serde_json::Value = serde_json::from_str(PAYLOADS_JSON).expect("payloads.json");
    Corpus {
        payloads: v["payloads"]
            .as_array()
            .expect("payloads")
            .iter()
            .map(|p| p.as_str().expect("a string").to_string())
            .collect(),
        profile: v["profile"].clone(),
    }
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let sel = Selector::parse(css).expect("selector");
    doc.select(&sel).collect()
}

/// Fails when the parsed page holds anything a payload made: an element or attribute marked
/// `pwn`, any inline event handler, a `javascript:` URL, a script or style with payload code.
fn assert_inert(doc: &Html, raw: &str, what: &str) {
    for el in select(doc, "*") {
        let e = el.value();
        for (name, value) in e.attrs() {
            let v = value.trim().to_ascii_lowercase();
            assert!(
                !name.contains("pwn") && !value.starts_with("pwn"),
                "{what}: injected attribute {name}={value:?} on <{}>",
                e.name()
            );
            assert!(
                !name.starts_with("on"),
                "{what}: inline handler {name}={value:?} on <{}>",
                e.name()
            );
            assert!(
                !(["href", "src", "action", "formaction", "xlink:href"].contains(&name)
                    && v.starts_with("javascript:")),
                "{what}: {name}={value:?}"
            );
        }
        let text: String = el.text().collect();
        match e.name() {
            "script" if e.attr("type") == Some("application/json") => {
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|err| panic!("{what}: JSON island does not parse: {err}"));
            }
            "script" => assert!(!text.contains("__pwn"), "{what}: payload script {text:?}"),
            "style" => assert!(!text.contains("display:none"), "{what}: payload style"),
            _ => {}
        }
    }
    for spelled in ["<h1 id=pwn", "<img src=x data-pwn", "<script>window.__pwn"] {
        assert!(!raw.contains(spelled), "{what}: raw HTML holds {spelled:?}");
    }
}

/// The editor page's text: the textarea (as the HTML parser reads it; a NUL becomes
/// U+FFFD there, as in every browser) and the hydration state must both be `source`.
fn assert_source_shown(doc: &Html, source: &str, what: &str) {
    let areas = select(doc, "textarea#source");
    assert_eq!(areas.len(), 1, "{what}: one textarea#source");
    let shown: String = areas[0].text().collect();
    assert_eq!(
        shown,
        source.replace('\0', "\u{FFFD}"),
        "{what}: the textarea shows the source"
    );
    let islands = select(doc, "script#podnet-state");
    assert_eq!(islands.len(), 1, "{what}: one state island");
    let state: serde_json::Value =
        serde_json::from_str(&islands[0].text().collect::<String>()).expect("state JSON");
    assert_eq!(
        state["source"], source,
        "{what}: the state holds the source"
    );
}

fn page(r: Resp, what: &str) -> (Html, String) {
    assert_eq!(r.status, 200, "{what}: {}", r.body);
    (Html::parse_document(&r.body), r.body)
}

fn no_js_post(addr: &str, source: &str, action: &str) -> Resp {
    request(
        addr,
        "POST",
        "/",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &form(&[("source", source), ("action", action)]),
    )
}

#[test]
fn no_js_post_shows_payloads_as_text() {
    let dir = temp_dir("inject-post");
    let server = Server::start(&dir, &[]);
    for (name, manifest) in [("payloads", MANIFEST), ("nul", MANIFEST_NUL)] {
        let what = format!("POST / validate ({name})");
        let (doc, raw) = page(no_js_post(&server.addr, manifest, "validate"), &what);
        assert_inert(&doc, &raw, &what);
        assert_source_shown(&doc, manifest, &what);
        // The findings list shows messages that quote the payloads, as text.
        assert!(
            !select(&doc, "#findings li").is_empty(),
            "{what}: findings listed"
        );

        let what = format!("POST / fix ({name})");
        let (doc, raw) = page(no_js_post(&server.addr, manifest, "fix"), &what);
        assert_inert(&doc, &raw, &what);
        let state: serde_json::Value = serde_json::from_str(
            &select(&doc, "script#podnet-state")[0]
                .text()
                .collect::<String>(),
        )
        .expect("state JSON");
        let fixed = state["source"].as_str().expect("fixed source").to_string();
        assert_source_shown(&doc, &fixed, &what);
    }
}

#[test]
fn short_links_and_embeds_show_payloads_as_text() {
    let c = corpus();
    let dir = temp_dir("inject-links");
    let server = Server::start(&dir, &[]);
    for (name, manifest) in [("payloads", MANIFEST), ("nul", MANIFEST_NUL)] {
        let body = serde_json::json!({"source": manifest, "profile": c.profile});
        let r = request(
            &server.addr,
            "POST",
            "/api/v1/links",
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        );
        assert_eq!(r.status, 201, "{}", r.body);
        let id = serde_json::from_str::<serde_json::Value>(&r.body).expect("link JSON")["id"]
            .as_str()
            .expect("id")
            .to_string();
        for path in [format!("/s/{id}"), format!("/embed/s/{id}")] {
            let what = format!("{path} ({name})");
            let (doc, raw) = page(request(&server.addr, "GET", &path, &[], b""), &what);
            assert_inert(&doc, &raw, &what);
            assert_source_shown(&doc, manifest, &what);
        }
    }
}

#[test]
fn rule_pages_reflect_queries_as_text() {
    let c = corpus();
    let dir = temp_dir("inject-rules");
    let server = Server::start(&dir, &[]);
    for p in &c.payloads {
        let what = format!("/rules?q={p:?}");
        let path = format!("/rules?q={}", percent(p));
        let (doc, raw) = page(request(&server.addr, "GET", &path, &[], b""), &what);
        assert_inert(&doc, &raw, &what);
        let input = select(&doc, "input#rule-search");
        assert_eq!(input.len(), 1, "{what}");
        // The parser turns a NUL in an attribute into U+FFFD too.
        assert_eq!(
            input[0].value().attr("value"),
            Some(p.replace('\0', "\u{FFFD}").as_str()),
            "{what}: the search box shows the query"
        );
        // An unknown rule id is a plain-text 404 that the browser never renders as HTML.
        let r = request(
            &server.addr,
            "GET",
            &format!("/rules/{}", percent(p)),
            &[],
            b"",
        );
        assert_eq!(r.status, 404, "{what}");
        assert!(
            r.header("content-type")
                .is_some_and(|t| t.starts_with("text/plain")),
            "{what}: {:?}",
            r.header("content-type")
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
}
