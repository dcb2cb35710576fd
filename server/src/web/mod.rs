//! `podnet serve`: the web app (Leptos SSR + hydration), the HTTP API and static files.
//!
//! Routes:
//! - `GET /`: the page; `POST /`: the same page after validating (or fixing) the posted
//!   form, for browsers without JavaScript.
//! - `POST /api/v1/check`, `POST /api/v1/fix`: the public JSON API ([`api`]).
//! - `POST /api/fn/*`: the Leptos server functions the page calls.
//! - `POST /api/v1/links`, `GET /api/v1/links/{id}`, `GET /s/{id}`: short links ([`links`],
//!   stored by [`storage`]); `GET /api/v1/rules[/{id}]`; `GET /api/openapi.json` ([`openapi`]).
//! - `GET /embed`, `GET /embed/s/{id}`: the embeddable editor ([`embed`]); only these routes
//!   may be framed (`--frame-ancestors`), every other page answers `frame-ancestors 'none'`.
//!   Every response carries a Content-Security-Policy and the other headers of
//!   [`security_headers`].
//! - `GET /rules` (`?q=` filters), `GET /rules/<ID>`: the rule docs, rendered from the
//!   engine's registry.
//! - `GET /healthz`: `ok`.
//! - `/pkg/*`, `/favicon.svg`, `/editor.js`: the site root (`LEPTOS_SITE_ROOT`, default
//!   `target/site`), with the precompressed `.br`/`.gz` copies of a release build;
//!   `/vendor/monaco/*`: the Monaco bundle `scripts/monaco-bundle.mjs` builds (editor core,
//!   the features the page uses, YAML, the editor worker; `PODNET_MONACO_DIR`, default
//!   `<site root>/vendor/monaco`), precompressed like the rest in a release build.

mod api;
mod embed;
mod error;
mod explain_api;
mod links;
mod openapi;
pub mod storage;

use axum::body::Body;
use axum::extract::rejection::FormRejection;
use axum::extract::{DefaultBodyLimit, FromRef, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use error::{AppError, PageError};
use leptos::prelude::*;
use leptos_axum::handle_server_fns;
use links::Links;
use podnet_app::engine::Runner;
use podnet_app::{shell, PageState, SAMPLE};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// Largest request body accepted (API, form post, server functions).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "PODNET_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: String,
    /// Database for shared links: a SQLite file path or `sqlite://PATH` (default
    /// `podnet.db` in the working directory), or `postgres://...`.
    #[arg(long, env = "DATABASE_URL")]
    pub database: Option<String>,
    /// Origins allowed to call the API from browsers (CORS), comma-separated; `*` for any.
    #[arg(long, env = "PODNET_CORS_ORIGINS", default_value = "*")]
    pub cors_origins: String,
    /// Who may frame the /embed pages: the CSP `frame-ancestors` source list.
    #[arg(long, env = "PODNET_FRAME_ANCESTORS", default_value = "*")]
    pub frame_ancestors: String,
    /// Links one client address may create per minute (0: unlimited).
    #[arg(long, env = "PODNET_LINK_RATE", default_value_t = 30)]
    pub link_rate: u32,
    /// Behind a load balancer: rate-limit by the last address in `X-Forwarded-For` (the one
    /// the balancer appended) instead of the connection's address.
    #[arg(long, env = "PODNET_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,
}

/// What the handlers share. Each handler extracts only the part it needs (`State<Runner>`,
/// `State<Arc<Links>>`, ...) through [`FromRef`].
#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    /// Every engine run of every route goes through it (the core limit and the time budget).
    pub engine: Runner,
    pub links: Arc<Links>,
    pub frame_ancestors: FrameAncestors,
}

/// Who may frame the `/embed*` pages (the CSP `frame-ancestors` source list).
#[derive(Clone)]
pub struct FrameAncestors(Arc<str>);

