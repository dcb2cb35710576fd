//! The public JSON API: `POST /api/v1/check` and `POST /api/v1/fix`.
//!
//! Input ([`Input`], an extractor): the YAML itself (no content type, `text/*`,
//! `application/yaml`, `application/x-yaml`) or JSON `{"source": "...", "profile": {...},
//! "inventory": "...", "unsafe": false}` (`application/json`). Errors are JSON
//! `{"error": {"status", "code", "message"}}` ([`AppError`]): 400 malformed JSON, 413 body
//! over 2 MiB, 415 other content types, 422 invalid UTF-8 or JSON of the wrong shape.

use super::error::AppError;
use super::BODY_LIMIT;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http_body_util::BodyExt;
use podnet_app::engine::Runner;
use podnet_lint::{Diagnostic, FixOutcome, Profile, Summary};
use serde::{Deserialize, Serialize};

/// Bodies over [`BODY_LIMIT`] are still read (and dropped) up to this size before the 413.
const DRAIN_LIMIT: usize = 16 * 1024 * 1024;

/// One request's input (the extractor of the API routes and of link creation).
#[derive(Debug, Deserialize)]
pub(super) struct Input {
    pub source: String,
    #[serde(default)]
    pub profile: Option<Profile>,
    #[serde(default)]
    pub inventory: Option<String>,
    /// `fix` only: also apply unsafe fixes.
    #[serde(default, rename = "unsafe")]
    pub include_unsafe: bool,
}

impl<S: Send + Sync> FromRequest<S> for Input {
    type Rejection = AppError;

    async fn from_request(req: Request, _state: &S) -> Result<Input, AppError> {
        let kind = BodyKind::of(req.headers())?;
        let bytes = read_body(req).await?;
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-utf8",
                format!(
                    "the body is not valid UTF-8 (first bad byte at offset {})",
                    e.valid_up_to()
                ),
            )
        })?;
        kind.decode(text)
    }
}

/// How the body carries the input.
enum BodyKind {
    Text,
    Json,
}

impl BodyKind {
    fn of(headers: &HeaderMap) -> Result<BodyKind, AppError> {
        let Some(value) = headers.get(header::CONTENT_TYPE) else {
            return Ok(BodyKind::Text);
        };
        let essence = value
            .to_str()
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence == "application/json" || essence.ends_with("+json") {
            Ok(BodyKind::Json)
        } else if essence.is_empty()
            || essence.starts_with("text/")
            || essence == "application/yaml"
            || essence == "application/x-yaml"
            || essence.ends_with("+yaml")
        {
            Ok(BodyKind::Text)
        } else {
            Err(AppError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                format!(
                    "content type {essence:?} is not supported: send the YAML as text (e.g. \
                     Content-Type: application/yaml) or JSON {{\"source\": \"...\"}} as application/json"
                ),
            ))
        }
    }

    fn decode(self, text: &str) -> Result<Input, AppError> {
        match self {
            BodyKind::Text => Ok(Input {
                source: text.to_string(),
                profile: None,
                inventory: None,
                include_unsafe: false,
            }),
            // Not JSON at all: 400; JSON of the wrong shape: 422.
            BodyKind::Json => serde_json::from_str(text).map_err(|e| match e.classify() {
                serde_json::error::Category::Data => AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid-input",
                    format!("expected {{\"source\": string, \"profile\"?: object, \"inventory\"?: string}}: {e}"),
                ),
                _ => AppError::new(
                    StatusCode::BAD_REQUEST,
                    "malformed-json",
                    format!("malformed JSON: {e}"),
                ),
            }),
        }
    }
}

