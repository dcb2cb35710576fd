//! Durable storage of shared snapshots: SQLite (default; a file in the working directory,
//! write-ahead log, `synchronous=FULL`) or PostgreSQL (`postgres://...`), for several server
//! replicas behind a load balancer. Schema migrations run at start-up.
//!
//! A snapshot's id is derived from its content ([`snapshot_id`]), so storing is idempotent:
//! `INSERT ... ON CONFLICT DO NOTHING`, then read the row back. The insert is committed (and,
//! for SQLite, synced to disk) before the caller answers.

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Row};
use std::str::FromStr;
use std::time::Duration;

/// Default database: a SQLite file in the working directory.
pub const DEFAULT_DATABASE: &str = "sqlite://podnet.db";

/// Length of a link id (base64url characters).
pub const ID_LEN: usize = 12;

/// One stored snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub source: String,
    /// The profile as JSON (`null` when the default was used).
    pub profile: serde_json::Value,
    /// The podnet version the snapshot was saved with.
    pub version: String,
}

/// The link id of a snapshot: base64url of the SHA-256 of a canonical serialization,
/// truncated to [`ID_LEN`] characters (72 bits).
pub fn snapshot_id(s: &Snapshot) -> String {
    let mut h = Sha256::new();
    // Length-prefixed fields: no two different snapshots serialize the same.
    for field in [
        s.source.as_str(),
        &canonical_json(&s.profile),
        s.version.as_str(),
    ] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    let digest = h.finalize();
    let mut id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest);
    id.truncate(ID_LEN);
    id
}

