//! `GET /api/openapi.json`: the OpenAPI 3 document of the HTTP API (`server/openapi.json`,
//! validated and exercised endpoint by endpoint by `tests/e2e/links-api.test.mjs`).

use axum::http::header;
use axum::response::{IntoResponse, Response};

pub const DOCUMENT: &str = include_str!("../../openapi.json");

pub async fn document() -> Response {
    let doc = DOCUMENT.replace(
        "\"version\": \"0.0.0\"",
        &format!("\"version\": \"{}\"", podnet_lint::VERSION),
    );
    ([(header::CONTENT_TYPE, "application/json")], doc).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn document_is_json_with_every_route() {
        let v: serde_json::Value = serde_json::from_str(super::DOCUMENT).unwrap();
        assert!(v["openapi"].as_str().unwrap().starts_with("3."));
        for path in [
            "/api/v1/check",
            "/api/v1/fix",
            "/api/v1/links",
            "/api/v1/links/{id}",
            "/api/v1/rules",
            "/api/v1/rules/{id}",
            "/api/v1/explain",
            "/healthz",
        ] {
            assert!(v["paths"][path].is_object(), "{path}");
        }
        for schema in ["ExplainInput", "ExplainMatch", "ExplainResult"] {
            assert!(v["components"]["schemas"][schema].is_object(), "{schema}");
        }
    }
}
