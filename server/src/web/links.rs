//! Short links: `POST /api/v1/links`, `GET /api/v1/links/{id}` and the page `GET /s/{id}`.
//!
//! A link stores a snapshot (source, profile, podnet version). Its id is derived from the
//! content ([`storage::snapshot_id`]), so the same snapshot always gets the same link and a
//! link can never change. Link creation is rate-limited per client address ([`RateLimiter`]).

use super::api::Input;
use super::error::{AppError, PageError};
use super::storage::{valid_id, Snapshot, Store};
use axum::extract::{ConnectInfo, FromRef, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use leptos::prelude::LeptosOptions;
use podnet_app::engine::Runner;
use podnet_app::PageState;
use podnet_lint::Profile;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Largest snapshot source accepted (bytes).
pub const SNAPSHOT_LIMIT: usize = 256 * 1024;

/// Longest a database operation may take before the request gets a 503.
const DB_TIMEOUT: Duration = Duration::from_secs(15);

/// The short links' part of the application state.
pub struct Links {
    /// `None`: the server has no database (tests), links answer 503.
    pub store: Option<Store>,
    pub limiter: RateLimiter,
    /// Rate-limit by the last `X-Forwarded-For` address (behind a load balancer).
    pub trust_forwarded_for: bool,
}

impl Links {
    fn store(&self) -> Result<&Store, AppError> {
        self.store.as_ref().ok_or_else(|| {
            AppError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "no-database",
                "short links are not available: the server has no database",
            )
        })
    }

    /// The address a client's link quota is counted for.
    fn client_ip(&self, parts: &Parts) -> IpAddr {
        if self.trust_forwarded_for {
            let last = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|a| a.trim().parse::<IpAddr>().ok())
                .next_back();
            if let Some(ip) = last {
                return ip;
            }
        }
        parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::from([127, 0, 0, 1]))
    }

    /// The snapshot `id`.
    async fn load(&self, id: &str) -> Result<Snapshot, AppError> {
        let store = self.store()?.clone();
        let not_found = || {
            AppError::new(
                StatusCode::NOT_FOUND,
                "link-not-found",
                format!("there is no shared link {id:?}"),
            )
        };
        if !valid_id(id) {
            return Err(not_found());
        }
        with_timeout(store.get(id)).await?.ok_or_else(not_found)
    }
}

/// Leave to create a link (an extractor, before the body is read): the server has a
/// database, and the client's address has a token left ([`RateLimiter`]); else 503 or 429.
pub struct LinkSlot(Store);

impl<S> FromRequestParts<S> for LinkSlot
where
    Arc<Links>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<LinkSlot, AppError> {
        let links = Arc::<Links>::from_ref(state);
        let store = links.store()?.clone();
        links.limiter.take(links.client_ip(parts)).map_err(|wait| {
            AppError::rate_limited(
                wait,
                format!("too many links created from this address; try again in {wait} s"),
            )
        })?;
        Ok(LinkSlot(store))
    }
}

/// A token bucket per client address: `burst` tokens, refilled at `per_minute`.
pub struct RateLimiter {
    per_minute: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute: per_minute as f64,
            burst: per_minute.max(1) as f64,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Take a token for `ip`; `Err(seconds to wait)` when none is left.
    pub fn take(&self, ip: IpAddr) -> Result<(), u64> {
        if self.per_minute <= 0.0 {
            return Ok(()); // 0 = unlimited
        }
        let now = Instant::now();
        let mut map = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            // Forget full buckets so the map cannot grow without bound.
            let (rate, burst) = (self.per_minute, self.burst);
            map.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * rate / 60.0 < burst
            });
        }
        let (tokens, at) = map.entry(ip).or_insert((self.burst, now));
        let refill = now.duration_since(*at).as_secs_f64() * self.per_minute / 60.0;
        *tokens = (*tokens + refill).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - *tokens) * 60.0 / self.per_minute;
            Err(wait.ceil().max(1.0) as u64)
        }
    }
}

fn db_error(e: impl std::fmt::Display) -> AppError {
    eprintln!("podnet serve: database error: {e}");
    AppError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "database-unavailable",
        "the link database is unavailable; try again shortly",
    )
}

async fn with_timeout<T, E: std::fmt::Display>(
    f: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, AppError> {
    match tokio::time::timeout(DB_TIMEOUT, f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(db_error(e)),
        Err(_) => Err(db_error("timed out")),
    }
}

/// `POST /api/v1/links`: store a snapshot; `201 {"id", "url": "/s/<id>"}`.
pub async fn create(LinkSlot(store): LinkSlot, input: Input) -> Result<Response, AppError> {
    if input.source.len() > SNAPSHOT_LIMIT {
        return Err(AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "snapshot-too-large",
            format!(
                "the text is {} KiB; shared links hold at most 256 KiB",
                input.source.len().div_ceil(1024)
            ),
        ));
    }
    let profile = match &input.profile {
        Some(p) => serde_json::to_value(p).unwrap_or(serde_json::Value::Null),
        None => serde_json::Value::Null,
    };
    let snap = Snapshot {
        source: input.source,
        profile,
        version: podnet_lint::VERSION.to_string(),
    };
    let id = with_timeout(store.put(&snap)).await?;
    let url = format!("/s/{id}");
    let mut res = (
        StatusCode::CREATED,
        Json(serde_json::json!({"id": id, "url": url})),
    )
        .into_response();
    if let Ok(v) = header::HeaderValue::from_str(&url) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

/// `GET /api/v1/links/{id}`: the stored snapshot.
pub async fn get(
    State(links): State<Arc<Links>>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, AppError> {
    let snap = links.load(&id).await?;
    Ok(Json(serde_json::json!({
        "id": id,
        "url": format!("/s/{id}"),
        "source": snap.source,
        "profile": snap.profile,
        "version": snap.version,
    })))
}

/// The page state for a snapshot: its text with findings from the current engine (through
/// the runner: snapshots are up to 256 KiB), and a note when it was saved with another
/// podnet version.
pub async fn page_state(links: &Links, engine: &Runner, id: &str) -> Result<PageState, AppError> {
    let snap = links.load(id).await?;
    let profile: Profile = serde_json::from_value(snap.profile).unwrap_or_default();
    let saved = snap.version;
    let source = snap.source;
    let state = engine
        .run(move || {
            let mut state = PageState::checked_with(source, &profile);
            if saved != podnet_lint::VERSION {
                state.notice = Some(format!(
                    "Saved with podnet {saved}; the findings are from podnet {}, so they may differ.",
                    podnet_lint::VERSION
                ));
            }
            state
        })
        .await?;
    Ok(state)
}

/// `GET /s/{id}`: the editor with the snapshot.
pub async fn page(
    State(options): State<LeptosOptions>,
    State(engine): State<Runner>,
    State(links): State<Arc<Links>>,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, PageError> {
    let state = page_state(&links, &engine, &id).await?;
    Ok(super::render(options, state, None, req).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_bucket_limits_per_address() {
        let rl = RateLimiter::new(3);
        let a = IpAddr::from([10, 0, 0, 1]);
        let b = IpAddr::from([10, 0, 0, 2]);
        assert!(rl.take(a).is_ok());
        assert!(rl.take(a).is_ok());
        assert!(rl.take(a).is_ok());
        assert!(rl.take(a).is_err());
        assert!(rl.take(b).is_ok());
        assert!(RateLimiter::new(0).take(a).is_ok());
    }
}
