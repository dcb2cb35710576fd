#!/usr/bin/env python3
"""Write the peer-benchmark input: one YAML stream of N annotated Pods and Deployments.

Same shape as `stream()` in lint/benches/check.rs (alternating Pods and Deployments with
Multus and Calico annotations, comments, mixed quoting, ~1 KB each): 2,000 objects ~ 2 MB.
Usage: gen_stream.py [N] > stream.yaml
"""
import sys

POD = """---
# pod {i}
apiVersion: v1
kind: Pod
metadata:
  name: pod-{i}
  namespace: team-{ns}
  labels:
    app: web-{i}
    tier: frontend
  annotations:
    k8s.v1.cni.cncf.io/networks: '[{{"name": "macvlan-conf", "interface": "net1", "ips": ["10.1.{a}.{b}/24"], "mac": "02:00:00:00:{a:02x}:{b:02x}"}}, {{"name": "sriov-net", "namespace": "infra"}}]'
    cni.projectcalico.org/ipv4pools: '["pool-{p}"]'
    description: "a pod used for load testing, number {i}"
spec:
  containers:
  - name: app
    image: registry.example.com/web:{i}
    ports:
    - containerPort: 8080
    resources:
      requests: {{cpu: 100m, memory: 128Mi}}
      limits: {{cpu: 500m, memory: 256Mi}}
    readinessProbe:
      httpGet: {{path: /healthz, port: 8080}}
      periodSeconds: 10
    env:
    - {{name: LOG_LEVEL, value: info}}
    - {{name: REGION, value: "eu-west-{ns}"}}
  nodeSelector:
    kubernetes.io/os: linux
"""

DEPLOY = """---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: deploy-{i}
  labels: {{app: api-{i}}}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: api-{i}
  template:
    metadata:
      labels:
        app: api-{i}
      annotations:
        k8s.v1.cni.cncf.io/networks: macvlan-conf@eth1, infra/sriov-net
        cni.projectcalico.org/ipv4pools: |
          ["pool-{p}", "10.{p}.0.0/16"]
    spec:
      containers:
      - name: api
        image: "registry.example.com/api:{i}"  # pinned
        env:
        - name: MODE
          value: production
        - name: WORKERS
          value: "8"
        ports:
        - containerPort: 9090
          name: metrics
        resources:
          requests: {{cpu: 250m, memory: 512Mi}}
      tolerations:
      - key: dedicated
        operator: Equal
        value: network
        effect: NoSchedule
"""


def stream(objects: int) -> str:
    out = []
    for i in range(objects):
        if i % 2 == 0:
            out.append(POD.format(i=i, ns=i % 7, a=(i // 250) % 250, b=i % 250 + 1, p=i % 5))
        else:
            out.append(DEPLOY.format(i=i, p=i % 5))
    return "".join(out)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    sys.stdout.write(stream(n))
