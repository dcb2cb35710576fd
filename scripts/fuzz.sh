#!/usr/bin/env bash
# Runs the cargo-fuzz targets (fuzz/fuzz_targets) for a bounded time each and fails on any
# crash, panic, timeout or out-of-memory. Oracles: no panic, fix output re-parses, fixing
# twice equals fixing once. Usage: scripts/fuzz.sh [seconds per target, default 30]
# The fuzzers need unstable rustc flags (sanitizers); RUSTC_BOOTSTRAP lets the machine's
# stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-30}"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "[fuzz] installing cargo-fuzz"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi
export RUSTC_BOOTSTRAP=1
cd fuzz
cargo fuzz build -O
for target in check_bytes manifests; do
  # Inputs that once failed run first, as regression tests.
  regs=$(find "regressions/$target" -type f ! -name .keep 2>/dev/null || true)
  if [ -n "$regs" ]; then
    echo "[fuzz] $target: regression inputs"
    # shellcheck disable=SC2086
    cargo fuzz run -O "$target" $regs -- -rss_limit_mb=2048 -timeout=10
  fi
  echo "[fuzz] $target for ${secs}s"
  mkdir -p "corpus/$target"
  cargo fuzz run -O "$target" -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 \
    | grep -E "^(#[0-9]+.*DONE|Done|stat::number_of_executed_units|==.*ERROR|SUMMARY)|panicked|deadly signal" || true
  if ls "artifacts/$target"/crash-* "artifacts/$target"/timeout-* "artifacts/$target"/oom-* >/dev/null 2>&1; then
    echo "[fuzz] $target found a failing input in fuzz/artifacts/$target" >&2
    exit 1
  fi
done
echo "[fuzz] ok"
