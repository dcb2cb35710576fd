//! The one error type of the server's routes. [`AppError`] renders itself as JSON
//! `{"error": {"status", "code", "message"}}` (the API); on page routes (`/`, `/s/{id}`,
//! `/embed*`) handlers return [`PageError`], the same error rendered as a small escaped HTML
//! page. `?` turns one into the other.

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use podnet_app::engine::EngineError;

/// The one wording of an internal error (a bug).
pub const INTERNAL_MESSAGE: &str =
    "podnet hit an internal error (a bug); please report the input that caused it";

/// An error with its HTTP status, a stable machine-readable `code` and a message for people.
#[derive(Debug)]
pub struct AppError {
    status: StatusCode,
    code: &'static str,
    message: String,
    /// Seconds to wait before trying again (`Retry-After`), for 429.
    retry_after: Option<u64>,
}

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> AppError {
        AppError {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// Too many requests from one client: try again in `seconds`.
    pub fn rate_limited(seconds: u64, message: impl Into<String>) -> AppError {
        AppError {
            retry_after: Some(seconds),
            ..AppError::new(StatusCode::TOO_MANY_REQUESTS, "rate-limited", message)
        }
    }

    /// A bug: the engine panicked, a task died. The one wording of the internal error.
    pub fn internal() -> AppError {
        AppError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal-error",
            INTERNAL_MESSAGE,
        )
    }
}

impl From<EngineError> for AppError {
    fn from(e: EngineError) -> AppError {
        match e {
            EngineError::Panicked => AppError::internal(),
            EngineError::Timeout => AppError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                "checking took too long; try a smaller input",
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": {"status": self.status.as_u16(), "code": self.code, "message": self.message}
        });
        let mut res = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
        }
        res
    }
}

/// An [`AppError`] on a page route: rendered as a small HTML page with the message escaped.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(e: AppError) -> PageError {
        PageError(e)
    }
}

impl From<EngineError> for PageError {
    fn from(e: EngineError) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let PageError(e) = self;
        let html = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta name=\"color-scheme\" content=\"light dark\"><title>podnet: {status}</title>\
             <script src=\"/theme.js\"></script><link rel=\"stylesheet\" href=\"/pkg/podnet.css\"></head>\
             <body class=\"doc-page error-page\"><main id=\"content\"><p class=\"brand\"><a href=\"/\">podnet</a></p>\
             <h1>{status}</h1><p id=\"error\">{msg}</p><p><a href=\"/\">Open the podnet editor</a> · <a href=\"/rules\">Rules</a></p></main></body></html>",
            status = e.status,
            msg = podnet_app::html::text(&e.message),
        );
        (
            e.status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response()
    }
}

/// For `CatchPanicLayer`: the internal error instead of a dropped connection.
pub fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    AppError::internal().into_response()
}
