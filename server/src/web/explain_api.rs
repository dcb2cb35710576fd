//! `POST /api/v1/explain`: `{"text", "source"?, "profile"?, "inventory"?}` (or the error
//! text itself as a text body) → the JSON of `podnet explain --format json`: the ranked
//! matches and, with `source`, that manifest's findings with those explaining the error first.

use super::api::read_body;
use super::error::AppError;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::Json;
use podnet_app::engine::Runner;
use podnet_lint::ide::explain;
use podnet_lint::Profile;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExplainInput {
    text: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    profile: Option<Profile>,
    #[serde(default)]
    inventory: Option<String>,
}

pub async fn explain(
    State(engine): State<Runner>,
    req: Request,
) -> Result<Json<serde_json::Value>, AppError> {
    let ctype = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let json = match ctype.as_str() {
        "application/json" => true,
        "" => false,
        t if t.starts_with("text/") => false,
        t => {
            return Err(AppError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                format!(
                    "send application/json {{\"text\": ...}} or the error as text/plain, not {t}"
                ),
            ))
        }
    };
    let bytes = read_body(req).await?;
    let text = String::from_utf8(bytes).map_err(|e| {
        AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-utf8",
            format!(
                "the body is not valid UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    let input = if json {
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            AppError::new(
                StatusCode::BAD_REQUEST,
                "malformed-json",
                format!("malformed JSON: {e}"),
            )
        })?;
        serde_json::from_value::<ExplainInput>(value).map_err(|e| {
            AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-input",
                format!("expected {{\"text\": string, \"source\"?: string, \"profile\"?: object, \"inventory\"?: string}}: {e}"),
            )
        })?
    } else {
        ExplainInput {
            text,
            source: None,
            profile: None,
            inventory: None,
        }
    };
    let value = engine
        .run(move || {
            let ex = explain::explain(&input.text);
            let findings = input.source.as_deref().map(|source| {
                let profile = input.profile.unwrap_or_default();
                let report =
                    podnet_lint::check_with_inventory(source, input.inventory.as_deref(), &profile);
                explain::rank_findings(&ex, &report.diagnostics)
            });
            explain::json_value(&ex, findings.as_deref())
        })
        .await?;
    Ok(Json(value))
}

/// `GET /explain` (`?text=` and `?source=` optional): the page, with the answer when given.
pub async fn page_get(
    State(engine): State<Runner>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<axum::response::Response, super::error::PageError> {
    page(engine, q).await
}

/// `POST /explain`: the page's form without JavaScript.
pub async fn page_post(
    State(engine): State<Runner>,
    axum::extract::Form(q): axum::extract::Form<std::collections::HashMap<String, String>>,
) -> Result<axum::response::Response, super::error::PageError> {
    page(engine, q).await
}

async fn page(
    engine: Runner,
    q: std::collections::HashMap<String, String>,
) -> Result<axum::response::Response, super::error::PageError> {
    let text = q.get("text").cloned().unwrap_or_default();
    let source = q.get("source").cloned().unwrap_or_default();
    let html = engine
        .run(move || podnet_app::explain_page::explain_page(&text, &source))
        .await?;
    Ok(super::html(StatusCode::OK, html))
}
