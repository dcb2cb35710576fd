#!/usr/bin/env bash
# Engine throughput: criterion benchmark of YAML parsing and the full check on a generated
# 2,000-object stream; prints MiB/s for both and the check/parse time ratio of this run.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p podnet-lint --bench check -- --noplot "$@"
python3 - <<'PY'
import json, os
base = "target/criterion/engine"
size = None
res = {}
for name in ("parse", "check"):
    est = json.load(open(os.path.join(base, name, "new", "estimates.json")))
    bench = json.load(open(os.path.join(base, name, "new", "benchmark.json")))
    size = bench["throughput"]["Bytes"]
    res[name] = est["mean"]["point_estimate"] / 1e9  # seconds
mib = size / (1024 * 1024)
print(f"input: {size} bytes ({mib:.2f} MiB)")
for name, t in res.items():
    print(f"{name:>6}: {t*1000:8.2f} ms  {mib / t:8.1f} MiB/s")
print(f" ratio: check/parse time = {res['check'] / res['parse']:.2f}")
PY
