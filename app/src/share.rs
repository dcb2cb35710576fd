//! Sharing: short links (stored by the server, `/s/<id>`), private links (the compressed,
//! versioned state in the URL fragment, `#v1.<base64url(deflate(JSON))>`, never sent to the
//! server) and the Share dialog (link, iframe snippet, "Copy as Markdown").
//!
//! Fragment versions: `v1.` = raw DEFLATE of `{"source": "...", "profile"?: {...}}`, base64url
//! without padding. A new format gets a new prefix; [`decode_fragment`] keeps decoding the old
//! ones.

use base64::Engine as _;
use leptos::prelude::*;
use podnet_lint::Diagnostic;
use serde::{Deserialize, Serialize};

/// The dialog's look (kept here, beside its markup).
const SHARE_CSS: &str = r#"
.share-dialog { width: min(40rem, 94vw); border: 1px solid var(--border); border-radius: 8px; padding: 1rem 1.25rem;
  background: var(--panel); color: var(--text); box-shadow: 0 12px 40px rgba(0,0,0,.25); }
.share-dialog::backdrop { background: rgba(0,0,0,.35); }
.share-dialog h2 { margin: 0 0 0.75rem; font-size: 1.2rem; }
.share-form label { display: block; margin-top: 0.75rem; font-weight: 600; font-size: 0.9rem; }
.share-modes { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.share-modes button[aria-pressed="true"] { outline: 2px solid var(--accent); font-weight: 600; }
.share-explain { margin: 0.5rem 0 0; font-size: 0.9rem; }
.share-row { display: flex; gap: 0.5rem; align-items: flex-start; margin-top: 0.25rem; }
.share-row input, .share-row textarea { flex: 1; min-width: 0; font: 13px/1.4 var(--mono); padding: 0.35rem 0.5rem;
  border: 1px solid var(--border); border-radius: 4px; background: var(--bg); color: var(--text); }
.share-row textarea { resize: vertical; }
.share-message { margin: 0.75rem 0 0; min-height: 1.5em; color: var(--muted); font-size: 0.9rem; }
.share-actions { display: flex; gap: 0.5rem; justify-content: flex-end; margin-top: 1rem; }
"#;

/// The state a private link carries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedState {
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<serde_json::Value>,
}

/// Decompressed states larger than this are refused (a decompression bomb guard).
const MAX_STATE: usize = 4 * 1024 * 1024;

/// `v1.<base64url(deflate(JSON))>` (without the `#`).
pub fn encode_fragment(state: &SharedState) -> String {
    let json = serde_json::to_vec(state).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!(
        "v1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

/// Decode a fragment made by any podnet version (with or without the leading `#`).
pub fn decode_fragment(fragment: &str) -> Result<SharedState, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some((version, data)) = fragment.split_once('.') else {
        return Err("not a podnet link".into());
    };
    match version {
        "v1" => {
            let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(data.trim_end_matches('='))
                .map_err(|e| format!("the link is damaged: {e}"))?;
            let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_STATE)
                .map_err(|_| "the link is damaged (cannot decompress it)".to_string())?;
            serde_json::from_slice(&json).map_err(|e| format!("the link is damaged: {e}"))
        }
        v if v.starts_with('v') && v[1..].bytes().all(|b| b.is_ascii_digit()) => Err(format!(
            "this link was made by a newer podnet (format {v}); open it there"
        )),
        _ => Err("not a podnet link".into()),
    }
}

/// The "Copy as Markdown" text: the manifest, the findings and the link.
pub fn markdown(source: &str, findings: &[Diagnostic], url: &str) -> String {
    let mut out = String::new();
    let fence = if source.contains("```") {
        "````"
    } else {
        "```"
    };
    out.push_str(&format!("{fence}yaml\n{}", source));
    if !source.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&format!("{fence}\n\n"));
    if findings.is_empty() {
        out.push_str(&format!("podnet {}: no findings.\n", podnet_lint::VERSION));
    } else {
        out.push_str(&format!("podnet {} findings:\n\n", podnet_lint::VERSION));
        for d in findings {
            out.push_str(&format!(
                "- **{}** {} (line {}, column {}): {}\n",
                d.rule,
                d.severity.as_str(),
                d.range.start.line,
                d.range.start.column,
                d.message.replace('\n', " ")
            ));
        }
    }
    out.push_str(&format!("\n[Open in podnet]({url})\n"));
    out
}

