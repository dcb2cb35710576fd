-- wrk script: POST the manifest in $BODY (default scripts/bench/pod-40.yaml) to
-- /api/v1/check as application/yaml; at the end print one machine-readable line:
-- RESULT rps=<requests/s> p50=<ms> p90=<ms> p99=<ms> max=<ms> requests=<n> errors=<n> non2xx=<n>
local path = os.getenv("BODY") or "scripts/bench/pod-40.yaml"
local f = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.path = "/api/v1/check"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/yaml"

function done(summary, latency, requests)
  local errs = summary.errors
  local e = errs.connect + errs.read + errs.write + errs.timeout
  io.write(string.format(
    "RESULT rps=%.0f p50=%.2f p90=%.2f p99=%.2f max=%.2f requests=%d errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, e, errs.status))
end
