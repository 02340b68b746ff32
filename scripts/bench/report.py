"""Writes bench/results/README.md, the CSV files and the PNG plots from the
raw results scripts/bench.sh leaves in bench/results/raw/ (each part's
JSON; a part not run this time keeps its last results).

    python scripts/bench/report.py RESULTS_DIR CRITERION_DIR

Reads criterion's own output (CRITERION_DIR/**/new/benchmark.json and
estimates.json) for the native benches and keeps what it used in
raw/criterion.json, so the report can be rebuilt without target/.
"""

import csv
import json
import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

RESULTS = Path(sys.argv[1])
CRITERION = Path(sys.argv[2])
RAW = RESULTS / "raw"
GROUPS = {"waf", "mix", "waf_scaling", "waf_scaling_load", "ipset_contains", "linear_scan_baseline", "policy_evaluate"}


def load(name):
    p = RAW / name
    return json.loads(p.read_text()) if p.exists() else None


def criterion():
    """Fresh criterion estimates merged over the kept ones: {full_id: {...}}."""
    kept = load("criterion.json") or {}
    fresh = {}
    for bj in CRITERION.glob("**/new/benchmark.json"):
        b = json.loads(bj.read_text())
        if b["group_id"] not in GROUPS:
            continue
        est = json.loads((bj.parent / "estimates.json").read_text())
        fresh[b["full_id"]] = {
            "group": b["group_id"],
            "function": b.get("function_id"),
            "value": b.get("value_str"),
            "median_ns": est["median"]["point_estimate"],
            "mean_ns": est["mean"]["point_estimate"],
            "throughput": b.get("throughput"),
            "mtime": os.path.getmtime(bj),
        }
    for k, v in fresh.items():
        if k not in kept or kept[k].get("mtime", 0) < v["mtime"]:
            kept[k] = v
    (RAW / "criterion.json").write_text(json.dumps(kept, indent=2, sort_keys=True) + "\n")
    return kept


def fmt_ns(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.1f} µs"
    return f"{ns:.0f} ns"


def fmt_ratio(x):
    return f"{x:.0f}×" if x >= 10 else f"{x:.2f}×"


def kib(b):
    return f"{b / 1024:.0f} KiB"