/// The iframe snippet for an embed URL, with the listener that fits the frame's height.
pub fn iframe_snippet(embed_url: &str, origin: &str) -> String {
    let attr = embed_url.replace('&', "&amp;").replace('"', "&quot;");
    format!(
        "<iframe class=\"podnet-embed\" src=\"{attr}\" title=\"podnet\" loading=\"lazy\" \
style=\"width:100%;height:420px;border:1px solid #ccc;border-radius:4px\"></iframe>\n\
<script>addEventListener(\"message\",function(e){{if(e.origin!==\"{origin}\"||!e.data||e.data.type!==\"podnet:resize\")return;\
document.querySelectorAll(\"iframe.podnet-embed\").forEach(function(f){{if(f.contentWindow===e.source)f.style.height=e.data.height+\"px\"}})}})</script>"
    )
}

#[cfg(feature = "hydrate")]
pub use browser::*;

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(inline_js = r#"
export function share_hash() { return window.location.hash || ''; }
export function share_origin() { return window.location.origin; }
export function share_get_value() {
  return window.podnetGlue ? window.podnetGlue.getValue() : ((document.getElementById('source') || {}).value || '');
}
export function share_set_source(text) {
  var t = document.getElementById('source');
  if (t) t.value = text;
}
export function share_on_click(id, cb) {
  var el = document.getElementById(id);
  if (!el) return false;
  el.addEventListener('click', function (e) { e.preventDefault(); cb(); });
  return true;
}
export function share_show(id) {
  var d = document.getElementById(id);
  if (d && !d.open) { if (d.showModal) d.showModal(); else d.setAttribute('open', ''); }
}
export function share_copy(text) {
  if (navigator.clipboard && navigator.clipboard.writeText) {
    return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return false; });
  }
  return Promise.resolve(false);
}
export async function share_post_link(body) {
  var res = await fetch('/api/v1/links', { method: 'POST', headers: { 'content-type': 'application/json' }, body: body });
  var json = null;
  try { json = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) throw new Error((json && json.error && json.error.message) || ('HTTP ' + res.status));
  return json.url;
}
export function share_on_hashchange(cb) { window.addEventListener('hashchange', function () { cb(); }); }
export function share_load_text(text) {
  var g = window.podnetGlue;
  if (g && g.useSharedStorage) g.useSharedStorage();
  if (g) g.replaceAll(text); else share_set_source(text);
}
export function share_set_href(id, url) {
  var a = document.getElementById(id);
  if (a) a.setAttribute('href', url);
}
"#)]
    extern "C" {
        pub fn share_hash() -> String;
        pub fn share_origin() -> String;
        pub fn share_get_value() -> String;
        pub fn share_set_source(text: &str);
        pub fn share_on_click(id: &str, cb: &Closure<dyn FnMut()>) -> bool;
        pub fn share_show(id: &str);
        pub fn share_copy(text: &str) -> js_sys::Promise;
        #[wasm_bindgen(catch)]
        pub async fn share_post_link(body: &str) -> Result<JsValue, JsValue>;
        pub fn share_set_href(id: &str, url: &str);
        pub fn share_on_hashchange(cb: &Closure<dyn FnMut()>);
        pub fn share_load_text(text: &str);
    }

    thread_local! {
        static PRIVATE: Cell<bool> = const { Cell::new(false) };
    }

    /// Whether the page was opened from a private link: then the text is checked in the
    /// browser and never sent to the server.
    pub fn private_mode() -> bool {
        PRIVATE.with(|p| p.get())
    }

    /// The local mode: check in the browser with the engine module, send nothing.
    pub fn set_private_mode(on: bool) {
        PRIVATE.with(|p| p.set(on));
    }

    /// If the URL fragment holds a private link, put its text in the editor (before Monaco
    /// mounts) and switch to private mode. `Err` with a message when it cannot be decoded.
    pub fn apply_fragment() -> Option<Result<super::SharedState, String>> {
        let hash = share_hash();
        if !hash.starts_with("#v") {
            return None;
        }
        let decoded = super::decode_fragment(&hash);
        if let Ok(state) = &decoded {
            share_set_source(&state.source);
            PRIVATE.with(|p| p.set(true));
        }
        Some(decoded)
    }

    pub fn copy(text: &str) {
        let _ = share_copy(text);
    }
}