impl AppState {
    /// No database, any framer, the shared engine runner (what the unit tests use).
    pub fn new(leptos: LeptosOptions) -> AppState {
        AppState {
            leptos,
            engine: Runner::shared(),
            links: Arc::new(Links {
                store: None,
                limiter: links::RateLimiter::new(30),
                trust_forwarded_for: false,
            }),
            frame_ancestors: FrameAncestors("*".into()),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> LeptosOptions {
        s.leptos.clone()
    }
}

impl FromRef<AppState> for Runner {
    fn from_ref(s: &AppState) -> Runner {
        s.engine.clone()
    }
}

impl FromRef<AppState> for Arc<Links> {
    fn from_ref(s: &AppState) -> Arc<Links> {
        s.links.clone()
    }
}

impl FromRef<AppState> for FrameAncestors {
    fn from_ref(s: &AppState) -> FrameAncestors {
        s.frame_ancestors.clone()
    }
}

/// Longest an API request (including reading its body) may take.
const API_TIMEOUT: Duration = Duration::from_secs(30);

pub fn serve(args: ServeArgs) -> ExitCode {
    let addr: SocketAddr = match args.addr.parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("podnet serve: invalid --addr {:?}: {e}", args.addr);
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("podnet serve: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(run(addr, args))
}

async fn run(addr: SocketAddr, args: ServeArgs) -> ExitCode {
    let url = args
        .database
        .clone()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| storage::DEFAULT_DATABASE.to_string());
    let store = match storage::Store::open(&url).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("podnet serve: {e}");
            return ExitCode::from(2);
        }
    };
    eprintln!(
        "podnet serve: short links stored in {} ({})",
        store.kind(),
        redact(&url)
    );
    // Leptos spawns its rendering tasks on the global executor.
    let _ = any_spawner::Executor::init_tokio();
    let mut options = match get_configuration(None) {
        Ok(conf) => conf.leptos_options,
        Err(e) => {
            eprintln!("podnet serve: bad Leptos configuration: {e}");
            return ExitCode::from(2);
        }
    };
    options.site_addr = addr;
    let state = AppState {
        links: Arc::new(Links {
            store: Some(store),
            limiter: links::RateLimiter::new(args.link_rate),
            trust_forwarded_for: args.trust_forwarded_for,
        }),
        frame_ancestors: FrameAncestors(args.frame_ancestors.as_str().into()),
        ..AppState::new(options)
    };
    let app = router_with(state, &args.cors_origins);
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("podnet serve: cannot listen on {addr}: {e}");
            return ExitCode::from(2);
        }
    };
    eprintln!("podnet {} listening on http://{addr}", podnet_lint::VERSION);
    match axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("podnet serve: {e}");
            ExitCode::from(2)
        }
    }
}

/// The database URL without its password, for the log.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}://{user}@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// The whole application without a database (used by tests).
#[cfg(test)]
pub fn router(options: LeptosOptions) -> Router {
    router_with(AppState::new(options), "*")
}

fn cors(origins: &str) -> CorsLayer {
    let origins = origins.trim();
    let allow = if origins == "*" || origins.is_empty() {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .split(',')
                .filter_map(|o| header::HeaderValue::from_str(o.trim()).ok()),
        )
    };
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
        .allow_headers([header::CONTENT_TYPE])
        .expose_headers([header::LOCATION, header::RETRY_AFTER])
        .max_age(Duration::from_secs(3600))
}

/// The CSP nonce of a page rendered by Leptos: its inline scripts (the hydration bootstrap,
/// streamed resources) carry it. [`render`] puts it in the response's extensions and
/// [`security_headers`] moves it into the `Content-Security-Policy` header.
#[derive(Clone)]
struct CspNonce(String);

/// The `Content-Security-Policy` of every response.
///
/// - `script-src`: files from this origin, the inline scripts Leptos writes with the
///   per-response `nonce` (HTML pages only) and `'wasm-unsafe-eval'` to compile
///   `/pkg/podnet.wasm`. Nothing else inline: no `'unsafe-inline'`, no `'unsafe-eval'`.
/// - `style-src`: files from this origin. Only the pages Leptos renders (the editor, short
///   links, embeds: `nonce` is set) add `'unsafe-inline'`: Monaco injects `<style>` elements
///   without a nonce and writes `style` attributes through `innerHTML` (monaco-editor#271),
///   and the embed sets its height inline. The rule pages, error pages, the API and static
///   files need no inline style, so they allow none.
/// - `worker-src 'self' blob:`: Monaco's editor worker, a same-origin file
///   (`/vendor/monaco/editor.worker.js`); `blob:` for hosts that start it from a `blob:` URL.
/// - `img-src`/`font-src data:`: Monaco's CSS uses a few `data:` images and fonts.
/// - `frame-ancestors`: `'none'`, except the `/embed*` pages (`--frame-ancestors`).
fn content_security_policy(nonce: Option<&str>, frame_ancestors: &str) -> String {
    let inline_styles = if nonce.is_some() {
        " 'unsafe-inline'"
    } else {
        ""
    };
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; \
         style-src 'self'{inline_styles}; img-src 'self' data:; font-src 'self' data:; \
         connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors {frame_ancestors}"
    )
}

