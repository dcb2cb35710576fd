#!/usr/bin/env bash
# Build podnet without cargo-leptos (build-notes section 9):
#   wasm (podnet-frontend) -> wasm-bindgen -> target/site/pkg/podnet.{js,wasm}
#   [--release: npm binaryen wasm-opt -Oz] -> CSS + public/ into target/site
#   [--release: precompressed .br/.gz copies] -> server binary.
# Usage: scripts/build.sh [--release]   (debug by default)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=debug
case "${1:-}" in
  --release) mode=release ;;
  "" | --debug) ;;
  *) echo "usage: $0 [--release]" >&2; exit 2 ;;
esac

log() { printf '[build] %s\n' "$*"; }
site=target/site
pkg=$site/pkg
mkdir -p "$pkg"

if [ "$mode" = release ]; then
  wasm_profile=wasm-release
  server_flags=(--release)
else
  wasm_profile=debug
  server_flags=()
fi

log "wasm: podnet-frontend ($mode)"
if [ "$mode" = release ]; then
  cargo build -p podnet-frontend --lib --target wasm32-unknown-unknown --profile wasm-release
else
  cargo build -p podnet-frontend --lib --target wasm32-unknown-unknown
fi
wasm_in=target/wasm32-unknown-unknown/$wasm_profile/podnet_frontend.wasm

# wasm-bindgen (+ wasm-opt) only when the wasm or the mode changed.
stamp=$pkg/.built-from
want_stamp="$mode $(stat -c '%Y %s' "$wasm_in")"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_stamp" ] || [ ! -f "$pkg/podnet.wasm" ]; then
  log "wasm-bindgen"
  rm -f "$pkg"/podnet*.js "$pkg"/podnet*.wasm "$pkg"/podnet*.d.ts
  wasm-bindgen "$wasm_in" --target web --no-typescript --out-dir "$pkg" --out-name podnet
  mv "$pkg/podnet_bg.wasm" "$pkg/podnet.wasm"
  if [ "$mode" = release ]; then
    log "wasm-opt -Oz (npm binaryen)"
    node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      "$pkg/podnet.wasm" -o "$pkg/podnet.wasm"
  fi
  echo "$want_stamp" > "$stamp"
fi

log "assets: style + public"
cp style/main.css "$pkg/podnet.css"
cp -R public/. "$site/"

# Release: brotli 11 + gzip -9 copies of the static files (the server sends them as they are,
# with a Content-Length); debug: none, so no stale copy is ever served.
if [ "$mode" = release ]; then
  log "precompress (brotli 11, gzip -9)"
  node scripts/precompress.mjs "$site"
else
  node scripts/precompress.mjs --clean "$site"
fi

log "server: podnet ($mode)"
cargo build -p podnet "${server_flags[@]}"
log "done: target/$mode/podnet (site in $site)"
