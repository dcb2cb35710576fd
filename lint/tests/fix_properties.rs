//! Property test of fixing: generated manifests with random comments, quoting styles,
//! indentation and line endings. The generator knows what every annotation value should
//! become, so the oracle is exact: `fix` output equals the expected text (byte-identical
//! outside the edits), fixing is idempotent, and no error a safe fix addressed remains.

#![cfg_attr(test, allow(clippy::unwrap_used))]

use podnet_lint::{check, fix, Profile, Severity};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const POOLS_V4: &[&str] = &[
    "pool-a",
    "default-ipv4-ippool",
    "blue",
    "edge-1",
    "10.8.0.0/16",
    "team.pool",
];
const POOLS_V6: &[&str] = &["pool-a6", "default-ipv6-ippool", "green", "fd00:10::/64"];
const COMMENTS: &[&str] = &[
    "# set by platform team",
    "# TODO: review",
    "#no-space comment",
    "# ünïcödé — note",
    "# key: value inside a comment",
];

/// One pools annotation value: (YAML text in the input, YAML text expected after `fix`).
fn pools_value(r: &mut Rng, pools: &[&str], indent: &str, nl: &str) -> (String, String) {
    let a = r.pick(pools);
    let b = r.pick(pools);
    let canon = |items: &[&str]| format!("'{}'", serde_json::to_string(items).unwrap());
    match r.below(11) {
        // Already valid: untouched.
        0 => (canon(&[a]), canon(&[a])),
        1 => {
            let v = format!("\"[\\\"{a}\\\", \\\"{b}\\\"]\"");
            (v.clone(), v)
        }
        2 => {
            let v = format!("|{nl}{indent}  [\"{a}\"]{nl}");
            (v.clone(), v)
        }
        // Fixable shapes.
        3 => (a.to_string(), canon(&[a])),
        4 => (format!("\"{a}\""), canon(&[a])),
        5 => (format!("'[''{a}'', ''{b}'']'"), canon(&[a, b])),
        6 => (format!("\"[{a} {b}]\""), canon(&[a, b])),
        7 => (format!("'[\"{a}\",]'"), canon(&[a])),
        8 => (format!("\u{201c}{a}\u{201d}"), canon(&[a])),
        9 => (
            format!("|-{nl}{indent}  [{a}, {b}]{nl}"),
            format!("{}{nl}", canon(&[a, b])),
        ),
        // Ambiguous: an object is not a list; no fix.
        _ => {
            let v = format!("'{{\"pools\": [\"{a}\"]}}'");
            (v.clone(), v)
        }
    }
}

fn comment(r: &mut Rng) -> String {
    if r.below(3) == 0 {
        format!("   {}", r.pick(COMMENTS))
    } else {
        String::new()
    }
}

/// A generated stream: (input, expected fix output, number of values that stay invalid).
fn manifest(r: &mut Rng) -> (String, String, usize) {
    let nl = if r.below(4) == 0 { "\r\n" } else { "\n" };
    let ind = if r.below(2) == 0 { "  " } else { "    " };
    let mut input = String::new();
    let mut want = String::new();
    let mut invalid = 0;
    let docs = 1 + r.below(3);
    for d in 0..docs {
        let mut push = |i: &str, w: &str| {
            input.push_str(i);
            want.push_str(w);
        };
        if d > 0 || r.below(2) == 0 {
            push(&format!("---{nl}"), &format!("---{nl}"));
        }
        if r.below(3) == 0 {
            let c = format!("{}{nl}", r.pick(COMMENTS));
            push(&c, &c);
        }
        let deployment = r.below(2) == 0;
        let (meta_ind, head) = if deployment {
            (
                format!("{ind}{ind}{ind}"),
                format!("apiVersion: apps/v1{nl}kind: Deployment{nl}metadata:{nl}{ind}name: d{d}{nl}spec:{nl}{ind}replicas: 1{nl}{ind}template:{nl}{ind}{ind}metadata:{nl}"),
            )
        } else {
            (
                ind.to_string(),
                format!(
                    "apiVersion: v1{nl}kind: Pod{nl}metadata:{nl}{ind}name: p{d}{}{nl}",
                    comment(r)
                ),
            )
        };
        push(&head, &head);
        let ann_head = format!("{meta_ind}annotations:{}{nl}", comment(r));
        let meta_ind = meta_ind.as_str();
        push(&ann_head, &ann_head);
        let keys = [
            "cni.projectcalico.org/ipv4pools",
            "cni.projectcalico.org/ipv6pools",
            "example.com/note",
        ];
        for key in keys.iter().take(1 + r.below(3)) {
            let entry_ind = format!("{meta_ind}{ind}");
            if r.below(4) == 0 {
                let c = format!("{entry_ind}{}{nl}", r.pick(COMMENTS));
                push(&c, &c);
            }
            if *key == "example.com/note" {
                let line = format!(
                    "{entry_ind}{key}: \"keep 'this' exactly\"{}{nl}",
                    comment(r)
                );
                push(&line, &line);
                continue;
            }
            let pools = if key.ends_with("ipv6pools") {
                POOLS_V6
            } else {
                POOLS_V4
            };
            let (vi, vw) = pools_value(r, pools, &entry_ind, nl);
            if vi == vw && vi.starts_with("'{") {
                invalid += 1;
            }
            if vi.starts_with('|') {
                push(
                    &format!("{entry_ind}{key}: {vi}"),
                    &format!("{entry_ind}{key}: {vw}"),
                );
            } else {
                let c = comment(r);
                push(
                    &format!("{entry_ind}{key}: {vi}{c}{nl}"),
                    &format!("{entry_ind}{key}: {vw}{c}{nl}"),
                );
            }
        }
        let tail = if deployment {
            format!("{ind}{ind}spec:{nl}{ind}{ind}{ind}containers:{nl}{ind}{ind}{ind}- name: app{nl}{ind}{ind}{ind}  image: nginx{nl}")
        } else {
            format!(
                "spec:{nl}{ind}containers:{nl}{ind}- name: app{nl}{ind}  image: nginx{}{nl}",
                comment(r)
            )
        };
        push(&tail, &tail);
        if r.below(4) == 0 {
            push(nl, nl);
        }
    }
    (input, want, invalid)
}

