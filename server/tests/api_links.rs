//! The HTTP API against the real `podnet serve` binary: every endpoint and error status, the
//! short-link suite on SQLite and on a throwaway PostgreSQL cluster (two servers on one
//! database, kill -9 durability, concurrent creation of one snapshot), rate limiting, CORS and
//! framing headers.

mod common;

use common::{free_port, request, temp_dir, Resp};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    cni.projectcalico.org/ipv4pools: \"default-ipv4-ippool\"\n";

// ---------------------------------------------------------------- a tiny HTTP/1.1 client

fn get(addr: &str, path: &str) -> Resp {
    request(addr, "GET", path, &[], b"")
}

fn post(addr: &str, path: &str, ct: Option<&str>, body: &[u8]) -> Resp {
    match ct {
        Some(ct) => request(addr, "POST", path, &[("Content-Type", ct)], body),
        None => request(addr, "POST", path, &[], body),
    }
}

fn post_json(addr: &str, path: &str, v: &serde_json::Value) -> Resp {
    post(
        addr,
        path,
        Some("application/json"),
        v.to_string().as_bytes(),
    )
}

// ---------------------------------------------------------------- servers

struct Server {
    child: Child,
    addr: String,
    log: PathBuf,
}

impl Server {
    /// `podnet serve` in `cwd` (where the default SQLite file lands).
    fn start(cwd: &Path, database: Option<&str>, env: &[(&str, &str)]) -> Server {
        let addr = format!("127.0.0.1:{}", free_port());
        let log = cwd.join(format!("server-{}.log", addr.replace([':', '.'], "-")));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_podnet"));
        cmd.arg("serve").arg("--addr").arg(&addr).current_dir(cwd);
        cmd.env_remove("DATABASE_URL");
        // Unlimited unless a test sets a rate.
        cmd.env("PODNET_LINK_RATE", "0");
        if let Some(db) = database {
            cmd.arg("--database").arg(db);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = std::fs::File::create(&log).expect("create the server log");
        cmd.stdout(Stdio::null())
            .stderr(out.try_clone().expect("a second handle on the log"));
        let mut child = cmd.spawn().expect("spawn podnet serve");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "podnet serve exited ({status}): {}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            }
            if TcpStream::connect(&addr).is_ok() && get(&addr, "/healthz").status == 200 {
                break;
            }
            assert!(Instant::now() < deadline, "server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child, addr, log }
    }

    fn kill9(mut self) {
        let _ = Command::new("kill")
            .args(["-9", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        std::mem::forget(self);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = &self.log;
    }
}

// ---------------------------------------------------------------- PostgreSQL

struct Postgres {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    as_user: Option<String>,
}

fn pg_bin() -> PathBuf {
    if let Ok(dir) = std::env::var("PODNET_PG_BIN") {
        return PathBuf::from(dir);
    }
    for v in ["17", "16", "15", "14", "13"] {
        let dir = PathBuf::from(format!("/usr/lib/postgresql/{v}/bin"));
        if dir.join("initdb").exists() {
            return dir;
        }
    }
    panic!("PostgreSQL server binaries not found (run scripts/setup.sh, or set PODNET_PG_BIN)");
}

impl Postgres {
    fn run(&self, args: &[&str]) -> std::process::Output {
        let mut cmd = match &self.as_user {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]);
                c.arg(self.bin.join(args[0]));
                c
            }
            None => Command::new(self.bin.join(args[0])),
        };
        cmd.args(&args[1..]).current_dir(std::env::temp_dir());
        cmd.output().expect("run a PostgreSQL tool")
    }

    fn start() -> Postgres {
        let root = temp_dir("pg");
        let data = root.join("data");
        let is_root = unsafe_geteuid() == 0;
        let as_user = is_root.then(|| "postgres".to_string());
        if is_root {
            let status = Command::new("chown")
                .args(["-R", "postgres:", root.to_str().expect("a UTF-8 path")])
                .status()
                .expect("chown runs");
            assert!(status.success(), "chown the cluster directory");
        }
        let pg = Postgres {
            bin: pg_bin(),
            data: data.clone(),
            port: free_port(),
            as_user,
        };
        let out = pg.run(&[
            "initdb",
            "-D",
            data.to_str().expect("a UTF-8 path"),
            "-U",
            "podnet",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
        ]);
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=on",
            pg.port,
            root.to_str().expect("a UTF-8 path")
        );
        let log = root.join("pg.log");
        let out = pg.run(&[
            "pg_ctl",
            "-D",
            data.to_str().expect("a UTF-8 path"),
            "-o",
            &opts,
            "-l",
            log.to_str().expect("a UTF-8 path"),
            "-w",
            "-t",
            "60",
            "start",
        ]);
        assert!(
            out.status.success(),
            "pg_ctl start: {} {}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        pg
    }

    fn create_db(&self, name: &str) -> String {
        let port = self.port.to_string();
        let out = self.run(&[
            "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            &port,
            "-U",
            "podnet",
            name,
        ]);
        assert!(
            out.status.success(),
            "createdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        format!("postgres://podnet@127.0.0.1:{}/{name}", self.port)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self.run(&[
            "pg_ctl",
            "-D",
            self.data.to_str().expect("a UTF-8 path"),
            "-m",
            "immediate",
            "stop",
        ]);
        if let Some(root) = self.data.parent() {
            let _ = std::fs::remove_dir_all(root);
        }
    }
}

