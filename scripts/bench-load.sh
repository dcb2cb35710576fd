#!/usr/bin/env bash
# The server under load (issue 9): starts `target/release/podnet serve` on 127.0.0.1:$PORT,
# runs wrk (2 threads; 1 at 1 connection, wrk needs connections >= threads; $DURATION each) POSTing a 40-line Pod with Multus + Calico annotations
# to /api/v1/check at 1, 16 and 64 connections and prints requests/s, p50/p90/p99 and the
# server's peak RSS (VmHWM); then the slow-client checks (1,000 idle connections, a trickled
# body) of scripts/bench/slow_clients.py. Loopback only; every step is bounded in time.
# Needs: wrk (apt-get install -y wrk), a release build (scripts/build.sh --release).
# Usage: PORT=3962 DURATION=15s scripts/bench-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-3962}
DURATION=${DURATION:-15s}
CONNS=${CONNS:-"1 16 64"}
bin=target/release/podnet
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 2; }
[ -x "$bin" ] || { echo "$bin missing: scripts/build.sh --release" >&2; exit 2; }
ulimit -n 8192 || true

work=target/bench-load
mkdir -p "$work"
rm -f "$work"/podnet.db*
"$bin" serve --addr "127.0.0.1:$PORT" --database "$work/podnet.db" > "$work/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null
hwm() { awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status"; }
rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status"; }

echo "# podnet serve under load ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "body: scripts/bench/pod-40.yaml ($(wc -l < scripts/bench/pod-40.yaml) lines, $(wc -c < scripts/bench/pod-40.yaml) bytes); answer: $(curl -sS -o /dev/null -w '%{http_code}, %{size_download} bytes' -H 'Content-Type: application/yaml' --data-binary @scripts/bench/pod-40.yaml "http://127.0.0.1:$PORT/api/v1/check")"
echo "server RSS after start: $(rss) MiB"
echo
echo "| connections | requests/s | p50 ms | p90 ms | p99 ms | max ms | requests | socket errors | non-2xx | server peak RSS MiB | load avg after |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for c in $CONNS; do
  out=$(BODY=scripts/bench/pod-40.yaml timeout 120 wrk -t"$(( c < 2 ? c : 2 ))" -c"$c" -d"$DURATION" --timeout 10s -s scripts/bench/check.lua "http://127.0.0.1:$PORT" | tee "$work/wrk-$c.txt" | grep '^RESULT')
  eval "$(echo "$out" | sed 's/^RESULT //')"
  echo "| $c | $rps | $p50 | $p90 | $p99 | $max | $requests | $errors | $non2xx | $(hwm) | $(cut -d' ' -f1 /proc/loadavg) |"
done
echo
echo "## Slow clients"
echo
timeout 240 python3 scripts/bench/slow_clients.py --port "$PORT" | sed 's/^/    /'
echo
echo "server peak RSS (VmHWM) over the whole run: $(hwm) MiB; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