#[test]
fn fixes_keep_every_other_byte_are_idempotent_and_clear_their_errors() {
    let profile = Profile::default();
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..400 {
        let (input, want, invalid) = manifest(&mut r);
        let out = fix(&input, None, &profile, false);
        assert_eq!(
            out.fixed, want,
            "case {case}: fix output differs\n--- input\n{input}\n--- want\n{want}"
        );
        let again = fix(&out.fixed, None, &profile, false);
        assert_eq!(
            again.fixed, out.fixed,
            "case {case}: fixing twice differs from fixing once"
        );
        let remaining = check(&out.fixed, &profile);
        let errors: Vec<_> = remaining
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert_eq!(
            errors.len(),
            invalid,
            "case {case}: {errors:#?}\n{}",
            out.fixed
        );
        for a in &out.applied {
            assert!(
                !remaining
                    .diagnostics
                    .iter()
                    .any(|d| d.rule == a.rule && d.path == a.path && d.object == a.object),
                "case {case}: {} still reported after its fix",
                a.rule
            );
        }
    }
}

/// Found by the `manifests` fuzz target (fuzz/regressions/manifests/fix-not-idempotent-*):
/// eight annotations moved from a DaemonSet into its pod template insert at the same point,
/// so they take a round each, and the 10-round limit stopped before the last fix; a second
/// `fix` still changed the text.
#[test]
fn fixing_is_idempotent_when_a_fix_of_a_round_breaks_the_yaml() {
    let text = "---\r\napiVersion: v1\r\nkind: Deployment\r\nmetadata:\r\n  name: \"\"\r\nspec:\r\n  template:\r\n    metadata:\r\n      annotations:\r\n        k8s.v1.cni.cncf.io/network: >-\r\n        \r\n\r\n---\napiVersion: v1\nkind: DaemonSet\nmetadata:\n  name: \"\"\n  annotations:\n    cni.projectcalico.org/ipFamilies: {\"name\":\"x\"}\n    cni.projectcalico.org/ipv6pools: default-ipv4-ippool\n    cni.projectcalico.org/ipAddrs: '10.0.0.0/16'\n    cni.projectcalico.org/allowedSourcePrefixes: ns/net@eth1\n    cni.projectcalico.org/ipv6pools: [\"10.0.0.5/32\"]\n    cni.projectcalico.org/hwAddr: \"\u{201c}p\u{201d}\"\n    cni.projectcalico.org/podIP: [\"IPv4\",\"ipv6\"]\n    cni.projectcalico.org/ipv6pools: '02:00:00:00:00:01'\n\n";
    let p = Profile::default();
    let once = podnet_lint::fix(text, None, &p, false);
    let twice = podnet_lint::fix(&once.fixed, None, &p, false);
    assert_eq!(twice.fixed, once.fixed);
}