/// JSON with object keys sorted (serde_json's default map is a BTreeMap, so re-serializing a
/// parsed value already sorts the keys).
fn canonical_json(v: &serde_json::Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Whether `id` looks like a link id (so junk never reaches the database).
pub fn valid_id(id: &str) -> bool {
    id.len() == ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[derive(Clone)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

const MIGRATIONS: &[(i64, &str)] = &[(
    1,
    "CREATE TABLE IF NOT EXISTS snapshots (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        profile TEXT NOT NULL,
        version TEXT NOT NULL,
        created_at BIGINT NOT NULL
    )",
)];

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl Store {
    /// Open (creating the SQLite file if needed) and migrate.
    pub async fn open(url: &str) -> Result<Store, String> {
        let store = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url)
                .map_err(|e| format!("bad PostgreSQL URL: {e}"))?
                .disable_statement_logging();
            let pool = PgPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await
                .map_err(|e| format!("cannot connect to PostgreSQL: {e}"))?;
            Store::Postgres(pool)
        } else {
            let url = if url.starts_with("sqlite:") {
                url.to_string()
            } else {
                format!("sqlite://{url}")
            };
            let opts = SqliteConnectOptions::from_str(&url)
                .map_err(|e| format!("bad SQLite URL: {e}"))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .disable_statement_logging();
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await
                .map_err(|e| format!("cannot open SQLite database {url}: {e}"))?;
            Store::Sqlite(pool)
        };
        store.migrate().await?;
        Ok(store)
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    /// Apply the migrations not applied yet, each in a transaction (several replicas may
    /// start at once: PostgreSQL serializes them with an advisory lock).
    async fn migrate(&self) -> Result<(), String> {
        let err = |e: sqlx::Error| format!("database migration failed: {e}");
        match self {
            Store::Sqlite(pool) => {
                let mut tx = pool.begin().await.map_err(err)?;
                sqlx::query("CREATE TABLE IF NOT EXISTS podnet_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)")
                    .execute(&mut *tx).await.map_err(err)?;
                for (version, sql) in MIGRATIONS {
                    let done = sqlx::query("SELECT 1 FROM podnet_migrations WHERE version = ?")
                        .bind(version)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(err)?;
                    if done.is_none() {
                        sqlx::query(*sql).execute(&mut *tx).await.map_err(err)?;
                        sqlx::query(
                            "INSERT INTO podnet_migrations (version, applied_at) VALUES (?, ?)",
                        )
                        .bind(version)
                        .bind(now_secs())
                        .execute(&mut *tx)
                        .await
                        .map_err(err)?;
                    }
                }
                tx.commit().await.map_err(err)
            }
            Store::Postgres(pool) => {
                let mut tx = pool.begin().await.map_err(err)?;
                sqlx::query("SELECT pg_advisory_xact_lock(7250711)")
                    .execute(&mut *tx)
                    .await
                    .map_err(err)?;
                sqlx::query("CREATE TABLE IF NOT EXISTS podnet_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)")
                    .execute(&mut *tx).await.map_err(err)?;
                for (version, sql) in MIGRATIONS {
                    let done = sqlx::query("SELECT 1 FROM podnet_migrations WHERE version = $1")
                        .bind(version)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(err)?;
                    if done.is_none() {
                        sqlx::query(*sql).execute(&mut *tx).await.map_err(err)?;
                        sqlx::query(
                            "INSERT INTO podnet_migrations (version, applied_at) VALUES ($1, $2)",
                        )
                        .bind(version)
                        .bind(now_secs())
                        .execute(&mut *tx)
                        .await
                        .map_err(err)?;
                    }
                }
                tx.commit().await.map_err(err)
            }
        }
    }

    /// Store `snap` (if it is not there yet) and return its id, once durably committed.
    pub async fn put(&self, snap: &Snapshot) -> Result<String, sqlx::Error> {
        let id = snapshot_id(snap);
        let profile = canonical_json(&snap.profile);
        match self {
            Store::Sqlite(pool) => {
                sqlx::query("INSERT INTO snapshots (id, source, profile, version, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
                    .bind(&id).bind(&snap.source).bind(&profile).bind(&snap.version).bind(now_secs())
                    .execute(pool).await?;
            }
            Store::Postgres(pool) => {
                sqlx::query("INSERT INTO snapshots (id, source, profile, version, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING")
                    .bind(&id).bind(&snap.source).bind(&profile).bind(&snap.version).bind(now_secs())
                    .execute(pool).await?;
            }
        }
        Ok(id)
    }

    /// The snapshot stored under `id`, if any.
    pub async fn get(&self, id: &str) -> Result<Option<Snapshot>, sqlx::Error> {
        let row = match self {
            Store::Sqlite(pool) => {
                sqlx::query("SELECT source, profile, version FROM snapshots WHERE id = ?")
                    .bind(id)
                    .fetch_optional(pool)
                    .await?
                    .map(|r| {
                        (
                            r.get::<String, _>(0),
                            r.get::<String, _>(1),
                            r.get::<String, _>(2),
                        )
                    })
            }
            Store::Postgres(pool) => {
                sqlx::query("SELECT source, profile, version FROM snapshots WHERE id = $1")
                    .bind(id)
                    .fetch_optional(pool)
                    .await?
                    .map(|r| {
                        (
                            r.get::<String, _>(0),
                            r.get::<String, _>(1),
                            r.get::<String, _>(2),
                        )
                    })
            }
        };
        Ok(row.map(|(source, profile, version)| Snapshot {
            source,
            profile: serde_json::from_str(&profile).unwrap_or(serde_json::Value::Null),
            version,
        }))
    }

    /// A trivial query (health check).
    pub async fn ping(&self) -> bool {
        match self {
            Store::Sqlite(pool) => sqlx::query("SELECT 1").execute(pool).await.is_ok(),
            Store::Postgres(pool) => sqlx::query("SELECT 1").execute(pool).await.is_ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(source: &str) -> Snapshot {
        Snapshot {
            source: source.into(),
            profile: serde_json::Value::Null,
            version: "0.1.0".into(),
        }
    }

    #[test]
    fn ids_are_short_url_safe_and_content_derived() {
        let a = snapshot_id(&snap("kind: Pod\n"));
        assert_eq!(a.len(), ID_LEN);
        assert!(valid_id(&a), "{a}");
        assert_eq!(a, snapshot_id(&snap("kind: Pod\n")));
        assert_ne!(a, snapshot_id(&snap("kind: Pod\n\n")));
        let mut other = snap("kind: Pod\n");
        other.version = "0.2.0".into();
        assert_ne!(a, snapshot_id(&other));
        assert!(!valid_id("../etc/passwd"));
    }

    #[tokio::test]
    async fn sqlite_put_get_is_idempotent() {
        let dir = std::env::temp_dir().join(format!("podnet-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.db");
        let store = Store::open(path.to_str().unwrap()).await.unwrap();
        let s = snap("a: 1\n");
        let id = store.put(&s).await.unwrap();
        assert_eq!(store.put(&s).await.unwrap(), id);
        assert_eq!(store.get(&id).await.unwrap(), Some(s));
        assert_eq!(store.get("AAAAAAAAAAAA").await.unwrap(), None);
        drop(store);
        // Migrations are idempotent on reopen.
        let store = Store::open(path.to_str().unwrap()).await.unwrap();
        assert!(store.get(&id).await.unwrap().is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
