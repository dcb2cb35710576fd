//! The embeddable editor: `GET /embed` (the sample, or a private link's `#v1.` fragment) and
//! `GET /embed/s/{id}` (a short link), with the query options of
//! [`podnet_app::embed::EmbedOptions`]. `GET /embed-host.js` is the script of the embed page
//! (read-only, theme, and the height it reports to its parent page).
//!
//! Framing headers (CSP `frame-ancestors`) for these routes are set in
//! [`super::security_headers`].

use super::{links, render, Ctx};
use axum::extract::{Path, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use leptos::prelude::LeptosOptions;
use podnet_app::embed::EmbedOptions;
use podnet_app::{PageState, SAMPLE};
use std::sync::Arc;

fn options(req: &Request) -> EmbedOptions {
    let query = req.uri().query().unwrap_or("");
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    EmbedOptions::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// `GET /embed`.
pub async fn page(State(opts): State<LeptosOptions>, req: Request) -> Response {
    let embed = options(&req);
    let state = match tokio::task::spawn_blocking(|| PageState::checked(SAMPLE.to_string())).await {
        Ok(s) => s,
        Err(_) => return super::api::panic_response(Box::new("engine panicked")),
    };
    render(opts, state, Some(embed), req).await
}

/// `GET /embed/s/{id}`.
pub async fn page_link(
    State(opts): State<LeptosOptions>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let mut embed = options(&req);
    match links::page_state(&ctx, &id).await {
        Ok(state) => {
            embed.link = Some(format!("/s/{id}"));
            render(opts, state, Some(embed), req).await
        }
        Err(e) => e.into_html_response(),
    }
}

/// `GET /embed-host.js`.
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        include_str!("embed-host.js"),
    )
        .into_response()
}
