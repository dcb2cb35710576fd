//! The one way user text reaches HTML outside Leptos' own escaping.
//!
//! Leptos escapes text children and attribute values, except the children of the elements
//! the HTML parser reads as raw text or RCDATA (`<textarea>`, `<title>`, `<script>`,
//! `<style>`, `<noscript>`): those it writes verbatim (tachys' `ESCAPE_CHILDREN = false`),
//! and so does `inner_html`. Every place the server fills such an element, or writes HTML
//! by hand (the rule pages, error pages), with text a user can influence goes through a
//! function here:
//!
//! - [`text`]: text content and attribute values of hand-written HTML.
//! - [`rcdata`]: the children of a `<textarea>` (or `<title>`) rendered by Leptos.
//! - [`json_island`]: JSON inside `<script type="application/json">`.

use serde::Serialize;

/// Text content or a quoted attribute value: `&`, `<`, `>`, `"` and `'` escaped.
pub fn text(s: &str) -> String {
    html_escape::encode_quoted_attribute(s).into_owned()
}

/// The text children of a `<textarea>` as Leptos writes them (verbatim): `&`, `<` and `>`
/// escaped, so the text can neither close the element nor be read as a character
/// reference. The browser decodes the references, so the field holds the text itself.
///
/// Only the server writes these children; in the browser hydration keeps the server's text
/// node, so there the text stays as it is.
pub fn rcdata(s: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        html_escape::encode_text(s).into_owned()
    }
    #[cfg(not(feature = "ssr"))]
    {
        s.to_string()
    }
}

/// `value` as JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&`
/// as `\u003c`, `\u003e`, `\u0026` (no `</script>`, `<!--` or `-->` can form), and U+2028 /
/// U+2029 as `\u2028` / `\u2029` (line terminators to older JavaScript parsers). The result
/// parses back to the same value. `null` if `value` cannot be serialized.
pub fn json_island<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOADS: &[&str] = &[
        "</textarea><h1 id=injected>x</h1><script>alert(1)</script>",
        "</title><h1 id=injected>x</h1>",
        "</script><h1 id=injected>x</h1>",
        "</style><h1 id=injected>x</h1>",
        "</noscript><h1 id=injected>x</h1>",
        "--><h1 id=injected>x</h1><!--",
        "]]><h1 id=injected>x</h1>",
        "\"'><h1 id=injected>x</h1>",
        "</code></pre><h1 id=injected>x</h1>",
        "&lt;h1 id=injected&gt;",
        "&amp;&#60;&#x3c;",
        "javascript:alert(1)",
        "data:text/html,<h1 id=injected>x</h1>",
        "line\u{2028}sep\u{2029}end",
        "nul\0byte",
    ];

    #[test]
    fn text_escapes_markup_and_quotes() {
        for p in PAYLOADS {
            let e = text(p);
            assert!(!e.contains('<') && !e.contains('>'), "{e}");
            assert!(!e.contains('"') && !e.contains('\''), "{e}");
            // Every `&` starts a reference we wrote.
            assert_eq!(
                html_escape::decode_html_entities(&e),
                *p,
                "round trip of {p:?}"
            );
        }
        assert_eq!(text("a&b<c>\"'"), "a&amp;b&lt;c&gt;&quot;&#x27;");
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn rcdata_cannot_close_its_element() {
        for p in PAYLOADS {
            let e = rcdata(p);
            assert!(!e.contains('<'), "{e}");
            assert!(!e.to_lowercase().contains("</textarea"), "{e}");
            assert_eq!(html_escape::decode_html_entities(&e), *p);
        }
        // `&` is escaped too, so text that spells a reference stays that text.
        assert_eq!(rcdata("&lt;"), "&amp;lt;");
    }

    #[test]
    fn json_island_cannot_close_the_script_and_parses_back() {
        #[derive(Serialize)]
        struct S<'a> {
            source: &'a str,
        }
        for p in PAYLOADS {
            let e = json_island(&S { source: p });
            for bad in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
                assert!(!e.contains(bad), "{bad:?} in {e}");
            }
            let back: serde_json::Value = serde_json::from_str(&e).expect("valid JSON");
            assert_eq!(back["source"], *p);
        }
    }
}
