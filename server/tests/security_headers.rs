//! Response headers against the real `podnet serve` binary.
//!
//! - Security: every kind of response (pages, the no-JS form post, short-link and embed
//!   pages, rule docs, static files, Monaco files, the JSON API, server functions, 404/405/415
//!   errors) carries the Content-Security-Policy, `X-Content-Type-Options: nosniff` and a
//!   `Referrer-Policy`; the CSP names a fresh nonce on each Leptos page and every inline
//!   script of that page carries it.
//! - Static files: the precompressed `.br`/`.gz` copies of a release build go out as they
//!   are (Content-Length, not compressed again); other files are compressed on the fly.

mod common;

use common::{request, temp_dir, Resp, Server};

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    cni.projectcalico.org/ipv4pools: \"default-ipv4-ippool\"\n";

/// The CSP's directives: name -> source list.
fn directives(csp: &str) -> Vec<(String, Vec<String>)> {
    csp.split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace().map(str::to_string);
            let name = words.next().expect("a directive name");
            (name, words.collect())
        })
        .collect()
}

fn directive<'a>(csp: &'a [(String, Vec<String>)], name: &str) -> &'a [String] {
    &csp.iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in the CSP {csp:?}"))
        .1
}

/// The opening tags of the inline scripts of `html` (no `src`, not JSON data).
fn inline_scripts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script") {
        let tag_end = rest[i..].find('>').map(|e| i + e + 1).unwrap_or(rest.len());
        let tag = &rest[i..tag_end];
        if !tag.contains(" src=") && !tag.contains("type=\"application/json\"") {
            out.push(tag.to_string());
        }
        rest = &rest[tag_end..];
    }
    out
}

/// What every response must carry. Returns the CSP nonce, if the CSP names one.
fn check(r: &Resp, what: &str, embed: Option<&str>, short_link: bool) -> Option<String> {
    let csp_text = r
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy ({:?})", r.headers));
    assert_eq!(
        r.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("content-security-policy"))
            .count(),
        1,
        "{what}: one CSP header"
    );
    let csp = directives(csp_text);
    let script = directive(&csp, "script-src");
    assert!(script.contains(&"'self'".to_string()), "{what}: {csp_text}");
    assert!(
        script.contains(&"'wasm-unsafe-eval'".to_string()),
        "{what}: {csp_text}"
    );
    for bad in [
        "'unsafe-inline'",
        "'unsafe-eval'",
        "*",
        "data:",
        "blob:",
        "'unsafe-hashes'",
    ] {
        assert!(
            !script.iter().any(|s| s == bad),
            "{what}: script-src allows {bad}: {csp_text}"
        );
    }
    assert_eq!(directive(&csp, "default-src"), ["'self'"], "{what}");
    assert_eq!(directive(&csp, "object-src"), ["'none'"], "{what}");
    assert_eq!(directive(&csp, "base-uri"), ["'none'"], "{what}");
    assert_eq!(directive(&csp, "worker-src"), ["'self'", "blob:"], "{what}");
    // Inline styles only where Monaco runs: the pages Leptos renders, which carry a nonce.
    let style = directive(&csp, "style-src");
    let leptos_page = script.iter().any(|s| s.starts_with("'nonce-"));
    let want_style: &[&str] = if leptos_page {
        &["'self'", "'unsafe-inline'"]
    } else {
        &["'self'"]
    };
    assert_eq!(style, want_style, "{what}: style-src");
    let frame_ancestors = directive(&csp, "frame-ancestors").join(" ");
    match embed {
        Some(allowed) => {
            assert_eq!(frame_ancestors, allowed, "{what}: frame-ancestors");
            assert_eq!(r.header("x-frame-options"), None, "{what}");
        }
        None => {
            assert_eq!(frame_ancestors, "'none'", "{what}: frame-ancestors");
            assert_eq!(r.header("x-frame-options"), Some("DENY"), "{what}");
        }
    }
    assert_eq!(
        r.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    let referrer = if short_link {
        "no-referrer"
    } else {
        "strict-origin-when-cross-origin"
    };
    assert_eq!(r.header("referrer-policy"), Some(referrer), "{what}");
    let nonces: Vec<&String> = script.iter().filter(|s| s.starts_with("'nonce-")).collect();
    assert!(nonces.len() <= 1, "{what}: {csp_text}");
    let nonce = nonces.first().map(|n| {
        n.trim_start_matches("'nonce-")
            .trim_end_matches('\'')
            .to_string()
    });
    // Every inline script of the body carries the nonce (and there is none without it).
    for tag in inline_scripts(&r.body) {
        let n = nonce
            .as_deref()
            .unwrap_or_else(|| panic!("{what}: inline {tag} but no nonce in the CSP"));
        assert!(
            tag.contains(&format!("nonce=\"{n}\"")),
            "{what}: inline script {tag} without the CSP nonce {n}"
        );
    }
    nonce
}

