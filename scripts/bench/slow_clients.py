#!/usr/bin/env python3
"""Slow-client checks against a running podnet server (127.0.0.1 only, bounded in time).

1. Opens N idle TCP connections (nothing sent), then times M normal `POST /api/v1/check`
   requests on a fresh connection while they are held; afterwards counts how many idle
   connections the server has closed by then.
2. Sends a check request whose body trickles in (1 byte every --trickle seconds, Content-Length
   far larger) and reports the status line the server answers with and after how long
   (or that it closed the connection), bounded by --slow-limit seconds.
Usage: slow_clients.py --port 3962 [--idle 1000] [--requests 20]
"""
import argparse
import asyncio
import statistics
import time
from pathlib import Path

BODY = (Path(__file__).resolve().parent / "pod-40.yaml").read_bytes()


async def check_request(host, port):
    t0 = time.perf_counter()
    r, w = await asyncio.open_connection(host, port)
    w.write(b"POST /api/v1/check HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/yaml\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n" % (host.encode(), port, len(BODY)) + BODY)
    await w.drain()
    status = (await r.readline()).decode().strip()
    await r.read()  # to EOF (Connection: close)
    w.close()
    return status, (time.perf_counter() - t0) * 1000


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=3962)
    ap.add_argument("--idle", type=int, default=1000)
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--trickle", type=float, default=1.0)
    ap.add_argument("--slow-limit", type=float, default=75.0)
    a = ap.parse_args()
    assert a.host.startswith("127.") or a.host in ("localhost", "::1"), "loopback only"

    base = [await check_request(a.host, a.port) for _ in range(5)]
    print(f"baseline (no idle connections): {len(base)} requests, median {statistics.median(t for _, t in base):.1f} ms, status {base[0][0]}")

    idle, failed = [], 0
    t0 = time.perf_counter()
    for _ in range(a.idle):
        try:
            idle.append(await asyncio.wait_for(asyncio.open_connection(a.host, a.port), 5))
        except (OSError, asyncio.TimeoutError):
            failed += 1
    print(f"opened {len(idle)} idle connections in {time.perf_counter() - t0:.1f} s ({failed} failed)")
    res = []
    for _ in range(a.requests):
        res.append(await asyncio.wait_for(check_request(a.host, a.port), 30))
    lat = sorted(t for _, t in res)
    ok = sum(1 for s, _ in res if " 200 " in s + " ")
    print(f"with {len(idle)} idle connections held: {len(res)} check requests, {ok} answered 200, "
          f"median {statistics.median(lat):.1f} ms, max {lat[-1]:.1f} ms")
    # How many idle connections has the server closed meanwhile?
    closed = 0
    for r, _ in idle:
        try:
            data = await asyncio.wait_for(r.read(1), 0.001)
            closed += data == b""
        except asyncio.TimeoutError:
            pass
    print(f"idle connections already closed by the server {time.perf_counter() - t0:.0f} s after opening: {closed}/{len(idle)}")
    for _, w in idle:
        w.close()

    # Slow request body.
    r, w = await asyncio.open_connection(a.host, a.port)
    w.write(b"POST /api/v1/check HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/yaml\r\n"
            b"Content-Length: 100000\r\n\r\n" % (a.host.encode(), a.port))
    await w.drain()
    t0 = time.perf_counter()
    sent, status = 0, None
    reader = asyncio.ensure_future(r.readline())
    while time.perf_counter() - t0 < a.slow_limit:
        done, _ = await asyncio.wait({reader}, timeout=a.trickle)
        if done:
            status = reader.result().decode(errors="replace").strip() or "(connection closed, no response)"
            break
        try:
            w.write(b"#")
            await w.drain()
            sent += 1
        except (ConnectionError, OSError) as e:
            status = f"(write failed: {type(e).__name__})"
            break
    t = time.perf_counter() - t0
    if status is None:
        reader.cancel()
        print(f"slow body: no answer within {a.slow_limit:.0f} s ({sent} bytes sent) -- NOT timed out")
    else:
        rest = b""
        try:
            rest = await asyncio.wait_for(r.read(400), 2)
        except (asyncio.TimeoutError, ConnectionError):
            pass
        body = rest.split(b"\r\n\r\n", 1)[-1][:160].decode(errors="replace")
        print(f"slow body (1 byte / {a.trickle:g} s): server answered {status!r} after {t:.1f} s, {sent} bytes sent; body: {body}")
    w.close()


if __name__ == "__main__":
    asyncio.run(main())