fn unsafe_geteuid() -> u32 {
    // No libc dependency: `id -u`.
    let out = Command::new("id").arg("-u").output().expect("id -u runs");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

// ---------------------------------------------------------------- the link suite

fn create_link(addr: &str, source: &str) -> (String, String) {
    let r = post_json(
        addr,
        "/api/v1/links",
        &serde_json::json!({ "source": source }),
    );
    assert_eq!(r.status, 201, "create link: {}", r.text());
    let j = r.json();
    let id = j["id"]
        .as_str()
        .expect("a string in the answer")
        .to_string();
    let url = j["url"]
        .as_str()
        .expect("a string in the answer")
        .to_string();
    assert_eq!(url, format!("/s/{id}"));
    assert_eq!(r.header("location"), Some(url.as_str()));
    (id, url)
}

/// What every database must do.
fn link_suite(addr: &str) {
    // Create, and the id is short, URL-safe and content-derived.
    let (id, url) = create_link(addr, POD);
    assert!(
        id.len() <= 12
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "{id}"
    );
    let (id2, _) = create_link(addr, POD);
    assert_eq!(id, id2, "same snapshot, same link");
    let (other, _) = create_link(addr, "kind: Pod\n");
    assert_ne!(id, other);
    // A YAML body works too and gives the same id.
    let r = post(
        addr,
        "/api/v1/links",
        Some("application/yaml"),
        POD.as_bytes(),
    );
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["id"], id.as_str());
    // A profile is part of the snapshot.
    let r = post_json(
        addr,
        "/api/v1/links",
        &serde_json::json!({"source": POD, "profile": {"namespace": "team-a"}}),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let with_profile = r.json()["id"]
        .as_str()
        .expect("a string in the answer")
        .to_string();
    assert_ne!(with_profile, id);
    let got = get(addr, &format!("/api/v1/links/{with_profile}")).json();
    assert_eq!(got["profile"]["namespace"], "team-a");

    // Read back.
    let r = get(addr, &format!("/api/v1/links/{id}"));
    assert_eq!(r.status, 200);
    let j = r.json();
    assert_eq!(j["source"], POD);
    assert_eq!(j["id"], id.as_str());
    assert_eq!(j["url"], url.as_str());
    assert!(j["version"].is_string());

    // The page shows the text and the current engine's findings.
    let r = get(addr, &url);
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("default-ipv4-ippool"), "{html}");
    assert!(html.contains("CAL-A001"), "findings on the page");

    // Unknown and malformed ids.
    for bad in [
        "AAAAAAAAAAAA",
        "nope",
        "..%2F..%2Fetc",
        "AAAAAAAAAAAAAAAAAAAAAAAAA",
    ] {
        let r = get(addr, &format!("/api/v1/links/{bad}"));
        assert_eq!(r.status, 404, "{bad}");
        assert_eq!(r.json()["error"]["status"], 404);
        let r = get(addr, &format!("/s/{bad}"));
        assert_eq!(r.status, 404, "page {bad}");
    }

    // Size cap: a snapshot over 256 KiB gets a clear 413.
    let big = format!("# {}\n", "x".repeat(256 * 1024));
    let r = post_json(addr, "/api/v1/links", &serde_json::json!({ "source": big }));
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["error"]["code"], "snapshot-too-large");
    assert!(r.json()["error"]["message"]
        .as_str()
        .expect("a string in the answer")
        .contains("256 KiB"));
    // Exactly 256 KiB is fine.
    let fits = "#".repeat(256 * 1024);
    assert_eq!(
        post(addr, "/api/v1/links", Some("text/plain"), fits.as_bytes()).status,
        201
    );
    // Bodies over 2 MiB, malformed JSON, wrong shape, wrong content type, invalid UTF-8.
    let r = post(
        addr,
        "/api/v1/links",
        Some("text/plain"),
        &vec![b'a'; 2 * 1024 * 1024 + 1],
    );
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["error"]["status"], 413);
    for (ct, body, want) in [
        ("application/json", &b"{\"source\": "[..], 400),
        ("application/json", &b"{\"text\": \"a\"}"[..], 422),
        ("application/json", &b"[1, 2]"[..], 422),
        ("image/png", &b"x"[..], 415),
        ("application/x-www-form-urlencoded", &b"source=x"[..], 415),
        ("text/plain", &b"a: \xff\n"[..], 422),
    ] {
        let r = post(addr, "/api/v1/links", Some(ct), body);
        assert_eq!(r.status, want, "{ct} {:?}", String::from_utf8_lossy(body));
        assert_eq!(r.json()["error"]["status"], want);
    }
}