/// Headers on every response (pages, static files, the API, server functions, errors):
/// `Content-Security-Policy` (see [`content_security_policy`]), `X-Content-Type-Options:
/// nosniff`, `Referrer-Policy` (`no-referrer` on short-link pages, whose URL is the only key
/// to the snapshot) and, except on `/embed*`, `X-Frame-Options: DENY`.
async fn security_headers(
    State(FrameAncestors(frame_ancestors)): State<FrameAncestors>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path();
    let embed = path == "/embed" || path.starts_with("/embed/");
    let short_link = path.starts_with("/s/") || path.starts_with("/embed/s/");
    let mut res = next.run(req).await;
    let nonce = res.extensions_mut().remove::<CspNonce>();
    let nonce = nonce.as_ref().map(|n| n.0.as_str());
    let h = res.headers_mut();
    let framed_by = if embed { &*frame_ancestors } else { "'none'" };
    let csp = header::HeaderValue::from_str(&content_security_policy(nonce, framed_by))
        // An --frame-ancestors value that is no header value: refuse framing.
        .unwrap_or_else(|_| {
            header::HeaderValue::from_str(&content_security_policy(nonce, "'none'"))
                .expect("a valid header value")
        });
    h.insert(header::CONTENT_SECURITY_POLICY, csp);
    if !embed {
        h.insert(
            header::X_FRAME_OPTIONS,
            header::HeaderValue::from_static("DENY"),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static(if short_link {
            "no-referrer"
        } else {
            "strict-origin-when-cross-origin"
        }),
    );
    res
}

/// The whole application.
pub fn router_with(state: AppState, cors_origins: &str) -> Router {
    let site_root = state.leptos.site_root.to_string();
    let pkg_dir = format!("{site_root}/{}", state.leptos.site_pkg_dir);
    let monaco_dir =
        std::env::var("PODNET_MONACO_DIR").unwrap_or_else(|_| format!("{site_root}/vendor/monaco"));

    let api_routes = Router::new()
        .route("/api/v1/check", post(api::check))
        .route("/api/v1/fix", post(api::fix))
        .route("/api/v1/links", post(links::create))
        .route("/api/v1/links/{id}", get(links::get))
        .route("/api/v1/rules", get(api::rules))
        .route("/api/v1/rules/{id}", get(api::rule))
        .route("/api/v1/explain", post(explain_api::explain))
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/{*rest}", axum::routing::any(api_not_found))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            API_TIMEOUT,
        ))
        .layer(middleware::map_response(api::json_errors))
        .layer(cors(cors_origins));

    Router::new()
        .route("/", get(page_get).post(page_post))
        .route("/healthz", get(healthz))
        .route("/rules", get(rules_index))
        .route("/rules/", get(rules_index))
        .route("/rules/{id}", get(rule_page))
        .route(
            "/explain",
            get(explain_api::page_get).post(explain_api::page_post),
        )
        .route("/s/{id}", get(links::page))
        .route("/embed", get(embed::page))
        .route("/embed/s/{id}", get(embed::page_link))
        .route("/embed-host.js", get(embed::script))
        .merge(api_routes)
        .route(
            "/api/fn/{*name}",
            post(handle_server_fns).layer(RequestBodyLimitLayer::new(BODY_LIMIT)),
        )
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(cache_control("no-cache"))
                .layer(vary_accept_encoding())
                .service(static_dir(pkg_dir)),
        )
        .nest_service(
            "/vendor/monaco",
            // The bundle keeps its file names across builds: revalidate, like /pkg.
            tower::ServiceBuilder::new()
                .layer(cache_control("no-cache"))
                .layer(vary_accept_encoding())
                .service(static_dir(monaco_dir)),
        )
        .fallback_service(
            tower::ServiceBuilder::new()
                .layer(vary_accept_encoding())
                .service(static_dir(site_root).fallback(get(not_found))),
        )
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CompressionLayer::new())
        // Inside the security headers, so a panic's 500 gets them too.
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .with_state(state)
}

