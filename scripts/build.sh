#!/usr/bin/env bash
# Build podnet without cargo-leptos (build-notes section 9):
#   wasm (podnet-frontend, podnet-engine) -> wasm-bindgen -> target/site/pkg/podnet.{js,wasm},
#   podnet_engine.{js,wasm} [--release: npm binaryen wasm-opt -Oz] -> CSS + public/ into target/site
#   -> the Monaco bundle (scripts/monaco-bundle.mjs, esbuild) into target/site/vendor/monaco
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

# Two wasm modules: podnet-frontend hydrates the page (/pkg/podnet.*); podnet-engine is the
# engine that private links run in the browser (/pkg/podnet_engine.*, loaded on first use).
log "wasm: podnet-frontend + podnet-engine ($mode)"
if [ "$mode" = release ]; then
  cargo build -p podnet-frontend -p podnet-engine --lib --target wasm32-unknown-unknown --profile wasm-release
else
  cargo build -p podnet-frontend -p podnet-engine --lib --target wasm32-unknown-unknown
fi

# wasm-bindgen (+ wasm-opt) of target/.../$1.wasm into $pkg/$2.{js,wasm}, only when the wasm
# or the mode changed.
bindgen() {
  local wasm_in=target/wasm32-unknown-unknown/$wasm_profile/$1.wasm name=$2
  local stamp=$pkg/.$name.built-from
  local want_stamp
  want_stamp="$mode $(stat -c '%Y %s' "$wasm_in")"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ] && [ -f "$pkg/$name.wasm" ]; then
    return
  fi
  log "wasm-bindgen: $name"
  rm -f "$pkg/$name.js" "$pkg/$name.wasm" "$pkg/$name.d.ts"
  wasm-bindgen "$wasm_in" --target web --no-typescript --out-dir "$pkg" --out-name "$name"
  mv "$pkg/${name}_bg.wasm" "$pkg/$name.wasm"
  if [ "$mode" = release ]; then
    log "wasm-opt -Oz --converge (npm binaryen): $name"
    node_modules/.bin/wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
      "$pkg/$name.wasm" -o "$pkg/$name.wasm"
  fi
  echo "$want_stamp" > "$stamp"
}
rm -f "$pkg/.built-from" # the stamp of older builds
bindgen podnet_frontend podnet
bindgen podnet_engine podnet_engine

log "assets: style + public"
cp style/main.css "$pkg/podnet.css"
cp -R public/. "$site/"

# Monaco: only the editor core, the features the page uses, YAML and the editor worker, bundled
# from monaco-editor's ESM build by esbuild (rebuilt only when the script or the lockfile changed).
log "monaco bundle (esbuild)"
if [ "$mode" = release ]; then
  node scripts/monaco-bundle.mjs "$site/vendor/monaco" --release
else
  node scripts/monaco-bundle.mjs "$site/vendor/monaco"
fi

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
