#!/usr/bin/env bash
# Install what is missing, and only that. Idempotent; fast when everything is there.
#   scripts/setup.sh --serve   what building and serving need: the wasm32 target (rustup),
#                              wasm-bindgen-cli at Cargo.lock's version, the npm dependencies
#                              (Monaco, esbuild that bundles it, binaryen: `npm ci --omit=dev`).
#   scripts/setup.sh           everything the tests need on top: Chromium (apt), the npm dev
#                              dependencies (playwright-core, axe, the SARIF validator),
#                              PostgreSQL (apt), cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."

serve_only=0
case "${1:-}" in
  --serve) serve_only=1 ;;
  "") ;;
  *) echo "usage: $0 [--serve]" >&2; exit 2 ;;
esac

log() { printf '[setup] %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi

# 1. Chromium for the browser tests.
if [ "$serve_only" = 0 ] && [ ! -x /usr/bin/chromium ]; then
  log "installing chromium (apt)"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium
fi

# 2. The wasm target.
if ! rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
  log "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 3. wasm-bindgen-cli, exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then
  echo "[setup] cannot find wasm-bindgen in Cargo.lock" >&2
  exit 2
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  log "installing wasm-bindgen-cli $want (found: ${have:-none})"
  # Not --locked: the registry mirror lacks a crate version the CLI's lockfile pins.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# 4. npm packages, exact pins from package-lock.json: serving needs the dependencies
#    (monaco-editor, esbuild to bundle it, binaryen); the tests the dev dependencies too (playwright-core, axe-core,
#    the SARIF validator).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ] \
   || [ ! -d node_modules/monaco-editor/esm ] || [ ! -d node_modules/esbuild ] \
   || [ ! -d node_modules/binaryen ]; then
  if [ "$serve_only" = 1 ]; then
    log "npm ci --omit=dev"
    npm ci --omit=dev --no-audit --no-fund
  else
    log "npm ci"
    npm ci --no-audit --no-fund
  fi
  touch node_modules
elif [ "$serve_only" = 0 ] && { [ ! -d node_modules/playwright-core ] || [ ! -e node_modules/.bin/sarif-multitool ]; }; then
  log "npm ci (the test tools)"
  npm ci --no-audit --no-fund
  touch node_modules
fi

if [ "$serve_only" = 1 ]; then
  log "ok (serve)"
  exit 0
fi

# 5. PostgreSQL server binaries: the link tests (server/tests/api_links.rs) run a throwaway
#    cluster in a temporary directory (initdb + pg_ctl; as user postgres when run as root).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -z "${PODNET_PG_BIN:-}" ]; then
  log "installing postgresql (apt)"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends postgresql
fi

# 5. cargo-fuzz for the bounded fuzzing run of the test command.
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  log "installing cargo-fuzz"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

log "ok"