def main():
    crit = criterion()
    out = []
    w = out.append
    by_part = (load("machine.json") or {}).get("by_part", {})
    # The machine table from the latest part; every part's own date below.
    machine = max(by_part.values(), key=lambda m: m["date"]) if by_part else {}
    w("# edgewall benchmark results\n")
    w("Written by `scripts/bench.sh` (see the README's *Benchmarks*); the raw figures are in `raw/`.")
    w("Every comparison is against a baseline measured in the same run.\n")
    if machine:
        w("| machine | |\n|---|---|")
        for k in ["date", "commit", "cpu", "cores", "memory", "kernel", "load_at_start", "rustc", "node", "wrk"]:
            if k in machine:
                w(f"| {k.replace('_', ' ')} | {machine[k]} |")
        w("")
        if len({(m["date"], m["commit"]) for m in by_part.values()}) > 1:
            w("Parts last run: " + ", ".join(f"{p} {m['date']} ({m['commit']})" for p, m in sorted(by_part.items())) + ".\n")
        w("The machine is shared (2 cores, other builds may run): absolute figures move by 10–30% from run to run; ratios against the in-run baseline move much less.\n")

    size = load("size.json")
    if size:
        w("## Bundle size\n")
        w("The Worker's wasm as `scripts/build-worker.sh` builds it (release, `opt-level = \"z\"`, LTO, wasm-opt), against the pass-through Worker built the same way (`EDGEWALL_PASSTHROUGH=1`: no engine, no rules). Cloudflare's limit is 3 MB compressed on the free plan (10 MB paid).\n")
        w("| Worker | wasm raw | wasm gzip -9 | share of the 3 MB free limit |\n|---|---:|---:|---:|")
        for kind in ["firewall", "passthrough"]:
            s = size[kind]
            w(f"| {kind} | {kib(s['wasm_bytes'])} | {kib(s['wasm_gzip9_bytes'])} | {100 * s['wasm_gzip9_bytes'] / 3e6:.0f}% |")
        d = size.get("wrangler_dry_run")
        if d:
            w(f"\n`wrangler deploy --dry-run` (offline) for the firewall: total upload {d['total_kib']} KiB, gzip {d['gzip_kib']} KiB.")
        w("")

    rt = load("runtime.json")
    wasm = load("wasm.json")
    if (rt and "cold_start" in rt) or wasm:
        w("## Cold start\n")
    if rt and "cold_start" in rt:
        c = rt["cold_start"]
        f, p = c["median"]["firewall"], c["median"]["passthrough"]
        w(f"A fresh workerd (Miniflare) instance per start, {c['starts_per_worker']} starts of each Worker, alternating; medians. *Ready*: from `new Miniflare()` to its URL answering (workerd started, wasm compiled); *first answer*: the first request, through to the origin (the firewall loads its rules on it); *second*: the next one.\n")
        w("| Worker | ready | first answer | fresh start to first answer | second answer |\n|---|---:|---:|---:|---:|")
        for name, m in [("firewall", f), ("pass-through", p)]:
            w(f"| {name} | {m['ready_ms']} ms | {m['first_answer_ms']} ms | **{m['total_ms']} ms** | {m['second_answer_ms']} ms |")
        w(f"\nThe firewall's fresh start to first answer is {f['total_ms'] / p['total_ms']:.2f}× the pass-through's (+{f['total_ms'] - p['total_ms']:.0f} ms), almost all of it on the first request ({f['first_answer_ms'] - p['first_answer_ms']:+.0f} ms): the rule load.\n")
    if wasm:
        wl = wasm["warm_load_ms"]
        cold = wasm["cold"]
        w(f"The rule load in wasm (the engine built for wasm32 as the Worker is, in Node {wasm['node']}; `scripts/bench-wasm.sh`): **{cold['rule_load_ms']:.0f} ms** on a fresh instance (median of {len(cold['runs'])} fresh processes; the module itself compiles in {cold['module_compile_ms']:.0f} ms), {wl['load']:.0f} ms once the code is warm. Where the warm load's time goes (each part redone alone with the loader's settings):\n")
        w("| part | ms | share |\n|---|---:|---:|")
        rows = [("TOML parse of the WAF file", "toml"), ("regex parse and compile (every `regex` rule)", "regex"),
                ("phrase-list Aho-Corasick DFAs", "phrases")]
        # Results from before each regex was parsed once (a second parse
        # for the prefilter's required bytes, timed on its own).
        if "regex_parse" in wl:
            rows.insert(2, ("regex parsed again for the prefilter's required bytes", "regex_parse"))
        for label, k in rows:
            w(f"| {label} | {wl[k]:.1f} | {100 * wl[k] / wl['load']:.0f}% |")
        rest = wl["load"] - sum(wl[k] for _, k in rows)
        w(f"| everything else (targets, transform chains, plan, other sections) | {rest:.1f} | {100 * rest / wl['load']:.0f}% |")
        if "regex_tree" in wl:
            w(f"| of the regex parse and compile: the parse (its tree also gives the prefilter's required bytes) | {wl['regex_tree']:.1f} | {100 * wl['regex_tree'] / wl['load']:.0f}% |")
        for k, v in wl.items():
            if k.startswith("regex:"):
                w(f"| of the regex parse and compile: rule `{k[6:]}` alone | {v:.1f} | {100 * v / wl['load']:.0f}% |")
        w("")

    w("## Per-request CPU\n")
    w("One evaluation of each benchmark request (`crates/engine/benches/support/samples.rs`: a browser GET, a 4 KB JSON POST whose items repeat values as order APIs do, the same with no value repeated, a 64 KB form of many short values, a JSON POST whose one string is a 60 KB article; all legitimate), with the shipped rules against the same policy without `[waf]`. *First sight*: every value evaluated as new (the cache of values that passed is off); *seen before*: the same request again with that cache warm, as from a returning browser.\n")
    w("| request | native no WAF | native first sight | ratio | native seen before | wasm no WAF | wasm first sight | ratio | wasm seen before | wasm / native (first sight) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    wasm_req = {r["request"]: r for r in (wasm or {}).get("per_request", [])}
    names = [n for n in ["get", "json_4k", "json_4k_distinct", "form_64k", "json_60k_text"] if f"waf/shipped_ruleset/{n}" in crit or n in wasm_req]
    for name in names:
        nb = crit.get(f"waf/baseline_no_waf/{name}", {}).get("median_ns")
        ns = crit.get(f"waf/shipped_ruleset/{name}", {}).get("median_ns")
        nr = crit.get(f"waf/shipped_ruleset_repeat/{name}", {}).get("median_ns")
        wr = wasm_req.get(name)
        cells = [name]
        cells += [fmt_ns(nb), fmt_ns(ns), fmt_ratio(ns / nb)] if nb and ns else ["–"] * 3
        cells += [fmt_ns(nr) if nr else "–"]
        if wr:
            wb, ww = wr["baseline_us"] * 1e3, wr["shipped_waf_us"] * 1e3
            cells += [fmt_ns(wb), fmt_ns(ww), fmt_ratio(ww / wb)]
            cells += [fmt_ns(wr["repeat_us"] * 1e3) if "repeat_us" in wr else "–"]
            cells += [fmt_ratio(ww / ns) if ns else "–"]
        else:
            cells += ["–"] * 5
        w("| " + " | ".join(cells) + " |")
    nm_b = crit.get("mix/baseline_no_waf", {}).get("median_ns")
    nm_s = crit.get("mix/shipped_ruleset", {}).get("median_ns")
    wm = (wasm or {}).get("mix")
    if nm_s or wm:
        n = (crit.get("mix/shipped_ruleset", {}).get("throughput") or {}).get("Elements") or (wm or {}).get("requests")
        cells = ["load mix, per request"]
        cells += [fmt_ns(nm_b / n), fmt_ns(nm_s / n), fmt_ratio(nm_s / nm_b)] if nm_b and nm_s and n else ["–"] * 3
        cells += ["(cache on)"]
        if wm:
            wb, ww = wm["baseline_us"] * 1e3, wm["shipped_waf_us"] * 1e3
            cells += [fmt_ns(wb), fmt_ns(ww), fmt_ratio(ww / wb), "(cache on)", fmt_ratio(ww / (nm_s / n)) if nm_s and n else "–"]
        else:
            cells += ["–"] * 5
        w("| " + " | ".join(cells) + " |")
        if wm and "shipped_waf_cold_us" in wm:
            wb, ww = wm["baseline_cold_us"] * 1e3, wm["shipped_waf_cold_us"] * 1e3
            cells = ["load mix, CPU caches flushed before each request", "–", "–", "–", "–"]
            cells += [fmt_ns(wb), fmt_ns(ww), fmt_ratio(ww / wb), "(cache on)", "–"]
            w("| " + " | ".join(cells) + " |")
        w(f"\n*Load mix*: the {n:,} requests of the load benchmark below (`support/mix.rs`, the same as `runtime.mjs` sends), evaluated in order with the cache of values that passed on, as one Worker isolate sees them; the time of the whole mix divided by {n:,}. This is the engine's share of a request under load. *CPU caches flushed*: in wasm, each request of the mix timed alone after a sweep through 16 MB, since a Worker's requests find the engine's tables and automata evicted by what workerd ran in between; in a loop they stay warm.")
    w("\nThe free plan caps a request at 10 ms of CPU.\n")

    prof = load("rule-profile.json")
    if prof:
        total = prof["us_per_request"]
        w("### Where the engine's time goes on the load mix\n")
        w(f"`edgewall profile` over the {prof['requests']:,} requests of the load mix, {prof['rounds']} passes, each from an empty cache of values that passed, natively: {total:.1f} µs per request, timing included (two clock readings per rule run). The costliest rules, and the time that is no rule's:\n")
        w("| rule | runs per request | bytes per run | µs per request | share |\n|---|---:|---:|---:|---:|")
        for r in prof["rules"][:10]:
            w(f"| `{r['id']}` | {r['runs_per_request']:.2f} | {r['bytes_per_run']:.0f} | {r['us_per_request']:.2f} | {100 * r['us_per_request'] / total:.1f}% |")
        others = prof["rules"][10:]
        if others:
            o = sum(r["us_per_request"] for r in others)
            w(f"| the other {len(others)} rules that ran | | | {o:.2f} | {100 * o / total:.1f}% |")
        ops, rest = prof["operators_us_per_request"], prof["rest_us_per_request"]
        w(f"| **every rule's regex, phrases or detector** | | | **{ops:.2f}** | **{100 * ops / total:.0f}%** |")
        w(f"| **the rest**: taking requests apart, transformations, caches, the other stages | | | **{rest:.2f}** | **{100 * rest / total:.0f}%** |")
        off = prof.get("above_paranoia_level", [])
        also = ""
        if off:
            also = f", and {len(off)} {'is' if len(off) == 1 else 'are'} off, above the paranoia level"
        w(f"\n{len(prof['never_ran'])} rules never ran on the mix (what they look at, or the bytes they need, was never there){also}; `raw/rule-profile.json` has every rule.\n")

    scal = sorted((v for v in crit.values() if v["group"] == "waf_scaling"), key=lambda v: (v["function"], int(v["value"])))
    if scal:
        w("## Scaling with the number of WAF rules\n")
        w("`crates/engine/benches/waf_scaling.rs`: 10, 100 and 1,000 generated rules (regexes and phrase lists in the shipped rules' shapes, with made-up words, their own transformation chains and targets), one evaluation of each request; and the rule load.\n")
        by = {}
        for v in scal:
            req, _ = v["function"].split("/", 1)
            by.setdefault(req, {})[int(v["value"])] = v["median_ns"]
        loads = {int(v["value"]): v["median_ns"] for v in crit.values() if v["group"] == "waf_scaling_load"}
        counts = sorted({n for r in by.values() for n in r if n})
        w("| rules | " + " | ".join(by) + " | rule load |\n|---:|" + "---:|" * (len(by) + 1))
        rows_csv = []
        for n in [0] + counts:
            label = "0 (no WAF)" if n == 0 else f"{n:,}"
            cells = [fmt_ns(by[r][n]) if n in by[r] else "–" for r in by]
            w(f"| {label} | " + " | ".join(cells) + f" | {fmt_ns(loads[n]) if n in loads else '–'} |")
            rows_csv.append([n] + [by[r].get(n, "") for r in by] + [loads.get(n, "")])
        per = {r: (by[r][counts[-1]] - by[r][counts[0]]) / (counts[-1] - counts[0]) for r in by}
        w("\nCost per added rule (from the first to the last count): " + ", ".join(f"{r} {fmt_ns(v)}" for r, v in per.items()) + ".\n")
        with open(RESULTS / "waf_scaling.csv", "w", newline="") as fh:
            cw = csv.writer(fh)
            cw.writerow(["rules"] + [f"{r}_ns" for r in by] + ["load_ns"])
            cw.writerows(rows_csv)
        fig, ax = plt.subplots(figsize=(7, 4.5))
        for r, pts in by.items():
            xs = [n for n in counts if n in pts]
            ax.plot(xs, [pts[n] / 1e3 for n in xs], marker="o", label=f"evaluate {r}")
        ax.plot(counts, [loads[n] / 1e3 for n in counts if n in loads], marker="s", linestyle="--", label="rule load")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("WAF rules")
        ax.set_ylabel("µs (native, median)")
        ax.set_title("edgewall: WAF cost against the number of rules")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(RESULTS / "waf_scaling.png", dpi=110)
        plt.close(fig)
        w("![WAF cost against rules](waf_scaling.png)\n")

    ipset = {int(v["value"]): v for v in crit.values() if v["group"] == "ipset_contains"}
    linear = {int(v["value"]): v for v in crit.values() if v["group"] == "linear_scan_baseline"}
    pol = {(v["value"] or v["function"]): v for v in crit.values() if v["group"] == "policy_evaluate"}
    if ipset:
        w("## Scaling with the number of CIDR entries\n")
        w("`crates/engine/benches/ip_lookup.rs`: 1,024 lookups per iteration (half inside a listed network), per lookup; the IP set against a linear scan over the same networks (in-run baseline), and a whole policy evaluation with a deny list of that size against a policy without an ACL.\n")
        w("| entries | IP set lookup | linear scan | speed-up | policy evaluate | no-ACL policy |\n|---:|---:|---:|---:|---:|---:|")
        floor = pol.get("no_acl_baseline", {}).get("median_ns")
        rows_csv = []
        for n in sorted(ipset):
            s = ipset[n]["median_ns"] / 1024
            lin = linear.get(n, {}).get("median_ns")
            lin = lin / 1024 if lin else None
            p = pol.get(str(n), {}).get("median_ns")
            p = p / 1024 if p else None
            w(f"| {n:,} | {fmt_ns(s)} | {fmt_ns(lin) if lin else '–'} | {fmt_ratio(lin / s) if lin else '–'} | {fmt_ns(p) if p else '–'} | {fmt_ns(floor / 1024) if floor else '–'} |")
            rows_csv.append([n, s, lin or "", p or "", floor / 1024 if floor else ""])
        w("")
        with open(RESULTS / "cidr_scaling.csv", "w", newline="") as fh:
            cw = csv.writer(fh)
            cw.writerow(["entries", "ipset_lookup_ns", "linear_scan_ns", "policy_evaluate_ns", "no_acl_policy_ns"])
            cw.writerows(rows_csv)
        fig, ax = plt.subplots(figsize=(7, 4.5))
        xs = sorted(ipset)
        ax.plot(xs, [ipset[n]["median_ns"] / 1024 for n in xs], marker="o", label="IP set lookup")
        xl = [n for n in xs if n in linear]
        ax.plot(xl, [linear[n]["median_ns"] / 1024 for n in xl], marker="x", linestyle="--", label="linear scan (baseline)")
        xp = [n for n in xs if str(n) in pol]
        ax.plot(xp, [pol[str(n)]["median_ns"] / 1024 for n in xp], marker="s", label="whole policy evaluate")
        if floor:
            ax.axhline(floor / 1024, color="gray", linestyle=":", label="policy without ACL")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("CIDR entries")
        ax.set_ylabel("ns per lookup (native, median)")
        ax.set_title("edgewall: IP ACL cost against the number of entries")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(RESULTS / "cidr_scaling.png", dpi=110)
        plt.close(fig)
        w("![CIDR lookup cost against entries](cidr_scaling.png)\n")

    if rt and "load" in rt:
        L = rt["load"]
        f, p = L["summary"]["firewall"], L["summary"]["passthrough"]
        w("## Under load\n")
        w(f"`wrk` ({L['threads']} thread, {L['connections']} connections, {L['rounds']} rounds of {L['seconds_per_run']} s per Worker, alternating) on 127.0.0.1 against each Worker on its own workerd (Miniflare), with one keep-alive Node origin behind both. The request mix (`scripts/bench/runtime.mjs`): 2,000 requests from 100 clients, GETs of pages, assets and searches (60%), JSON POSTs of 0.3–4 KB (20%), form POSTs (15%), and {100 * L['attack_share']:.0f}% attacks that the firewall answers with the 403 (the pass-through forwards them). Each client keeps its browser's headers and cookie from request to request; paths, query values and bodies differ in every request, so the WAF's cache of values that passed helps only with what repeats in real traffic. Every request of the mix is checked once against both Workers before the run.\n")
        cpu = "workerd_cpu_us_per_req" in f and "workerd_cpu_us_per_req" in p
        pinned = L.get("pinned")
        if pinned:
            w(f"Each workerd ran alone on CPU {pinned['workerd']}; wrk, the origin and the harness shared CPU {pinned['wrk_and_origin']} (`taskset`), so the load generator does not take the Worker's core.\n")
        w("| Worker | req/s | p50 latency | p99 latency | workerd CPU per request | 403s | errors |\n|---|---:|---:|---:|---:|---:|---:|")
        for name, s in [("firewall (default rules)", f), ("pass-through", p)]:
            cpu_cell = f"{s['workerd_cpu_us_per_req']:.0f} µs" if cpu else "–"
            w(f"| {name} | {s['rps']:,} | {s['p50_ms']:.2f} ms | {s['p99_ms']:.2f} ms | {cpu_cell} | {s['blocked_403']:,} | {s['socket_errors'] + s['unexpected_status']} |")
        ok = "meets" if L["throughput_ratio"] >= 0.9 else "**misses**"
        w(f"\nThroughput ratio firewall / pass-through: **{100 * L['throughput_ratio']:.0f}%** ({ok} the 90% target). Latency ratio p50 {f['p50_ms'] / p['p50_ms']:.2f}×, p99 {f['p99_ms'] / p['p99_ms']:.2f}×.\n")
        if cpu:
            added = f["workerd_cpu_us_per_req"] - p["workerd_cpu_us_per_req"]
            w(f"*workerd CPU per request*: the user and system time of each Worker's workerd process over a round, divided by the requests wrk counted in it; median of the rounds. {'With workerd pinned to its own core, throughput is about one over this figure' if pinned else 'Unpinned, wrk and the origin share the cores with workerd, so throughput also moves with how much of them they take'}; this figure moves with the machine's state too (see the findings below). The firewall adds {added:.0f} µs per request to the pass-through's {p['workerd_cpu_us_per_req']:.0f}: with workerd as the only bottleneck it would keep **{100 * p['workerd_cpu_us_per_req'] / f['workerd_cpu_us_per_req']:.0f}%** of the pass-through's throughput.\n")
    if rt and rt.get("paired"):
        P = rt["paired"]
        lo, hi = P["cpu_ratio_quartiles"]
        w("### Both Workers at once\n")
        w(f"The alternating rounds above see the machine's speed drift between one round and the next. Here both Workers run at the same time on the workerd core, each under its own `wrk` ({P['connections_per_worker']} connections each), for {P['rounds']} rounds of {P['seconds_per_round']} s, and each round compares their workerd CPU time per request over the same seconds. Sharing the core also shares its caches, as isolates on one machine do.\n")
        w("| Worker | workerd CPU per request (median of rounds) |\n|---|---:|")
        w(f"| firewall (default rules) | {P['firewall_cpu_us_per_req']:.0f} µs |")
        w(f"| pass-through | {P['passthrough_cpu_us_per_req']:.0f} µs |")
        w(f"\nPass-through / firewall, per round: median **{100 * P['cpu_ratio']:.1f}%**, quartiles {100 * lo:.1f}–{100 * hi:.1f}%; {P['errors']} errors. With workerd the only bottleneck, this is the share of the pass-through's throughput the firewall keeps.\n")
        R = rt.get("paired_reader")
        if R:
            pr, rf = R["passthrough_reader"], R["reader_firewall"]
            w("#### Reading the request, and evaluating it\n")
            w("A third Worker, the *reader* (`EDGEWALL_READER=1`, see build.rs), reads the request as the firewall does (every header, `cf`, the body up to the inspection limit, copied into wasm) and hands it to the origin without evaluating it. Paired the same way with each of the others, it splits the firewall's extra cost in two: what it costs to hand the request to the engine (the runtime's share and the adapter's), which any Worker that inspects the request pays, and what evaluating it costs on top of that.\n")
            w("| pair (A / B) | A, CPU per request | B, CPU per request | A / B, median | quartiles | errors |\n|---|---:|---:|---:|---:|---:|")
            for name, x, a, b in [("pass-through / reader", pr, "passthrough", "reader"), ("reader / firewall", rf, "reader", "firewall")]:
                qlo, qhi = x["cpu_ratio_quartiles"]
                w(f"| {name} | {x[a + '_cpu_us_per_req']:.0f} µs | {x[b + '_cpu_us_per_req']:.0f} µs | **{100 * x['cpu_ratio']:.1f}%** | {100 * qlo:.1f}–{100 * qhi:.1f}% | {x['errors']} |")
            floor = pr["cpu_ratio"]
            # What the firewall may cost over the reader and still keep 90%.
            budget = floor / 0.9
            w(f"\nReading the request alone keeps {100 * floor:.1f}% of the pass-through's throughput. For the firewall to keep 90%, evaluating must cost at most {100 * (budget - 1):.1f}% over the reader (reader / firewall ≥ {100 / budget:.1f}%); it costs {100 * (1 / rf['cpu_ratio'] - 1):.1f}%.\n")
    if rt and "soak" in rt and "firewall" in rt["soak"]:
        soak = rt["soak"]
        s = soak["firewall"]
        w("## Soak\n")
        wu = s.get("warmup_s", 0)
        w(f"Each Worker alone on a fresh workerd, the same mix for {wu} s of warm-up and then {s['seconds']} s measured, the firewall first; workerd's resident memory sampled every 2 s. *Errors*: socket errors and statuses other than 200 or the attacks' 403, over the whole run, warm-up included. workerd's memory climbs under load for its first 30 to 90 s whatever the Worker, longer the fewer requests it serves, then saws between V8's collections (a 180 s soak of both is in `raw/soak-180s.json`, one of the firewall in `raw/soak-firewall-180s.json`), so growth is judged on the second half of the measured time: the mean of its last quarter against the quarter before; more than 5% counts as growth.\n")
        w("| Worker | requests | req/s | errors | 403s (attacks sent) | RSS after warm-up | RSS end (max) | 3rd → 4th quarter mean | growth |\n|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for kind, name in [("firewall", "firewall"), ("passthrough", "pass-through")]:
            if kind not in soak:
                continue
            x = soak[kind]
            r = x["rss_mib"]
            w(f"| {name} | {x['requests']:,} | {x['rps']:,} | **{x['errors']}** | {x['blocked_403']:,} ({x['expected_403']:,}) | {r['start']} MiB | {r['end']} MiB ({r['max']}) | {r['third_quarter_mean']} → {r['last_quarter_mean']} MiB | {'**grew**' if x['memory_grew'] else 'none beyond noise'} |")
        w(f"\nFirewall soak: {'PASS' if s['ok'] else '**FAIL**'} ({s['errors']} errors, {'memory grew' if s['memory_grew'] else 'no memory growth'}).\n")
        fig, ax = plt.subplots(figsize=(7, 3.8))
        for kind, name in [("firewall", "firewall"), ("passthrough", "pass-through")]:
            if kind in soak:
                xs = soak[kind]["samples"]
                ax.plot([x["t_s"] for x in xs], [x["rss_mib"] for x in xs], marker=".", label=name)
        if wu:
            ax.axvline(wu, color="grey", linestyle="--", linewidth=1)
            ax.text(wu, 5, " measured from here", color="grey", fontsize=8)
        ax.set_xlabel("seconds under load")
        ax.set_ylabel("workerd RSS (MiB)")
        ax.set_ylim(bottom=0)
        ax.set_title(f"edgewall soak: workerd memory, {wu} s warm-up + {s['seconds']} s")
        ax.grid(True, alpha=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(RESULTS / "soak_rss.png", dpi=110)
        plt.close(fig)
        w("![workerd memory during the soak](soak_rss.png)\n")

    notes = RESULTS / "NOTES.md"
    if notes.exists():
        w(notes.read_text())
    (RESULTS / "README.md").write_text("\n".join(out).rstrip() + "\n")


main()
