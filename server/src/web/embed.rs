//! The embeddable editor: `GET /embed` (the sample, or a private link's `#v1.` fragment) and
//! `GET /embed/s/{id}` (a short link), with the query options of
//! [`podnet_app::embed::EmbedOptions`]. `GET /embed-host.js` is the script of the embed page
//! (read-only, theme, and the height it reports to its parent page).
//!
//! Framing headers (CSP `frame-ancestors`) for these routes are set in
//! [`super::security_headers`].

use super::error::PageError;
use super::links::{self, Links};
use super::render;
use axum::extract::{Path, Query, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use leptos::prelude::LeptosOptions;
use podnet_app::embed::EmbedOptions;
use podnet_app::engine::Runner;
use podnet_app::{PageState, SAMPLE};
use std::sync::Arc;

fn options(query: &[(String, String)]) -> EmbedOptions {
    EmbedOptions::from_query(query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// `GET /embed`.
pub async fn page(
    State(opts): State<LeptosOptions>,
    State(engine): State<Runner>,
    Query(query): Query<Vec<(String, String)>>,
    req: Request,
) -> Result<Response, PageError> {
    let state = engine
        .run(|| PageState::checked(SAMPLE.to_string()))
        .await?;
    Ok(render(opts, state, Some(options(&query)), req).await)
}

/// `GET /embed/s/{id}`.
pub async fn page_link(
    State(opts): State<LeptosOptions>,
    State(engine): State<Runner>,
    State(links): State<Arc<Links>>,
    Path(id): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
    req: Request,
) -> Result<Response, PageError> {
    let state = links::page_state(&links, &engine, &id).await?;
    let embed = EmbedOptions {
        link: Some(format!("/s/{id}")),
        ..options(&query)
    };
    Ok(render(opts, state, Some(embed), req).await)
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
