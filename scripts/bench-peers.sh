#!/usr/bin/env bash
# podnet next to its peers (issue 9): installs kubernetes-validate and checkov (PyPI, into a
# venv) and @monokle/validation (npm, into a prefix) under target/bench-peers/, builds
# `podnet` in release, then runs scripts/bench/peers.py: wall time and peak RSS of each tool on
# one generated 2,000-object stream, and what each tool reports on the sample-corpus cases
# whose expected.md lists an error. Not part of the test command.
# Usage: scripts/bench-peers.sh [peers.py options, e.g. --repeat 3 --objects 2000]
set -euo pipefail
cd "$(dirname "$0")/.."

KV_VERSION=${KV_VERSION:-1.37.0}
CHECKOV_VERSION=${CHECKOV_VERSION:-3.3.30}
MONOKLE_VERSION=${MONOKLE_VERSION:-0.33.0}
prefix=target/bench-peers
mkdir -p "$prefix"

if [ ! -x "$prefix/venv/bin/checkov" ] || [ ! -x "$prefix/venv/bin/kubernetes-validate" ]; then
  echo "[bench-peers] pip: kubernetes-validate==$KV_VERSION checkov==$CHECKOV_VERSION" >&2
  python3 -m venv "$prefix/venv"
  nice -n 5 "$prefix/venv/bin/pip" install -q "kubernetes-validate==$KV_VERSION" "checkov==$CHECKOV_VERSION"
fi
if [ ! -d "$prefix/npm/node_modules/@monokle/validation" ]; then
  echo "[bench-peers] npm: @monokle/validation@$MONOKLE_VERSION" >&2
  mkdir -p "$prefix/npm"
  [ -f "$prefix/npm/package.json" ] || echo '{"name":"bench-peers","private":true}' > "$prefix/npm/package.json"
  (cd "$prefix/npm" && nice -n 5 npm install --no-audit --no-fund "@monokle/validation@$MONOKLE_VERSION")
fi

[ -x target/release/podnet ] || nice -n 5 cargo build --release -p podnet

echo "# podnet vs peers ($(date -u +%Y-%m-%dT%H:%MZ), load average: $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "podnet $(git rev-parse --short HEAD), kubernetes-validate $("$prefix/venv/bin/pip" show kubernetes-validate | sed -n 's/^Version: //p')," \
  "checkov $("$prefix/venv/bin/pip" show checkov | sed -n 's/^Version: //p')," \
  "@monokle/validation $(node -p "require('./$prefix/npm/node_modules/@monokle/validation/package.json').version")"
python3 scripts/bench/peers.py --prefix "$prefix" --podnet target/release/podnet "$@"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
