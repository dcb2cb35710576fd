#!/usr/bin/env bash
# Set up, build and run podnet on http://127.0.0.1:3000 (PODNET_ADDR overrides).
# Usage: scripts/serve.sh [--release]
set -euo pipefail
cd "$(dirname "$0")/.."
# Only what serving needs (no Chromium, PostgreSQL, cargo-fuzz or SARIF validator).
bash scripts/setup.sh --serve
bash scripts/build.sh "$@"
profile=debug
[ "${1:-}" = --release ] && profile=release
export PODNET_ADDR="${PODNET_ADDR:-127.0.0.1:3000}"
exec "target/$profile/podnet" serve
