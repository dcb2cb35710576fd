#!/usr/bin/env bash
# Everything CI checks: setup, Rust tests, build, then the browser tests against a running
# server. Exits non-zero on any failure.
# Env: PODNET_TEST_ADDR (default 127.0.0.1:3917), BUILD_MODE=release for a release build.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[test] %s\n' "$*"; }
addr="${PODNET_TEST_ADDR:-127.0.0.1:3917}"
mode="${BUILD_MODE:-debug}"

bash scripts/setup.sh

log "cargo test"
# Keep going after a failing Rust test so the browser tests still run; fail at the end.
rust_status=0
cargo test --workspace --exclude podnet-frontend --no-fail-fast || rust_status=$?

log "clippy (unwrap denied outside tests) and rustfmt"
# Keep going too; fail at the end. The hydrate build is checked for wasm32, as it is built.
lint_status=0
cargo fmt --all --check || lint_status=$?
cargo clippy -p podnet-lint -p podnet-engine --all-targets -- -D warnings -D clippy::unwrap_used || lint_status=$?
cargo clippy -p podnet -p podnet-app --all-targets --features podnet-app/ssr -- \
  -D warnings -D clippy::unwrap_used || lint_status=$?
cargo clippy -p podnet-app -p podnet-frontend --lib --features podnet-app/hydrate \
  --target wasm32-unknown-unknown -- -D warnings -D clippy::unwrap_used || lint_status=$?

log "fuzzing (bounded: ${FUZZ_SECONDS:-30}s per target)"
fuzz_status=0
bash scripts/fuzz.sh "${FUZZ_SECONDS:-30}" || fuzz_status=$?

if [ "$mode" = release ]; then bash scripts/build.sh --release; else bash scripts/build.sh; fi

mkdir -p tests/e2e/out
log "starting podnet on $addr"
# A fresh SQLite database per run, so the browser tests do not depend on earlier runs.
e2e_db="$(mktemp -d)/podnet-e2e.db"
PODNET_ADDR="$addr" DATABASE_URL="sqlite://$e2e_db" \
  "target/$mode/podnet" serve > tests/e2e/out/server.log 2>&1 &
server_pid=$!
stop_server() {
  if kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$(dirname "$e2e_db")"
}
trap stop_server EXIT

healthy() {
  node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://$addr/healthz"
}
for _ in $(seq 1 100); do
  if healthy; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat tests/e2e/out/server.log >&2
    echo "[test] the server exited" >&2
    exit 1
  fi
  sleep 0.2
done
healthy || { echo "[test] server not healthy" >&2; exit 1; }

log "browser tests"
status=0
PODNET_URL="http://$addr" node tests/e2e/run.mjs || status=$?
stop_server
if [ "$rust_status" != 0 ]; then
  echo "[test] FAILED: cargo test (exit $rust_status)" >&2
  exit "$rust_status"
fi
if [ "$lint_status" != 0 ]; then
  echo "[test] FAILED: clippy or rustfmt (exit $lint_status)" >&2
  exit "$lint_status"
fi
if [ "$fuzz_status" != 0 ]; then
  echo "[test] FAILED: fuzzing found a failing input (see fuzz/artifacts)" >&2
  exit "$fuzz_status"
fi
if [ "$status" != 0 ]; then
  echo "[test] FAILED: browser tests" >&2
fi
exit "$status"