/// What the page says when a `#v…` fragment cannot be decoded.
pub fn unreadable_link(reason: &str) -> String {
    format!("This link could not be read: {reason}. The editor shows the sample instead.")
}

/// The Share dialog. Opened by the toolbar button `#share-button`. Opening it stores
/// nothing: it shows a private link (made in the browser); only "Short link" uploads.
/// A damaged `#v…` link is reported in `status`; a new fragment in an open tab is loaded.
#[component]
pub fn ShareDialog(
    findings: RwSignal<Vec<Diagnostic>>,
    status: RwSignal<String>,
    /// The local mode checkbox follows private links opened later.
    local: RwSignal<bool>,
) -> impl IntoView {
    let link = RwSignal::new(String::new());
    let embed = RwSignal::new(String::new());
    let md = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    // "" (none yet), "private" or "short".
    let mode = RwSignal::new("");
    let _ = (findings, status, local);

    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::prelude::*;
        // The private link's text goes into the textarea now, before the editor mounts.
        let fragment = apply_fragment();
        // After hydration (a signal set now would not reach the server-rendered text).
        Effect::new(move |_| match &fragment {
            Some(Err(e)) => status.set(unreadable_link(e)),
            Some(Ok(_)) => local.set(true),
            None => {}
        });
        let fill = move |url: String, embed_url: String| {
            let origin = share_origin();
            let text = share_get_value();
            md.set(markdown(&text, &findings.get_untracked(), &url));
            embed.set(iframe_snippet(&embed_url, &origin));
            link.set(url);
        };
        let make_private = move || {
            let text = share_get_value();
            let frag = encode_fragment(&SharedState {
                source: text,
                profile: None,
            });
            let origin = share_origin();
            fill(
                format!("{origin}/#{frag}"),
                format!("{origin}/embed#{frag}"),
            );
            mode.set("private");
            message.set(
                "Private link: the text is in the link itself; nothing was sent to or stored on the server."
                    .into(),
            );
        };
        let make_short = move || {
            let text = share_get_value();
            if text.len() > 256 * 1024 {
                mode.set("short");
                link.set(String::new());
                embed.set(String::new());
                message.set(format!(
                    "The text is {} KiB; short links hold at most 256 KiB. Use a private link instead.",
                    text.len().div_ceil(1024)
                ));
                return;
            }
            mode.set("short");
            message.set("Uploading the text to this server to create the link…".into());
            let body = serde_json::json!({ "source": text }).to_string();
            leptos::task::spawn_local(async move {
                match share_post_link(&body).await {
                    Ok(url) => {
                        let path = url.as_string().unwrap_or_default();
                        let origin = share_origin();
                        let id = path.trim_start_matches("/s/").to_string();
                        fill(format!("{origin}{path}"), format!("{origin}/embed/s/{id}"));
                        message.set("Short link: the text is now stored on this server; anyone with the link can open it.".into());
                    }
                    Err(e) => message.set(format!(
                        "Could not create the link: {}",
                        e.as_string()
                            .or_else(|| js_sys::Error::from(e).message().as_string())
                            .unwrap_or_default()
                    )),
                }
            });
        };
        Effect::new(move |_| {
            // Opening the dialog uploads nothing: it starts with the private link.
            let open = Closure::<dyn FnMut()>::new(move || {
                share_show("share-dialog");
                make_private();
            });
            share_on_click("share-button", &open);
            open.forget();
            // A new `#v…` fragment in an open tab: load its text (one undoable edit).
            let on_hash = Closure::<dyn FnMut()>::new(move || {
                let hash = share_hash();
                if !hash.starts_with("#v") {
                    return;
                }
                match decode_fragment(&hash) {
                    Ok(state) => {
                        set_private_mode(true);
                        local.set(true);
                        share_load_text(&state.source);
                        status.set(
                            "Loaded the text of the new link (checked in this browser). Ctrl+Z restores the previous text."
                                .into(),
                        );
                    }
                    Err(e) => status.set(format!(
                        "This link could not be read: {e}. The editor keeps its text."
                    )),
                }
            });
            share_on_hashchange(&on_hash);
            on_hash.forget();
            for (id, f) in [
                ("share-short", Box::new(make_short) as Box<dyn Fn()>),
                ("share-private", Box::new(make_private)),
                (
                    "share-copy-link",
                    Box::new(move || {
                        copy(&link.get_untracked());
                        message.set("Link copied.".into());
                    }),
                ),
                (
                    "share-copy-embed",
                    Box::new(move || {
                        copy(&embed.get_untracked());
                        message.set("Embed snippet copied.".into());
                    }),
                ),
                (
                    "share-copy-markdown",
                    Box::new(move || {
                        copy(&md.get_untracked());
                        message.set("Markdown (manifest, findings, link) copied.".into());
                    }),
                ),
            ] {
                let cb = Closure::<dyn FnMut()>::new(f);
                share_on_click(id, &cb);
                cb.forget();
            }
        });
    }

    view! {
        <dialog id="share-dialog" class="share-dialog" aria-labelledby="share-title">
            <style>{SHARE_CSS}</style>
            <form method="dialog" class="share-form">
                <h2 id="share-title">"Share"</h2>
                <div class="share-modes" role="group" aria-label="Link kind">
                    <button
                        type="button"
                        id="share-private"
                        aria-pressed=move || if mode.get() == "private" { "true" } else { "false" }
                    >
                        "Private link (nothing is sent)"
                    </button>
                    <button
                        type="button"
                        id="share-short"
                        aria-pressed=move || if mode.get() == "short" { "true" } else { "false" }
                    >
                        "Short link (uploads the text)"
                    </button>
                </div>
                <p class="share-explain hint" id="share-explain">
                    "A private link keeps the text in the link itself; nothing is stored. "
                    "A short link uploads the text to this server and stores it; anyone with the link can read it."
                </p>
                <p id="share-message" class="share-message" role="status">{move || message.get()}</p>
                <label for="share-link">"Link"</label>
                <div class="share-row">
                    <input id="share-link" type="text" readonly prop:value=move || link.get() />
                    <button type="button" id="share-copy-link">"Copy link"</button>
                </div>
                <label for="share-embed">"Embed (iframe)"</label>
                <div class="share-row">
                    <textarea id="share-embed" rows="4" readonly prop:value=move || embed.get()></textarea>
                    <button type="button" id="share-copy-embed">"Copy snippet"</button>
                </div>
                <textarea id="share-markdown" hidden readonly prop:value=move || md.get()></textarea>
                <div class="share-actions">
                    <button type="button" id="share-copy-markdown">"Copy as Markdown"</button>
                    <button type="submit" id="share-close" value="close">"Close"</button>
                </div>
            </form>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_round_trip() {
        let s = SharedState {
            source: "apiVersion: v1\nkind: Pod # ünïcode\n".repeat(50),
            profile: None,
        };
        let frag = encode_fragment(&s);
        assert!(frag.starts_with("v1."));
        assert!(frag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'));
        assert_eq!(decode_fragment(&frag).unwrap(), s);
        assert_eq!(decode_fragment(&format!("#{frag}")).unwrap(), s);
    }

    /// A v1 link made by an earlier build must keep decoding (the format is frozen).
    #[test]
    fn v1_fixed_vector_decodes() {
        // deflate-raw of {"source":"kind: Pod\n"}, base64url without padding.
        let frag = "v1.q1Yqzi8tSk5VslLKzsxLsVIIyE-JyVOqBQA";
        assert_eq!(
            decode_fragment(frag).unwrap(),
            SharedState {
                source: "kind: Pod\n".into(),
                profile: None
            }
        );
    }

    #[test]
    fn bad_fragments_get_messages() {
        assert!(decode_fragment("v1.!!!").is_err());
        assert!(decode_fragment("v1.AAAA").is_err());
        assert!(decode_fragment("v9.xyz").unwrap_err().contains("newer"));
        assert!(decode_fragment("hello").is_err());
    }

    #[test]
    fn markdown_has_manifest_findings_and_link() {
        let md = markdown("kind: Pod\n", &[], "http://x/s/abc");
        assert!(md.starts_with("```yaml\nkind: Pod\n```\n"));
        assert!(md.contains("[Open in podnet](http://x/s/abc)"));
    }
}