/// The body, at most [`BODY_LIMIT`] bytes. A larger one is still read (and dropped) up to
/// [`DRAIN_LIMIT`], so the client gets the 413 instead of a broken pipe while it is still
/// sending.
pub(super) async fn read_body(req: Request) -> Result<Vec<u8>, AppError> {
    let too_large = || {
        AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload-too-large",
            format!("the request body is larger than {BODY_LIMIT} bytes"),
        )
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAIN_LIMIT as u64) {
        return Err(too_large());
    }
    let mut over = declared.is_some_and(|n| n > BODY_LIMIT as u64);
    let mut bytes: Vec<u8> = Vec::new();
    let mut total = 0usize;
    let mut body = req.into_body();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            AppError::new(
                StatusCode::BAD_REQUEST,
                "unreadable-body",
                format!("cannot read the request body: {e}"),
            )
        })?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total += data.len();
        if total > DRAIN_LIMIT {
            return Err(too_large());
        }
        over = over || total > BODY_LIMIT;
        if over {
            bytes = Vec::new();
        } else {
            bytes.extend_from_slice(&data);
        }
    }
    if over {
        return Err(too_large());
    }
    Ok(bytes)
}

#[derive(Serialize)]
pub(super) struct CheckResponse {
    version: u32,
    files: Vec<FileReport>,
    summary: Summary,
    fixed: String,
}

#[derive(Serialize)]
struct FileReport {
    path: &'static str,
    diagnostics: Vec<Diagnostic>,
}

impl Input {
    /// The findings (the JSON output contract, one file named `input`) and `fixed`.
    fn check(self) -> CheckResponse {
        let profile = self.profile.unwrap_or_default();
        let inventory = self.inventory.as_deref();
        let report = podnet_lint::check_with_inventory(&self.source, inventory, &profile);
        let fixed = podnet_lint::fix_from(
            &self.source,
            report.diagnostics.clone(),
            inventory,
            &profile,
            false,
        )
        .fixed;
        CheckResponse {
            version: 1,
            summary: report.summary(),
            files: vec![FileReport {
                path: "input",
                diagnostics: report.diagnostics,
            }],
            fixed,
        }
    }

    fn fix(self) -> FixOutcome {
        let profile = self.profile.unwrap_or_default();
        podnet_lint::fix(
            &self.source,
            self.inventory.as_deref(),
            &profile,
            self.include_unsafe,
        )
    }
}

/// `POST /api/v1/check`: the findings (JSON output contract, one file named `input`) plus
/// `fixed`, the source with all safe fixes applied.
pub async fn check(
    State(engine): State<Runner>,
    input: Input,
) -> Result<Json<CheckResponse>, AppError> {
    Ok(Json(engine.run(move || input.check()).await?))
}

/// `POST /api/v1/fix`: `{"fixed", "applied", "remaining"}`.
pub async fn fix(State(engine): State<Runner>, input: Input) -> Result<Json<FixOutcome>, AppError> {
    Ok(Json(engine.run(move || input.fix()).await?))
}

fn rule_json(r: &podnet_lint::rules::Rule, docs: bool) -> serde_json::Value {
    let mut v = serde_json::json!({
        "id": r.id, "name": r.name, "severity": r.severity, "fix": r.fix,
        "aliases": r.aliases, "summary": r.summary(),
    });
    if docs {
        v["docs"] = serde_json::Value::String(r.docs().to_string());
    }
    v
}

/// `GET /api/v1/rules`: every rule (without the full docs).
pub async fn rules() -> Json<serde_json::Value> {
    let all: Vec<_> = podnet_lint::rules::all()
        .iter()
        .map(|r| rule_json(r, false))
        .collect();
    Json(serde_json::json!({ "rules": all }))
}

/// `GET /api/v1/rules/{id}`: one rule with its documentation (aliases accepted).
pub async fn rule(Path(id): Path<String>) -> Result<Json<serde_json::Value>, AppError> {
    match podnet_lint::rules::find(&id) {
        Some(r) => Ok(Json(rule_json(r, true))),
        None => Err(AppError::new(
            StatusCode::NOT_FOUND,
            "unknown-rule",
            format!("there is no rule {id:?} (GET /api/v1/rules lists them)"),
        )),
    }
}

