#!/usr/bin/env python3
"""Function lengths under a Rust source tree (default lint/src/rules), and rule counts.

Prints: rule files (files declaring at least one rule), rules, lines per rule (the file's
lines divided by its rules; median and max), and every function longer than the limit.
A function runs from its `fn` line to the matching closing brace (braces inside strings,
chars and comments are skipped). Usage: scripts/fn-lengths.py [DIR] [--limit N] [--list]
"""
import os, re, statistics, sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
root = args[0] if args else "lint/src/rules"
limit = 120
if "--limit" in sys.argv:
    limit = int(sys.argv[sys.argv.index("--limit") + 1])
    args = [a for a in args if a != str(limit)]
    root = args[0] if args else "lint/src/rules"

FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)")


def strip(line, state):
    """Removes strings, chars and comments from a line; `state` carries block comments and
    raw/normal strings across lines."""
    out = []
    i = 0
    while i < len(line):
        if state["block"]:
            j = line.find("*/", i)
            if j < 0:
                return "".join(out)
            state["block"] = False
            i = j + 2
            continue
        if state["str"] is not None:
            end = state["str"]
            if end == '"':
                if line[i] == "\\":
                    i += 2
                    continue
                if line[i] == '"':
                    state["str"] = None
                i += 1
                continue
            j = line.find(end, i)
            if j < 0:
                return "".join(out)
            state["str"] = None
            i = j + len(end)
            continue
        c = line[i]
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            state["block"] = True
            i += 2
            continue
        m = re.match(r'r(#*)"', line[i:])
        if m and (i == 0 or not (line[i - 1].isalnum() or line[i - 1] == "_")):
            state["str"] = '"' + m.group(1)
            i += len(m.group(0))
            continue
        if c == '"':
            state["str"] = '"'
            i += 1
            continue
        if c == "'":
            m = re.match(r"'(\\.|\\u\{[0-9a-fA-F]+\}|[^\\'])'", line[i:])
            if m:
                i += len(m.group(0))
                continue
        out.append(c)
        i += 1
    return "".join(out)


def functions(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    state = {"block": False, "str": None}
    code = [strip(l, state) for l in lines]
    out = []
    for n, l in enumerate(code):
        m = FN.match(l)
        if not m:
            continue
        depth, opened = 0, False
        for k in range(n, len(code)):
            for ch in code[k]:
                if ch == "{":
                    depth += 1
                    opened = True
                elif ch == "}":
                    depth -= 1
                elif ch == ";" and not opened and depth == 0:
                    break
            else:
                if opened and depth == 0:
                    out.append((m.group(6), n + 1, k - n + 1))
                    break
                continue
            break
    return out


rule_files, per_rule, long_fns, nrules = 0, [], [], 0
for dirpath, _, files in os.walk(root):
    for f in sorted(files):
        if not f.endswith(".rs"):
            continue
        p = os.path.join(dirpath, f)
        text = open(p, encoding="utf-8").read()
        rules = len(re.findall(r"declare_rule!\s*\{", text))
        if rules:
            rule_files += 1
            nrules += rules
            per_rule += [len(text.split("\n")) / rules] * rules
        for name, line, length in functions(p):
            if length > limit:
                long_fns.append((length, f"{p}:{line}", name))
print(f"rule files: {rule_files}, rules: {nrules}")
if per_rule:
    print(f"lines per rule: median {statistics.median(per_rule):.0f}, max {max(per_rule):.0f}")
print(f"functions over {limit} lines: {len(long_fns)}")
for length, where, name in sorted(long_fns, reverse=True):
    print(f"  {length:5} {where} {name}")