fn concurrent_same_snapshot(addr: &str) {
    let source = format!("# concurrent {}\n{POD}", std::process::id());
    let handles: Vec<_> = (0..16)
        .map(|_| {
            let addr = addr.to_string();
            let source = source.clone();
            std::thread::spawn(move || {
                let r = post_json(
                    &addr,
                    "/api/v1/links",
                    &serde_json::json!({ "source": source }),
                );
                assert_eq!(r.status, 201, "{}", r.text());
                r.json()["id"]
                    .as_str()
                    .expect("a string in the answer")
                    .to_string()
            })
        })
        .collect();
    let ids: std::collections::BTreeSet<String> = handles
        .into_iter()
        .map(|h| h.join().expect("the client thread finishes"))
        .collect();
    assert_eq!(ids.len(), 1, "one link: {ids:?}");
    let id = ids.into_iter().next().expect("one id");
    assert_eq!(
        get(addr, &format!("/api/v1/links/{id}")).json()["source"],
        source.as_str()
    );
}

/// Create links, kill -9, restart: every answered link opens with identical content.
fn durability(start: &dyn Fn() -> Server) {
    let server = start();
    let mut made = Vec::new();
    for i in 0..40 {
        let source = format!("# durable {i} {}\n{POD}", std::process::id());
        let (id, _) = create_link(&server.addr, &source);
        made.push((id, source));
    }
    server.kill9();
    let server = start();
    for (id, source) in &made {
        let r = get(&server.addr, &format!("/api/v1/links/{id}"));
        assert_eq!(r.status, 200, "link {id} lost after kill -9");
        assert_eq!(r.json()["source"], source.as_str());
    }
}

// ---------------------------------------------------------------- tests