/// For API routes: turn error responses that are not JSON (unknown path, wrong method,
/// timeout, rejected body) into the JSON error shape.
pub async fn json_errors(res: Response) -> Response {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return res;
    }
    let (parts, body) = res.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&text).trim().to_string();
    let (code, default) = match status {
        StatusCode::NOT_FOUND => ("not-found", "no such API endpoint"),
        StatusCode::METHOD_NOT_ALLOWED => ("method-not-allowed", "this method is not allowed here"),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "the request took too long"),
        StatusCode::PAYLOAD_TOO_LARGE => ("payload-too-large", "the request body is too large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            ("unsupported-media-type", "unsupported content type")
        }
        s if s.is_server_error() => ("internal-error", super::error::INTERNAL_MESSAGE),
        _ => ("bad-request", "bad request"),
    };
    let message = if text.is_empty() {
        default.to_string()
    } else {
        text
    };
    let mut out = AppError::new(status, code, message).into_response();
    for (k, v) in parts.headers.iter() {
        if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
            out.headers_mut().insert(k.clone(), v.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::web::router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use leptos::prelude::LeptosOptions;
    use tower::ServiceExt;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n";

    async fn post(
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> (StatusCode, serde_json::Value) {
        let app = router(LeptosOptions::builder().output_name("podnet").build());
        let mut req = Request::post(path);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        let res = app
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
        (status, json)
    }

    #[tokio::test]
    async fn check_yaml_body_answers_the_contract() {
        let (status, json) = post("/api/v1/check", Some("application/yaml"), POD.into()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(json["version"], 1);
        assert_eq!(json["files"][0]["path"], "input");
        assert!(json["files"][0]["diagnostics"].is_array());
        assert!(json["summary"]["errors"].is_number());
        assert_eq!(json["fixed"], POD);
    }

    #[tokio::test]
    async fn check_accepts_json_and_no_content_type() {
        let body = serde_json::json!({"source": POD, "profile": {"namespace": "x"}}).to_string();
        let (status, _) = post(
            "/api/v1/check",
            Some("application/json; charset=utf-8"),
            body.into(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = post("/api/v1/check", None, POD.into()).await;
        assert_eq!(status, StatusCode::OK);
    }

    #[tokio::test]
    async fn fix_answers_fixed_applied_remaining() {
        let body = serde_json::json!({"source": POD}).to_string();
        let (status, json) = post("/api/v1/fix", Some("application/json"), body.into()).await;
        assert_eq!(status, StatusCode::OK);
        assert!(json["fixed"].is_string());
        assert!(json["applied"].is_array());
        assert!(json["remaining"].is_array());
    }

    #[tokio::test]
    async fn bad_input_gets_json_errors() {
        let cases: Vec<(Option<&str>, Vec<u8>, StatusCode)> = vec![
            (
                Some("application/json"),
                b"{\"source\": ".to_vec(),
                StatusCode::BAD_REQUEST,
            ),
            (
                Some("application/json"),
                b"{\"src\": 1}".to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                Some("application/json"),
                br#"{"source": "a", "profile": {"nope": 1}}"#.to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                Some("image/png"),
                b"x".to_vec(),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            (
                Some("text/plain"),
                vec![b'a', b':', b' ', 0xff, b'\n'],
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                Some("text/plain"),
                vec![b'a'; super::BODY_LIMIT + 1],
                StatusCode::PAYLOAD_TOO_LARGE,
            ),
        ];
        for (ct, body, want) in cases {
            for path in ["/api/v1/check", "/api/v1/fix"] {
                let (status, json) = post(path, ct, body.clone()).await;
                assert_eq!(status, want, "{path} {ct:?}");
                assert_eq!(
                    json["error"]["status"],
                    want.as_u16(),
                    "{path} {ct:?}: {json}"
                );
                assert!(json["error"]["message"].is_string());
            }
        }
    }

    #[tokio::test]
    async fn healthz_and_form_post() {
        let app = router(LeptosOptions::builder().output_name("podnet").build());
        let res = app
            .clone()
            .oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let _ = any_spawner::Executor::init_tokio();
        let res = app
            .oneshot(
                Request::post("/")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from("source=kind%3A+Pod%0D%0A&action=validate"))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let html = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        let html = String::from_utf8(html.to_vec()).unwrap();
        assert!(html.contains("<textarea"), "{html}");
        assert!(
            html.contains("kind: Pod\n</textarea>"),
            "CRLF normalised: {html}"
        );
    }
}