async fn api_not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        "no such API endpoint (see /api/openapi.json)",
    )
        .into_response()
}

/// `GET /healthz`: `ok` when the server (and its database) answers.
async fn healthz(State(links): State<Arc<Links>>) -> Response {
    match &links.store {
        Some(store) if !store.ping().await => {
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
        _ => "ok".into_response(),
    }
}

/// The site's static files. A release build (`scripts/build.sh --release`) puts brotli 11
/// and gzip -9 copies next to them (`podnet.wasm.br`, `.gz`); those go out as they are, with a
/// Content-Length, and the compression layer leaves them alone (it never compresses a response
/// that has a Content-Encoding). Files without a copy are compressed on the fly.
fn static_dir(dir: String) -> ServeDir {
    ServeDir::new(dir).precompressed_br().precompressed_gzip()
}

/// ServeDir does not say that its answer depends on Accept-Encoding (the compression layer
/// does, for what it compresses).
fn vary_accept_encoding() -> SetResponseHeaderLayer<header::HeaderValue> {
    SetResponseHeaderLayer::if_not_present(
        header::VARY,
        header::HeaderValue::from_static("accept-encoding"),
    )
}

fn cache_control(value: &'static str) -> SetResponseHeaderLayer<header::HeaderValue> {
    SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(value),
    )
}

async fn not_found() -> Response {
    PageError(AppError::new(
        StatusCode::NOT_FOUND,
        "not-found",
        "There is no page at this address.",
    ))
    .into_response()
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

async fn rules_index(Query(q): Query<std::collections::HashMap<String, String>>) -> Response {
    let query = q.get("q").map(String::as_str).unwrap_or("");
    html(StatusCode::OK, podnet_app::rules_pages::rules_index(query))
}

async fn rule_page(Path(id): Path<String>) -> Response {
    match podnet_app::rules_pages::rule_page(&id) {
        Some(page) => html(StatusCode::OK, page),
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("no rule {id:?}; see /rules\n"),
        )
            .into_response(),
    }
}

/// `GET /`: the page with the sample.
async fn page_get(
    State(options): State<LeptosOptions>,
    State(engine): State<Runner>,
    req: Request,
) -> Result<Response, PageError> {
    let state = engine
        .run(|| PageState::checked(SAMPLE.to_string()))
        .await?;
    Ok(render(options, state, None, req).await)
}

/// The form of the page without JavaScript.
#[derive(serde::Deserialize)]
struct PagePost {
    #[serde(default)]
    source: String,
    /// `validate` (the default) or `fix`.
    #[serde(default)]
    action: String,
}

/// `POST /`: the form post of the page without JavaScript, `source=...&action=validate|fix`.
async fn page_post(
    State(options): State<LeptosOptions>,
    State(engine): State<Runner>,
    parts: Parts,
    form: Result<Form<PagePost>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(PagePost { source, action }) = form.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload-too-large",
            "The text is larger than 2 MiB.",
        ),
        status => AppError::new(status, "bad-form", e.body_text()),
    })?;
    // Browsers send a textarea's line breaks as CRLF.
    let source = source.replace("\r\n", "\n");
    let state = engine
        .run(move || match action.as_str() {
            "fix" => PageState::fixed(source),
            _ => PageState::checked(source),
        })
        .await?;
    Ok(render(
        options,
        state,
        None,
        Request::from_parts(parts, Body::empty()),
    )
    .await)
}

async fn render(
    options: LeptosOptions,
    state: PageState,
    embed: Option<podnet_app::embed::EmbedOptions>,
    req: Request,
) -> Response {
    let context_options = options.clone();
    // Our own nonce (leptos_axum provides one too; ours, provided later, wins), so the
    // response's CSP header can name it.
    let nonce = leptos::nonce::Nonce::new();
    let context_nonce = nonce.clone();
    let handler = leptos_axum::render_app_to_stream_with_context(
        move || {
            provide_context(context_options.clone());
            provide_context(context_nonce.clone());
            provide_context(state.clone());
            if let Some(embed) = embed.clone() {
                provide_context(embed);
            }
        },
        move || shell(options.clone()),
    );
    let mut res = handler(req).await;
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    res.extensions_mut().insert(CspNonce(nonce.to_string()));
    res
}

