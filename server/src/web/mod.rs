//! `podnet serve`: the web app (Leptos SSR + hydration), the HTTP API and static files.
//!
//! Routes:
//! - `GET /`: the page; `POST /`: the same page after validating (or fixing) the posted
//!   form, for browsers without JavaScript.
//! - `POST /api/v1/check`, `POST /api/v1/fix`: the public JSON API ([`api`]).
//! - `POST /api/fn/*`: the Leptos server functions the page calls.
//! - `GET /healthz`: `ok`.
//! - `/pkg/*`, `/favicon.svg`, `/editor.js`: the site root (`LEPTOS_SITE_ROOT`, default
//!   `target/site`); `/vendor/monaco/*`: Monaco's AMD build (`PODNET_MONACO_DIR`, default
//!   `node_modules/monaco-editor/min`).

mod api;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::handle_server_fns;
use podnet_app::{shell, PageState, SAMPLE};
use std::net::SocketAddr;
use std::process::ExitCode;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body accepted (API, form post, server functions).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "PODNET_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: String,
    /// Database URL for shared links (accepted; not used yet).
    #[arg(long, env = "DATABASE_URL")]
    pub database: Option<String>,
}

pub fn serve(args: ServeArgs) -> ExitCode {
    let addr: SocketAddr = match args.addr.parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("podnet serve: invalid --addr {:?}: {e}", args.addr);
            return ExitCode::from(2);
        }
    };
    let _ = args.database; // shared links land later
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
    runtime.block_on(run(addr))
}

async fn run(addr: SocketAddr) -> ExitCode {
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
    let app = router(options);
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("podnet serve: cannot listen on {addr}: {e}");
            return ExitCode::from(2);
        }
    };
    eprintln!("podnet {} listening on http://{addr}", podnet_lint::VERSION);
    match axum::serve(listener, app)
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

/// The whole application (also used by tests).
pub fn router(options: LeptosOptions) -> Router {
    let site_root = options.site_root.to_string();
    let pkg_dir = format!("{site_root}/{}", options.site_pkg_dir);
    let monaco_dir = std::env::var("PODNET_MONACO_DIR")
        .unwrap_or_else(|_| "node_modules/monaco-editor/min".to_string());

    Router::new()
        .route("/", get(page_get).post(page_post))
        .route("/healthz", get(|| async { "ok" }))
        .route("/api/v1/check", post(api::check))
        .route("/api/v1/fix", post(api::fix))
        .route(
            "/api/fn/{*name}",
            post(handle_server_fns).layer(RequestBodyLimitLayer::new(BODY_LIMIT)),
        )
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(cache_control("no-cache"))
                .service(ServeDir::new(pkg_dir)),
        )
        .nest_service(
            "/vendor/monaco",
            tower::ServiceBuilder::new()
                .layer(cache_control("public, max-age=86400"))
                .service(ServeDir::new(monaco_dir)),
        )
        .fallback_service(ServeDir::new(site_root).fallback(get(not_found)))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            header::HeaderValue::from_static("nosniff"),
        ))
        .layer(CatchPanicLayer::custom(api::panic_response))
        .with_state(options)
}

fn cache_control(value: &'static str) -> SetResponseHeaderLayer<header::HeaderValue> {
    SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(value),
    )
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found\n").into_response()
}

async fn page_get(State(options): State<LeptosOptions>, req: Request) -> Response {
    render(options, PageState::checked(SAMPLE.to_string()), req).await
}

/// The form post of the page without JavaScript: `source=...&action=validate|fix`.
async fn page_post(State(options): State<LeptosOptions>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return (
                StatusCode::PAYLOAD_TOO_LARGE,
                "The text is larger than 2 MiB.\n",
            )
                .into_response()
        }
    };
    let mut source = String::new();
    let mut action = String::new();
    for (key, value) in form_urlencoded::parse(&bytes) {
        match key.as_ref() {
            "source" => source = value.into_owned(),
            "action" => action = value.into_owned(),
            _ => {}
        }
    }
    // Browsers send a textarea's line breaks as CRLF.
    let source = source.replace("\r\n", "\n");
    let state = tokio::task::spawn_blocking(move || {
        if action == "fix" {
            PageState::fixed(source)
        } else {
            PageState::checked(source)
        }
    })
    .await;
    match state {
        Ok(state) => render(options, state, Request::from_parts(parts, Body::empty())).await,
        Err(_) => api::panic_response(Box::new("engine panicked")),
    }
}

async fn render(options: LeptosOptions, state: PageState, req: Request) -> Response {
    let context_options = options.clone();
    let handler = leptos_axum::render_app_to_stream_with_context(
        move || {
            provide_context(context_options.clone());
            provide_context(state.clone());
        },
        move || shell(options.clone()),
    );
    let mut res = handler(req).await;
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    res
}
