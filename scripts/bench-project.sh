#!/usr/bin/env bash
# Project mode throughput: generates a tree of 5,000 YAML files (100 folders × 50 files:
# Deployments and Pods with Multus and Calico annotations; every 50th file holds the folder's
# NetworkAttachmentDefinitions and IPPools, which the workloads of all folders reference),
# then times `podnet check -q .` on one core (RAYON_NUM_THREADS=1) and on all, best of 3,
# and prints files per second. PODNET=path uses that binary instead of a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${FILES:-5000}
if [ -z "${PODNET:-}" ]; then
  cargo build --release -p podnet >&2
  PODNET="$PWD/target/release/podnet"
fi
tree="${TMPDIR:-/tmp}/podnet-bench-project"
[ -n "${KEEP:-}" ] || rm -rf "$tree"
python3 - "$tree" "$FILES" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
per = 50
for i in range(n):
    d = os.path.join(root, f"team-{i // per:03d}", "manifests")
    os.makedirs(d, exist_ok=True)
    k = i // per
    if i % per == 0:
        text = f"""apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: macvlan-{k}
spec:
  config: '{{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth0", "mode": "bridge", "ipam": {{"type": "host-local", "subnet": "10.{k % 250}.0.0/24"}}}}'
---
apiVersion: projectcalico.org/v3
kind: IPPool
metadata:
  name: pool-{k}
spec:
  cidr: 10.{100 + k % 100}.{k // 100}.0/24
  natOutgoing: true
"""
    else:
        other = (k + 1) % (n // per)
        text = f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  labels: {{app: app-{i}}}
spec:
  replicas: 1
  selector:
    matchLabels: {{app: app-{i}}}
  template:
    metadata:
      labels: {{app: app-{i}}}
      annotations:
        k8s.v1.cni.cncf.io/networks: '[{{"name": "macvlan-{k}"}}, {{"name": "macvlan-{other}", "interface": "net2"}}]'
        cni.projectcalico.org/ipv4pools: '["pool-{k}"]'
    spec:
      containers:
      - name: app
        image: registry.example.com/app:{i}
        ports:
        - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: app-{i}
spec:
  selector: {{app: app-{i}}}
  ports:
  - port: 80
    targetPort: 8080
"""
    with open(os.path.join(d, f"app-{i:05d}.yaml"), "w") as f:
        f.write(text)
PY
bytes=$(du -sb "$tree" | cut -f1)
echo "tree: $FILES files, $bytes bytes, $(nproc) cores; binary: $PODNET"
(cd "$tree" && "$PODNET" check -q .) || true
run() {
  local best=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    (cd "$tree" && env "$@" "$PODNET" check -q . >/dev/null) || true
    t1=$(date +%s.%N)
    local t; t=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  printf '%-22s %6.2f s  %8.0f files/s\n' "$1" "$best" "$(echo "$FILES / $best" | bc -l)"
}
run RAYON_NUM_THREADS=1
run RAYON_NUM_THREADS="$(nproc)"
[ -n "${KEEP:-}" ] || rm -rf "$tree"
