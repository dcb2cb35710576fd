#!/usr/bin/env python3
"""Writes the markup-injection corpus that server/tests/html_injection.rs and
tests/e2e/injection.test.mjs read: payloads.json (the payload strings, a profile and an
inventory built from them) and the manifests that put every payload where a user's text
goes: a comment, object names and namespaces, label and annotation keys and values, the
Multus JSON and short forms, a NAD's name and config. Every element or attribute a payload
would create carries the marker `pwn` (an id `pwn-*`, an attribute `data-pwn`, or code that
sets `window.__pwn`), so a test asserts structurally that none exists after the page loads.
A NUL byte cannot be in a YAML stream, so it gets a manifest of its own.

Run it from anywhere: python3 tests/security/generate.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# Each payload closes an element or context it could sit in, then spells markup.
PAYLOADS = [
    "</textarea><h1 id=pwn-textarea data-pwn>textarea</h1><script>window.__pwn=1</script>",
    "</title><h1 id=pwn-title data-pwn>title</h1>",
    "</script><h1 id=pwn-script data-pwn>script</h1><script>window.__pwn=1</script>",
    "</style><h1 id=pwn-style data-pwn>style</h1><style>body{display:none}</style>",
    "</noscript><h1 id=pwn-noscript data-pwn>noscript</h1>",
    "--><h1 id=pwn-comment data-pwn>comment</h1><!--",
    "]]><h1 id=pwn-cdata data-pwn>cdata</h1>",
    "\"'><h1 id=pwn-attr data-pwn>attr</h1>",
    "\" data-pwn=\"1\" onmouseover=\"window.__pwn=1",
    "' data-pwn='1' onfocus='window.__pwn=1",
    "</code></pre><h1 id=pwn-pre data-pwn>pre</h1>",
    "<img src=x data-pwn onerror=window.__pwn=1>",
    "<!--<script>window.__pwn=1</script>-->",
    "<svg><a data-pwn href=javascript:window.__pwn=1>svg</a></svg>",
    "javascript:window.__pwn=1",
    "data:text/html,<h1 id=pwn-data data-pwn>data</h1>",
    "&lt;h1 data-pwn&gt;&amp;lt;",
    "line\u2028separator\u2029paragraph</script><h1 id=pwn-u2028 data-pwn>u2028</h1>",
]
NUL = "nul\u0000byte</textarea><h1 id=pwn-nul data-pwn>nul</h1>"


def sq(s):
    """A YAML single-quoted scalar."""
    return "'" + s.replace("'", "''") + "'"


def json_str(s):
    return json.dumps(s, ensure_ascii=False)


def manifest(payloads):
    docs = []
    for i, p in enumerate(payloads):
        networks = json.dumps(
            [{"name": p, "interface": p, "mac": p}, {"name": "macvlan-conf", "namespace": p}],
            ensure_ascii=False,
        )
        docs.append(
            f"""# {p}
apiVersion: v1
kind: Pod
metadata:
  name: {sq(p)}
  namespace: {sq(p)}
  labels:
    {sq("pwn.example/" + p)}: {sq(p)}
  annotations:
    cni.projectcalico.org/ipv4pools: {sq(p)}   # {p}
    k8s.v1.cni.cncf.io/networks: {sq(networks)}
    cni.projectcalico.org/ipAddrs: {sq(json.dumps([p, "10.0.0.1"], ensure_ascii=False))}
    cni.projectcalico.org/hwAddr: {sq(p)}
    {sq("cni.projectcalico.org/" + p)}: {sq(p)}
spec:
  containers:
  - name: app
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: short-form-{i}
  annotations:
    k8s.v1.cni.cncf.io/networks: {sq(p + ", other@" + p)}
    v1.multus-cni.io/default-network: {sq(p)}
spec:
  containers:
  - name: app
    image: nginx
---
apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: {sq(p)}
spec:
  config: {sq('{"cniVersion": ' + json_str(p) + ', "type": ' + json_str(p) + ', "plugins": [] ')}
"""
        )
    return "---\n".join(docs)


def inventory(payloads):
    return "---\n".join(
        f"""apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: {sq(p)}
  namespace: {sq(p)}
spec:
  config: {sq('{"cniVersion": "0.3.1", "type": ' + json_str(p) + "}")}
"""
        for p in payloads
    )


def profile(p):
    return {
        "namespace": p,
        "multus": {"multusNamespace": p, "clusterInterface": p},
        "calico": {"version": p},
    }


def main():
    with open(os.path.join(HERE, "payloads.yaml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(manifest(PAYLOADS))
    with open(os.path.join(HERE, "payloads-nul.yaml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(manifest([NUL]))
    data = {
        "payloads": PAYLOADS + [NUL],
        "profile": profile(PAYLOADS[0]),
        "inventory": inventory(PAYLOADS),
    }
    with open(os.path.join(HERE, "payloads.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(data, f, ensure_ascii=True, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
