#!/usr/bin/env python3
"""Seed fuzz/corpus/ from what the project already knows is interesting:
the labelled WAF corpus, the shipped and test rule files, and a few
hand-picked shapes. Deterministic; run it again after the corpus changes.
libFuzzer grows its own working copy from these seeds (scripts/fuzz.sh)."""
import hashlib, json, os, pathlib, random

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"
rng = random.Random(7)


def put(target, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


requests = []
for name in ("attacks.jsonl", "legit.jsonl"):
    for line in (ROOT / "tests" / "waf-corpus" / name).read_text().splitlines():
        if line.strip():
            requests.append(json.loads(line))
rng.shuffle(requests)

for r in requests[:250]:
    head = f"{r['method']} {r['url']}\n"
    for k, v in r.get("headers", {}).items():
        for one in v if isinstance(v, list) else [v]:
            head += f"{k}: {one}\n"
    head += f"ip: {r.get('client_ip', '198.51.100.1')}\n"
    body = r.get("body")
    put("evaluate", (head + ("\n" + body if body else "")).encode("utf-8", "surrogateescape"))

for i, r in enumerate(x for x in requests if x.get("body")):
    if i >= 120:
        break
    put("body_parsers", bytes([i % 7]) + r["body"].encode("utf-8", "surrogateescape"))

values = []
for r in requests:
    q = r["url"].split("?", 1)[1] if "?" in r["url"] else ""
    values += [p.split("=", 1)[-1] for p in q.split("&") if p]
    values += [str(v) for v in r.get("headers", {}).values()]
rng.shuffle(values)
for i, v in enumerate(values[:250]):
    put("detectors", v.encode("utf-8", "surrogateescape"))
    put("transforms", bytes([i % 256]) + v.encode("utf-8", "surrogateescape"))

for path in list((ROOT / "rules").glob("*.toml")) + list((ROOT / "tests" / "e2e" / "rules").glob("*.toml")) + list((ROOT / "tests" / "e2e" / "broken-rules").glob("*.toml")):
    put("load_rules", path.read_bytes())
