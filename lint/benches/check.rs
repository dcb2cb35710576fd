//! Throughput of the engine on a generated stream of 2,000 annotated Pods and Deployments
//! (about 2 MB): YAML parsing alone, and the full check. `scripts/bench.sh` prints both in
//! MiB/s and their ratio from the same run.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

// The `podnet` binary runs with mimalloc; measure the engine the way it runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use podnet_lint::{check, yaml::Yaml, Profile};

/// The benchmark input: alternating Pods and Deployments with Multus and Calico annotations,
/// comments and mixed quoting, about 1 KB each.
pub fn stream(objects: usize) -> String {
    let mut s = String::new();
    for i in 0..objects {
        if i % 2 == 0 {
            s.push_str(&format!(
                "---\n# pod {i}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-{i}\n  namespace: team-{ns}\n  labels:\n    app: web-{i}\n    tier: frontend\n  annotations:\n    k8s.v1.cni.cncf.io/networks: '[{{\"name\": \"macvlan-conf\", \"interface\": \"net1\", \"ips\": [\"10.1.{a}.{b}/24\"], \"mac\": \"02:00:00:00:{a:02x}:{b:02x}\"}}, {{\"name\": \"sriov-net\", \"namespace\": \"infra\"}}]'\n    cni.projectcalico.org/ipv4pools: '[\"pool-{p}\"]'\n    description: \"a pod used for load testing, number {i}\"\nspec:\n  containers:\n  - name: app\n    image: registry.example.com/web:{i}\n    ports:\n    - containerPort: 8080\n    resources:\n      requests: {{cpu: 100m, memory: 128Mi}}\n      limits: {{cpu: 500m, memory: 256Mi}}\n    readinessProbe:\n      httpGet: {{path: /healthz, port: 8080}}\n      periodSeconds: 10\n    env:\n    - {{name: LOG_LEVEL, value: info}}\n    - {{name: REGION, value: \"eu-west-{ns}\"}}\n  nodeSelector:\n    kubernetes.io/os: linux\n",
                ns = i % 7,
                a = (i / 250) % 250,
                b = i % 250 + 1,
                p = i % 5,
            ));
        } else {
            s.push_str(&format!(
                "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: deploy-{i}\n  labels: {{app: api-{i}}}\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: api-{i}\n  template:\n    metadata:\n      labels:\n        app: api-{i}\n      annotations:\n        k8s.v1.cni.cncf.io/networks: macvlan-conf@eth1, infra/sriov-net\n        cni.projectcalico.org/ipv4pools: |\n          [\"pool-{p}\", \"10.{p}.0.0/16\"]\n    spec:\n      containers:\n      - name: api\n        image: \"registry.example.com/api:{i}\"  # pinned\n        env:\n        - name: MODE\n          value: production\n        - name: WORKERS\n          value: \"8\"\n        ports:\n        - containerPort: 9090\n          name: metrics\n        resources:\n          requests: {{cpu: 250m, memory: 512Mi}}\n      tolerations:\n      - key: dedicated\n        operator: Equal\n        value: network\n        effect: NoSchedule\n",
                p = i % 5
            ));
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    let input = stream(2000);
    let profile = Profile::default();
    let mut g = c.benchmark_group("engine");
    g.throughput(Throughput::Bytes(input.len() as u64));
    g.sample_size(20);
    g.bench_function("parse", |b| {
        b.iter(|| Yaml::parse(std::hint::black_box(&input)).nodes.len())
    });
    g.bench_function("check", |b| {
        b.iter(|| {
            check(std::hint::black_box(&input), &profile)
                .diagnostics
                .len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
