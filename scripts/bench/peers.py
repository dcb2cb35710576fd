#!/usr/bin/env python3
"""podnet next to its peers (issue 9), driven by scripts/bench-peers.sh.

1. Throughput: one generated stream of N annotated Pods/Deployments (gen_stream.py) is
   checked once by each tool; wall time and peak RSS (os.wait4 rusage of the tool's process
   tree: the largest max-RSS among the child and the descendants it waited for) are recorded.
2. Coverage: every sample-corpus case whose expected.md lists an error-level finding is run
   through each tool. Reported per case: did the tool report anything at all, and did any of
   its findings concern the Multus/Calico annotation (the key `k8s.v1.cni.cncf.io/...` or
   `cni.projectcalico.org/...` in a finding's message / path / evaluated keys); for podnet,
   whether it reported the expected rule at error level.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANNOT_RE = re.compile(r"k8s\.v1\.cni\.cncf\.io|cni\.projectcalico\.org")
RULE_RE = re.compile(r"\b((?:MUL|CAL|NAD|SUP)-[A-Z0-9]+)\b")


def run(cmd, out_path, env=None, timeout=1800):
    """Run cmd with stdout+stderr to files; return (wall s, peak RSS MiB, exit code)."""
    with open(out_path, "wb") as out, open(str(out_path) + ".err", "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        try:
            _, status, ru = os.wait4(p.pid, 0)
        except KeyboardInterrupt:
            p.kill()
            raise
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_maxrss / 1024.0, p.returncode


def tools(args):
    venv = Path(args.prefix) / "venv" / "bin"
    env = dict(os.environ)
    # checkov: no calls home, no guide download, no version check.
    env.update({"BC_SKIP_MAPPING": "TRUE", "CHECKOV_SKIP_UPDATE_CHECK": "1", "ANSI_COLORS_DISABLED": "1"})
    menv = dict(os.environ, MONOKLE_PREFIX=str(Path(args.prefix) / "npm"))
    return {
        "podnet": (lambda files: [args.podnet, "check", "--format", "json", *files], None),
        "kubernetes-validate": (lambda files: [str(venv / "kubernetes-validate"), "--quiet", *files], None),
        "checkov": (lambda files: [str(venv / "checkov"), "--framework", "kubernetes", "--skip-download",
                                   "--compact", "--quiet", "-o", "json", *sum((["-f", f] for f in files), [])], env),
        "monokle": (lambda files: ["node", str(HERE / "monokle-check.mjs"), *files], menv),
    }


def count_findings(tool, text):
    """Number of findings in a tool's output on the stream (for the table's last column)."""
    try:
        if tool == "podnet":
            return sum(len(f["diagnostics"]) for f in json.loads(text)["files"])
        if tool == "checkov":
            j = json.loads(text)
            j = j if isinstance(j, list) else [j]
            return sum(len(x.get("results", {}).get("failed_checks", [])) for x in j)
        if tool == "monokle":
            return json.loads(text)["results"]
        if tool == "kubernetes-validate":
            return sum(1 for l in text.splitlines() if l.startswith("ERROR"))
    except Exception as e:  # noqa: BLE001
        return f"? ({type(e).__name__})"
    return "?"


def throughput(args, out):
    stream = out / "stream.yaml"
    stream.write_text(subprocess.check_output([sys.executable, str(HERE / "gen_stream.py"), str(args.objects)], text=True))
    size = stream.stat().st_size
    print(f"\n## Throughput: {args.objects} objects, {size} bytes ({size / 2**20:.2f} MiB), {args.repeat} run(s) each, median wall\n")
    rows = []
    for name, (cmd, env) in tools(args).items():
        if args.only and name not in args.only:
            continue
        walls, rsss = [], []
        for i in range(args.repeat):
            o = out / f"stream.{name}.out"
            wall, rss, rc = run(cmd([str(stream)]), o, env)
            walls.append(wall)
            rsss.append(rss)
            print(f"  {name} run {i + 1}: {wall:.2f} s, {rss:.0f} MiB, exit {rc}", file=sys.stderr)
        rows.append((name, statistics.median(walls), max(rsss), rc, count_findings(name, o.read_text(errors="replace"))))
    base = next((r[1] for r in rows if r[0] == "podnet"), None)
    print("| tool | wall s | peak MiB | wall / podnet | exit | findings |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, wall, rss, rc, n in rows:
        ratio = f"{wall / base:.1f}x" if base else "-"
        print(f"| {name} | {wall:.2f} | {rss:.0f} | {ratio} | {rc} | {n} |")
    return rows


def parse_peer(n, o, files, rc):
    """Findings per case file (stem -> list of strings), or None when the run failed as a whole."""
    text = o.read_text(errors="replace")
    per = {f.stem: [] for f in files}
    try:
        if n == "kubernetes-validate":
            # ERROR lines are findings; WARN "Couldn't find schema" (CRDs) is not counted.
            for line in (text + Path(str(o) + ".err").read_text(errors="replace")).splitlines():
                if line.startswith("ERROR"):
                    for stem in per:
                        if f"/{stem}.yaml" in line:
                            per[stem].append(line)
            if rc not in (0, 1):
                return None
        elif n == "checkov":
            j = json.loads(text)
            for x in (j if isinstance(j, list) else [j]):
                for c in x.get("results", {}).get("failed_checks", []):
                    stem = Path(c["file_abs_path"]).stem
                    if stem in per:
                        per[stem].append(json.dumps({k: c.get(k) for k in ("check_id", "check_name", "check_result", "resource")}))
        elif n == "monokle":
            for fi in json.loads(text)["findings"]:
                for stem in per:
                    if f"/{stem}.yaml" in (fi.get("path") or ""):
                        per[stem].append(json.dumps({k: fi.get(k) for k in ("rule", "message")}) + " " +
                                         (fi.get("path") or "").split(" ", 1)[-1])
    except (ValueError, KeyError):
        return None
    return per


def error_cases(corpus):
    cases = []
    for exp in sorted(Path(corpus).glob("*/*/expected.md")):
        rules = []
        for line in exp.read_text().splitlines():
            cells = [c.strip().lower() for c in line.split("|")]
            if line.startswith("|") and "error" in cells:
                rules += RULE_RE.findall(line)
        if rules:
            text = exp.read_text()
            flags = ["--namespace-isolation"] if "namespaceIsolation=true" in text else []
            cases.append((exp.parent, sorted(set(rules)), flags))
    return cases


def coverage(args, out):
    cases = error_cases(args.corpus)
    cdir = out / "corpus"
    shutil.rmtree(cdir, ignore_errors=True)
    cdir.mkdir(parents=True)
    files = []
    for d, _, _ in cases:
        f = cdir / f"{d.parent.name}-{d.name}.yaml"
        shutil.copy(d / "input.yaml", f)
        files.append(f)
    names = [n for n in tools(args) if not args.only or n in args.only]
    res = {n: {} for n in names}  # tool -> file stem -> (anything, on annotation, detail)

    # podnet: one process per case (cases may need their own profile flags). Expected rules
    # may be named by an alias (MUL-C02 = CAL-S003): resolve them through `podnet rules --json`.
    if "podnet" in names:
        alias = {}
        for r in json.loads(subprocess.check_output([args.podnet, "rules", "--json"], text=True)):
            for a in r.get("aliases") or []:
                alias[a] = r["id"]
        for (d, rules, flags), f in zip(cases, files):
            r = subprocess.run([args.podnet, "check", "--format", "json", *flags, str(f)], capture_output=True, text=True)
            diags = [x for fl in json.loads(r.stdout)["files"] for x in fl["diagnostics"]]
            hit = [x for x in diags if x.get("severity") == "error" and x.get("rule") in {alias.get(r, r) for r in rules}]
            got = sorted({x.get("rule") for x in diags if x.get("severity") == "error"})
            res["podnet"][f.stem] = (bool(diags), bool(hit), ",".join(got) or "-")
    # Peers: one process over all case files; if that run fails as a whole (checkov aborts the
    # run on a traceback in one check), one process per case, and a failing case is "crash".
    tl = tools(args)
    for n in names:
        if n == "podnet":
            continue
        cmd, env = tl[n]
        o = out / f"corpus.{n}.out"
        _, _, rc = run(cmd([str(f) for f in files]), o, env)
        per = parse_peer(n, o, files, rc)
        if per is None:
            per = {}
            for f in files:
                of = out / f"corpus.{n}.{f.stem}.out"
                _, _, rc = run(cmd([str(f)]), of, env)
                one = parse_peer(n, of, [f], rc)
                per[f.stem] = None if one is None else one[f.stem]
        for stem, found in per.items():
            if found is None:
                first = (out / f"corpus.{n}.{stem}.out.err").read_text(errors="replace").strip().splitlines()
                res[n][stem] = (False, False, "crash: " + (first[-1][:60] if first else "?"))
                continue
            on = [x for x in found if ANNOT_RE.search(x)]
            res[n][stem] = (bool(found), bool(on), f"{len(found)} ({len(on)} on annotation)")
    print(f"\n## Coverage: {len(cases)} sample-corpus cases whose expected.md lists an error\n")
    print("Cell: podnet = error rules reported (ok = the expected rule is among them); "
          "peers = findings reported (of which about the Multus/Calico annotation).\n")
    print("| case | expected | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for (d, rules, flags), f in zip(cases, files):
        cells = []
        for n in names:
            anything, on, detail = res[n][f.stem]
            cells.append(f"{'ok ' if n == 'podnet' and on else ''}{detail}")
        print(f"| {d.parent.name}/{d.name} | {', '.join(rules)} | " + " | ".join(cells) + " |")
    print("\n| tool | cases with any finding | cases with a finding on the annotation (podnet: the expected rule) |")
    print("|---|---:|---:|")
    for n in names:
        a = sum(1 for v in res[n].values() if v[0])
        b = sum(1 for v in res[n].values() if v[1])
        print(f"| {n} | {a}/{len(cases)} | {b}/{len(cases)} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix", default="target/bench-peers")
    ap.add_argument("--podnet", default="target/release/podnet")
    ap.add_argument("--corpus", default="tests/corpus/shared")
    ap.add_argument("--objects", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--only", nargs="*", help="subset of tools")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--skip-coverage", action="store_true")
    args = ap.parse_args()
    out = Path(args.prefix) / "run"
    out.mkdir(parents=True, exist_ok=True)
    if not args.skip_throughput:
        throughput(args, out)
    if not args.skip_coverage:
        coverage(args, out)


if __name__ == "__main__":
    main()