#[cfg(test)]
mod tests {
    use super::router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use leptos::prelude::LeptosOptions;
    use tower::ServiceExt;

    async fn get(path: &str) -> (StatusCode, String) {
        let app = router(LeptosOptions::builder().output_name("podnet").build());
        let res = app
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    #[tokio::test]
    async fn every_rule_page_answers_200_with_its_examples() {
        let (status, index) = get("/rules").await;
        assert_eq!(status, StatusCode::OK);
        for rule in podnet_lint::rules::all() {
            assert!(index.contains(&format!("href=\"/rules/{}\"", rule.id)));
            let (status, html) = get(&format!("/rules/{}", rule.id)).await;
            assert_eq!(status, StatusCode::OK, "{}", rule.id);
            for heading in ["Example", "Use instead"] {
                let examples = rule.examples(heading);
                assert!(!examples.is_empty(), "{} has a {heading} example", rule.id);
                for ex in examples {
                    let escaped = podnet_app::html::text(&ex.source);
                    assert!(html.contains(&escaped), "{} {heading} example", rule.id);
                }
            }
        }
        let (status, _) = get("/rules/NOPE-1").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, html) = get("/rules?q=hwaddr").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("/rules/CAL-H001") && !html.contains("/rules/MUL-J16"));
    }

    /// Every route that checks runs the engine through the state's runner: with no slot
    /// free, each waits out the runner's budget and answers 503 instead of checking on its
    /// own (the page, the no-JS post, short links and the embed pages: snapshots are up to
    /// 256 KiB; the API). Server functions use the same runner ([`Runner::shared`]).
    #[tokio::test]
    async fn every_checking_route_goes_through_the_bounded_runner() {
        use super::{links, router_with, AppState, Links, Runner};
        use std::sync::Arc;
        use std::time::Duration;
        let _ = any_spawner::Executor::init_tokio();
        let dir = std::env::temp_dir().join(format!("podnet-runner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("links.db");
        let store = super::storage::Store::open(db.to_str().unwrap())
            .await
            .unwrap();
        let state = AppState {
            engine: Runner::new(0, Duration::from_millis(50)),
            links: Arc::new(Links {
                store: Some(store),
                limiter: links::RateLimiter::new(0),
                trust_forwarded_for: false,
            }),
            ..AppState::new(LeptosOptions::builder().output_name("podnet").build())
        };
        let app = router_with(state, "*");
        let send = |req: Request<Body>| {
            let app = app.clone();
            async move {
                let res = app.oneshot(req).await.unwrap();
                let status = res.status();
                let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
                    .await
                    .unwrap();
                (status, String::from_utf8_lossy(&bytes).into_owned())
            }
        };
        // Storing a link does not check: it works without a slot.
        let (status, body) = send(
            Request::post("/api/v1/links")
                .header("content-type", "text/plain")
                .body(Body::from("kind: Pod\n"))
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let id = serde_json::from_str::<serde_json::Value>(&body).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let form = || {
            Request::post("/")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("source=kind%3A+Pod%0D%0A&action=fix"))
                .unwrap()
        };
        let get = |path: String| Request::get(path).body(Body::empty()).unwrap();
        let api = || {
            Request::post("/api/v1/check")
                .header("content-type", "application/yaml")
                .body(Body::from("kind: Pod\n"))
                .unwrap()
        };
        for (what, req) in [
            ("GET /", get("/".into())),
            ("POST /", form()),
            ("GET /s/{id}", get(format!("/s/{id}"))),
            ("GET /embed", get("/embed?theme=dark".into())),
            ("GET /embed/s/{id}", get(format!("/embed/s/{id}"))),
            ("POST /api/v1/check", api()),
        ] {
            let (status, body) = send(req).await;
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{what}: {body}");
            assert!(body.contains("checking took too long"), "{what}: {body}");
        }
        // Page routes answer a small HTML page, the API its JSON error.
        let (_, body) = send(get(format!("/s/{id}"))).await;
        assert!(body.starts_with("<!DOCTYPE html>"), "{body}");
        let (_, body) = send(api()).await;
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["error"]["code"], "timeout");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