#[test]
fn every_response_carries_the_security_headers() {
    let dir = temp_dir("headers");
    let s = Server::start(&dir, &[("PODNET_FRAME_ANCESTORS", "https://docs.example")]);
    let a = s.addr.as_str();
    let get = |path: &str| request(a, "GET", path, &[], b"");
    let post =
        |path: &str, ct: &str, body: &[u8]| request(a, "POST", path, &[("Content-Type", ct)], body);

    // The editor: a nonce on its inline scripts, a different one on every response.
    let r = get("/");
    assert_eq!(r.status, 200);
    let n1 = check(&r, "GET /", None, false).expect("the page's CSP names a nonce");
    assert!(
        !inline_scripts(&r.body).is_empty(),
        "the hydration script is inline"
    );
    assert!(n1.len() >= 16, "nonce {n1}");
    let n2 = check(&get("/"), "GET / again", None, false).unwrap();
    assert_ne!(n1, n2, "a fresh nonce per response");
    assert_eq!(
        r.header("cache-control"),
        Some("no-store"),
        "a page with a nonce is not cached"
    );
    // ... and with compression (the CSP is added outside the compression layer).
    let r = request(a, "GET", "/", &[("Accept-Encoding", "br, gzip")], b"");
    assert_eq!(r.header("content-encoding"), Some("br"));
    check(&r, "GET / (br)", None, false).unwrap();

    // The no-JS form post.
    let r = post(
        "/",
        "application/x-www-form-urlencoded",
        b"action=validate&source=kind%3A+Pod%0A",
    );
    assert_eq!(r.status, 200);
    check(&r, "POST /", None, false).unwrap();

    // Short links and embeds.
    let r = post("/api/v1/links", "application/yaml", POD.as_bytes());
    assert_eq!(r.status, 201);
    check(&r, "POST /api/v1/links", None, false);
    let id = r
        .header("location")
        .unwrap()
        .trim_start_matches("/s/")
        .to_string();
    let r = get(&format!("/s/{id}"));
    assert_eq!(r.status, 200);
    check(&r, "GET /s/<id>", None, true).unwrap();
    let r = get("/s/AAAAAAAAAAAA");
    assert_eq!(r.status, 404);
    check(&r, "GET /s/<unknown>", None, true);
    let r = get("/embed?readonly=1&theme=dark");
    assert_eq!(r.status, 200);
    check(&r, "GET /embed", Some("https://docs.example"), false).unwrap();
    let r = get(&format!("/embed/s/{id}"));
    assert_eq!(r.status, 200);
    check(&r, "GET /embed/s/<id>", Some("https://docs.example"), true).unwrap();
    let r = get("/embed/s/AAAAAAAAAAAA");
    assert_eq!(r.status, 404);
    check(
        &r,
        "GET /embed/s/<unknown>",
        Some("https://docs.example"),
        true,
    );
    // The embed page's script is not a page: no framing.
    check(&get("/embed-host.js"), "GET /embed-host.js", None, false);

    // Rule docs: plain documents, no inline script, so no nonce.
    for path in ["/rules", "/rules?q=%3Cscript%3E", "/rules/CAL-A001"] {
        let r = get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(check(&r, path, None, false), None, "{path}");
    }
    let r = get("/rules/NOPE-1");
    assert_eq!(r.status, 404);
    check(&r, "GET /rules/<unknown>", None, false);

    // Static files, Monaco, 404s.
    for (path, status) in [
        ("/pkg/podnet.css", 200),
        ("/favicon.svg", 200),
        ("/editor.js", 200),
        ("/vendor/monaco/vs/loader.js", 200),
        ("/pkg/nope.js", 404),
        ("/vendor/monaco/nope.js", 404),
        ("/nope", 404),
        ("/healthz", 200),
    ] {
        let r = get(path);
        assert_eq!(r.status, status, "{path}");
        check(&r, path, None, false);
    }

    // The JSON API, server functions and their errors.
    let r = post("/api/v1/check", "application/yaml", POD.as_bytes());
    assert_eq!(r.status, 200);
    check(&r, "POST /api/v1/check", None, false);
    for (method, path, status) in [
        ("GET", "/api/v1/rules", 200),
        ("GET", "/api/v1/rules/CAL-A001", 200),
        ("GET", "/api/openapi.json", 200),
        ("GET", "/api/v1/links/AAAAAAAAAAAA", 404),
        ("GET", "/api/nope", 404),
        ("GET", "/api/v1/check", 405),
    ] {
        let r = request(a, method, path, &[], b"");
        assert_eq!(r.status, status, "{method} {path}");
        check(&r, &format!("{method} {path}"), None, false);
    }
    let r = post("/api/v1/check", "image/png", b"x");
    assert_eq!(r.status, 415);
    check(&r, "POST /api/v1/check (415)", None, false);
    let r = post(
        "/api/fn/check",
        "application/json",
        br#"{"source":"kind: Pod\n","profile":{},"inventory":""}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    check(&r, "POST /api/fn/check", None, false);
    let r = post("/api/fn/check", "application/json", b"{");
    assert!(r.status >= 400, "{}", r.status);
    check(&r, "POST /api/fn/check (bad body)", None, false);

    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn frame_ancestors_default_allows_any_embedder() {
    let dir = temp_dir("headers-default");
    let s = Server::start(&dir, &[]);
    let r = request(&s.addr, "GET", "/embed", &[], b"");
    check(&r, "GET /embed (default)", Some("*"), false).unwrap();
    let r = request(&s.addr, "GET", "/", &[], b"");
    check(&r, "GET / (default)", None, false).unwrap();
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn precompressed_static_files_go_out_as_they_are() {
    let dir = temp_dir("precompressed");
    // The copies a release build writes (their content is what the server must send).
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let js = "export function podnet() { return 'podnet'; }\n".repeat(40);
    std::fs::write(site.join("pkg/podnet.js"), &js).unwrap();
    std::fs::write(site.join("pkg/podnet.js.br"), b"BROTLI BYTES").unwrap();
    std::fs::write(site.join("pkg/podnet.js.gz"), b"GZIP BYTES").unwrap();
    std::fs::write(site.join("theme.js"), &js).unwrap();
    std::fs::write(site.join("theme.js.br"), b"THEME BROTLI").unwrap();
    let s = Server::start(&dir, &[]);
    let get = |path: &str, accept: &str| {
        let headers: &[(&str, &str)] = if accept.is_empty() {
            &[]
        } else {
            &[("Accept-Encoding", accept)]
        };
        request(&s.addr, "GET", path, headers, b"")
    };

    for (accept, encoding, body) in [
        ("br, gzip", "br", &b"BROTLI BYTES"[..]),
        ("gzip, deflate, br", "br", b"BROTLI BYTES"),
        ("gzip", "gzip", b"GZIP BYTES"),
    ] {
        let r = get("/pkg/podnet.js", accept);
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-encoding"), Some(encoding), "{accept}");
        assert_eq!(
            r.raw, body,
            "{accept}: the precompressed copy, not compressed again"
        );
        assert_eq!(
            r.header("content-length"),
            Some(&*body.len().to_string()),
            "{accept}"
        );
        assert_eq!(r.header("transfer-encoding"), None, "{accept}");
        assert!(
            r.header("vary").unwrap().contains("accept-encoding"),
            "{accept}"
        );
        assert_eq!(r.header("cache-control"), Some("no-cache"));
        assert!(r.header("content-type").unwrap().contains("javascript"));
        check(&r, "GET /pkg/podnet.js (precompressed)", None, false);
    }
    // Without Accept-Encoding: the file itself.
    let r = get("/pkg/podnet.js", "");
    assert_eq!(r.header("content-encoding"), None);
    assert_eq!(r.raw, js.as_bytes());
    // The site root too.
    let r = get("/theme.js", "br");
    assert_eq!(r.header("content-encoding"), Some("br"));
    assert_eq!(r.raw, b"THEME BROTLI");
    // A file without a copy is compressed on the fly.
    let r = get("/editor.js", "br");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), Some("br"));
    assert_eq!(r.header("transfer-encoding"), Some("chunked"));
    // Pages are compressed on the fly too.
    let r = get("/rules", "br");
    assert_eq!(r.header("content-encoding"), Some("br"));
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}
