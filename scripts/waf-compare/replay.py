#!/usr/bin/env python3
"""Replay corpus requests (edgewall eval input format) over real HTTP/1.1.

    replay.py --port N --out results.jsonl corpus1.jsonl [corpus2.jsonl ...]

Every request is written to a fresh TCP connection as raw bytes, exactly as
the corpus line says: method, path and query byte for byte (never
re-encoded), every header in order (an array value is sent as repeated
header lines), the body as UTF-8. No HTTP library is used, because the
corpus holds requests a library would refuse or "fix" (CR LF or NUL inside a
header value, Content-Length together with Transfer-Encoding, duplicate
Host, header names with spaces, malformed percent-encoding).

What the replayer adds, and only when the corpus line does not have it:
  - `Host: example.com`;
  - `Content-Length` for a body, unless the line names its own
    Content-Length or Transfer-Encoding (then the body goes as given, e.g. a
    hand-made chunked body);
  - `Connection: close`, so that the server's close ends the response.

Requests go one after the other (sequential). With --passes N the whole
corpus is sent N times; the statuses are those of the first pass (a
request whose status changes between passes is reported), the time is the
fastest pass, which is the least disturbed by other work on the machine.
One result line per request:
{"id":..,"status":403,"us":812.4,"unique_id":"..."} with status null and an
"error" on a timeout or a connection failure. The summary (count, total wall
seconds, mean microseconds) goes to stderr as one JSON line and into
<out>.meta.json.
"""

import argparse
import json
import socket
import sys
import time


def build(req):
    method = req.get("method", "GET")
    head = [f"{method} {req['url']} HTTP/1.1"]
    headers = req.get("headers") or {}
    names = {k.lower() for k in headers}
    if "host" not in names:
        head.append("Host: example.com")
    for name, value in headers.items():
        for v in value if isinstance(value, list) else [value]:
            head.append(f"{name}: {v}")
    body = req.get("body")
    data = body.encode("utf-8") if body is not None else b""
    if body is not None and "content-length" not in names and "transfer-encoding" not in names:
        head.append(f"Content-Length: {len(data)}")
    if "connection" not in names:
        head.append("Connection: close")
    return ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + data


def send(host, port, raw, timeout):
    """Send raw bytes, read to EOF; return (status, headers dict, error)."""
    buf = b""
    err = None
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            try:
                s.sendall(raw)
            except (BrokenPipeError, ConnectionResetError) as e:
                err = f"send: {e.__class__.__name__}"   # the server may still have answered
            while True:
                try:
                    chunk = s.recv(65536)
                except ConnectionResetError:
                    break
                if not chunk:
                    break
                buf += chunk
    except socket.timeout:
        return None, {}, "timeout"
    except OSError as e:
        return None, {}, f"{e.__class__.__name__}: {e}"
    head = buf.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    lines = head.split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        return None, {}, err or f"no HTTP response ({len(buf)} bytes)"
    hdrs = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            hdrs[k.strip().lower()] = v.strip()
    return int(parts[1]), hdrs, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--passes", type=int, default=1)
    ap.add_argument("corpus", nargs="+")
    a = ap.parse_args()

    reqs = []
    for path in a.corpus:
        with open(path, encoding="utf-8") as f:
            for line in f:          # file iteration splits on \n only
                if line.strip():
                    reqs.append(json.loads(line))
    raws = [build(r) for r in reqs]

    results = None
    walls = []
    unstable = 0
    for _ in range(max(1, a.passes)):
        rows = []
        t_all = time.perf_counter()
        for req, raw in zip(reqs, raws):
            t0 = time.perf_counter()
            status, hdrs, err = send(a.host, a.port, raw, a.timeout)
            us = (time.perf_counter() - t0) * 1e6
            row = {"id": req.get("id"), "status": status, "us": round(us, 1)}
            if hdrs.get("x-unique-id"):
                row["unique_id"] = hdrs["x-unique-id"]
            if err:
                row["error"] = err
            rows.append(row)
        walls.append(time.perf_counter() - t_all)
        if results is None:
            results = rows
        else:
            for first, again in zip(results, rows):
                if first["status"] != again["status"]:
                    unstable += 1
                    first.setdefault("other_statuses", []).append(again["status"])
    wall = min(walls)

    with open(a.out, "w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    meta = {"requests": len(results), "passes": len(walls), "wall_s": round(wall, 3),
            "wall_s_all_passes": [round(w, 3) for w in walls],
            "us_per_request": round(wall * 1e6 / max(1, len(results)), 1),
            "errors": sum(1 for r in results if r["status"] is None),
            "unstable": unstable}
    with open(a.out + ".meta.json", "w") as f:
        json.dump(meta, f)
    print(json.dumps(meta), file=sys.stderr)


if __name__ == "__main__":
    main()