#[test]
fn sqlite_links_default_file_durability_and_concurrency() {
    let dir = temp_dir("sqlite");
    // No --database: a SQLite file in the working directory, created on first start.
    {
        let server = Server::start(&dir, None, &[]);
        assert!(dir.join("podnet.db").exists(), "default database file");
        link_suite(&server.addr);
        concurrent_same_snapshot(&server.addr);
    }
    // A configured path (relative to nothing: absolute), reopened after kill -9.
    let db = dir.join("links.sqlite");
    let url = format!("sqlite://{}", db.display());
    durability(&|| Server::start(&dir, Some(&url), &[]));
    // WAL mode.
    assert!(dir.join("links.sqlite-wal").exists() || dir.join("links.sqlite").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn postgres_links_two_replicas_durability_and_concurrency() {
    let pg = Postgres::start();
    let dir = temp_dir("pgsrv");
    let url = pg.create_db("links");
    // Two servers on one database, started at once (migrations race).
    let (a, b) = std::thread::scope(|s| {
        let ha = s.spawn(|| Server::start(&dir, Some(&url), &[]));
        let hb = s.spawn(|| Server::start(&dir, Some(&url), &[]));
        (ha.join().unwrap(), hb.join().unwrap())
    });
    link_suite(&a.addr);
    let (id, url_path) = create_link(&a.addr, "# made on a\nkind: Pod\n");
    let r = get(&b.addr, &format!("/api/v1/links/{id}"));
    assert_eq!(
        r.status, 200,
        "a link created on one server opens on the other"
    );
    assert_eq!(r.json()["source"], "# made on a\nkind: Pod\n");
    assert_eq!(get(&b.addr, &url_path).status, 200);
    concurrent_same_snapshot(&b.addr);
    drop(a);
    drop(b);
    // DATABASE_URL works as well as --database.
    let url2 = pg.create_db("durable");
    durability(&|| Server::start(&dir, None, &[("DATABASE_URL", url2.as_str())]));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A snapshot saved by another podnet version opens with a note and current findings.
#[test]
fn snapshot_from_another_version_gets_a_note() {
    let dir = temp_dir("version");
    let db = dir.join("v.db");
    let url = format!("sqlite://{}", db.display());
    drop(Server::start(&dir, Some(&url), &[])); // creates and migrates the file
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use sqlx::ConnectOptions;
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&db)
            .connect()
            .await
            .unwrap();
        sqlx::query("INSERT INTO snapshots (id, source, profile, version, created_at) VALUES ('OldVersion01', ?, 'null', '0.0.1-old', 0)")
            .bind(POD)
            .execute(&mut conn)
            .await
            .unwrap();
    });
    let s = Server::start(&dir, Some(&url), &[]);
    let r = get(&s.addr, "/api/v1/links/OldVersion01");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["version"], "0.0.1-old");
    let html = get(&s.addr, "/s/OldVersion01").text();
    assert!(html.contains("Saved with podnet 0.0.1-old"), "{html}");
    assert!(html.contains("CAL-A001"), "current findings");
    // A snapshot of this version gets no note.
    let (_, path) = create_link(&s.addr, POD);
    assert!(!get(&s.addr, &path).text().contains("Saved with podnet"));
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_endpoint_and_error_status() {
    let dir = temp_dir("api");
    let s = Server::start(
        &dir,
        None,
        &[("PODNET_CORS_ORIGINS", "https://docs.example")],
    );
    let a = s.addr.as_str();

    // check / fix.
    let r = post(a, "/api/v1/check", Some("application/yaml"), POD.as_bytes());
    assert_eq!(r.status, 200);
    let j = r.json();
    assert_eq!(j["version"], 1);
    assert_eq!(j["files"][0]["path"], "input");
    assert_eq!(j["files"][0]["diagnostics"][0]["rule"], "CAL-A001");
    assert!(j["fixed"]
        .as_str()
        .unwrap()
        .contains("'[\"default-ipv4-ippool\"]'"));
    let r = post_json(a, "/api/v1/fix", &serde_json::json!({ "source": POD }));
    assert_eq!(r.status, 200);
    assert!(!r.json()["applied"].as_array().expect("applied").is_empty());
    assert!(r.json()["remaining"].is_array());
    for path in ["/api/v1/check", "/api/v1/fix"] {
        for (ct, body, want) in [
            (Some("application/json"), b"{\"source\": ".to_vec(), 400),
            (Some("application/json"), b"{\"src\": 1}".to_vec(), 422),
            (Some("image/png"), b"x".to_vec(), 415),
            (Some("text/plain"), b"a: \xff\n".to_vec(), 422),
            (Some("text/plain"), vec![b'a'; 2 * 1024 * 1024 + 1], 413),
            (None, POD.as_bytes().to_vec(), 200),
        ] {
            let r = post(a, path, ct, &body);
            assert_eq!(r.status, want, "{path} {ct:?}");
            if want != 200 {
                assert_eq!(r.json()["error"]["status"], want, "{path} {ct:?}");
            }
        }
    }

    // rules.
    let r = get(a, "/api/v1/rules");
    assert_eq!(r.status, 200);
    let rules = r.json()["rules"].as_array().unwrap().clone();
    assert!(rules.iter().any(|r| r["id"] == "CAL-A001"));
    let r = get(a, "/api/v1/rules/CAL-A001");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["id"], "CAL-A001");
    assert!(r.json()["docs"].as_str().unwrap().len() > 20);
    assert_eq!(
        get(a, "/api/v1/rules/MUL-C01").json()["id"],
        "CAL-A001",
        "alias"
    );
    let r = get(a, "/api/v1/rules/NOPE-999");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["code"], "unknown-rule");

    // health and the OpenAPI document.
    let r = get(a, "/healthz");
    assert_eq!((r.status, r.text().trim()), (200, "ok"));
    let r = get(a, "/api/openapi.json");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert!(r.json()["openapi"].as_str().unwrap().starts_with("3."));

    // Unknown API paths and wrong methods: JSON errors.
    let r = get(a, "/api/v1/nope");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["status"], 404);
    let r = get(a, "/api/v1/check");
    assert_eq!(r.status, 405);
    assert_eq!(r.json()["error"]["status"], 405);
    let r = request(a, "DELETE", "/api/v1/links/AAAAAAAAAAAA", &[], b"");
    assert_eq!(r.status, 405);
    assert_eq!(r.json()["error"]["status"], 405);

    // CORS: the configured origin is allowed, others are not.
    let pre = |origin: &str| {
        request(
            a,
            "OPTIONS",
            "/api/v1/check",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ],
            b"",
        )
    };
    let r = pre("https://docs.example");
    assert!(r.status < 300, "preflight {}", r.status);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://docs.example")
    );
    assert_eq!(
        pre("https://evil.example").header("access-control-allow-origin"),
        None
    );
    let r = request(
        a,
        "POST",
        "/api/v1/check",
        &[
            ("Origin", "https://docs.example"),
            ("Content-Type", "text/plain"),
        ],
        POD.as_bytes(),
    );
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://docs.example")
    );

    // Framing: the app refuses, the embed routes allow the configured ancestors.
    let r = get(a, "/");
    assert_eq!(r.header("x-frame-options"), Some("DENY"));
    assert!(r
        .header("content-security-policy")
        .unwrap()
        .contains("frame-ancestors 'none'"));
    let r = get(a, "/embed?readonly=1&theme=dark&height=200&panels=editor");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-frame-options"), None);
    assert!(r
        .header("content-security-policy")
        .unwrap()
        .ends_with("; frame-ancestors *"));
    let html = r.text();
    assert!(
        html.contains("podnet-embed") && html.contains("Open in podnet"),
        "{html}"
    );
    let (id, _) = create_link(a, POD);
    let r = get(a, &format!("/embed/s/{id}"));
    assert_eq!(r.status, 200);
    assert!(r.text().contains("default-ipv4-ippool"));
    assert_eq!(get(a, "/embed/s/AAAAAAAAAAAA").status, 404);
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn link_creation_is_rate_limited_per_client() {
    let dir = temp_dir("rate");
    let s = Server::start(
        &dir,
        None,
        &[
            ("PODNET_LINK_RATE", "3"),
            ("PODNET_FRAME_ANCESTORS", "http://127.0.0.1:*"),
        ],
    );
    for i in 0..3 {
        create_link(&s.addr, &format!("# {i}\n"));
    }
    let r = post_json(
        &s.addr,
        "/api/v1/links",
        &serde_json::json!({"source": "x"}),
    );
    assert_eq!(r.status, 429);
    assert_eq!(r.json()["error"]["code"], "rate-limited");
    assert!(r.header("retry-after").is_some());
    // Reading links and checking are not limited.
    assert_eq!(post(&s.addr, "/api/v1/check", None, b"a: 1\n").status, 200);
    assert!(get(&s.addr, "/embed")
        .header("content-security-policy")
        .unwrap()
        .ends_with("; frame-ancestors http://127.0.0.1:*"));
    drop(s);
    // Behind a load balancer: one bucket per forwarded client address.
    let s = Server::start(
        &dir,
        None,
        &[
            ("PODNET_LINK_RATE", "1"),
            ("PODNET_TRUST_FORWARDED_FOR", "true"),
        ],
    );
    let link_from = |client: &str, n: u32| {
        let body = serde_json::json!({ "source": format!("# {client} {n}\n") }).to_string();
        request(
            &s.addr,
            "POST",
            "/api/v1/links",
            &[
                ("Content-Type", "application/json"),
                ("X-Forwarded-For", client),
            ],
            body.as_bytes(),
        )
        .status
    };
    assert_eq!(link_from("10.0.0.1", 1), 201);
    assert_eq!(link_from("10.0.0.1", 2), 429);
    assert_eq!(
        link_from("203.0.113.9, 10.0.0.2", 3),
        201,
        "the balancer's hop counts"
    );
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
}
