#!/usr/bin/env python3
"""Join the corpus labels with the decisions of edgewall and of the CRS
instances, print the side-by-side table and write report.json.

Inputs (in --out-dir, as run.sh leaves them):
  edgewall-{attacks,legit}.jsonl (+ .meta.json)   `edgewall eval` output
  apache.jsonl, crs-pl1.jsonl, crs-pl2.jsonl (+ .meta.json)  replay.py output
  crs-pl1-error.log, crs-pl2-error.log            ModSecurity alerts

What counts as blocked:
  edgewall: "action": "block".
  CRS:      HTTP 403 (only ModSecurity answers 403 in the test setup).
            For the protocol category only, a 400 counts too: a request the
            server refuses as malformed is stopped, whoever refuses it.
            Every other status (200, 404, 405, 501, ...) is "not blocked".
The "apache" run (ModSecurity loaded, SecRuleEngine Off) shows what Apache
refuses by itself, and is the baseline for ModSecurity's cost per request.
"""

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

INSTANCES = [("crs_pl1", "crs-pl1", "CRS PL1"), ("crs_pl2", "crs-pl2", "CRS PL2")]
# Rules that only sum up or report the anomaly score.
SCORE_RULES = {"949110", "959100", "980130", "980140", "980170"}
ALERT = re.compile(r'\[id "(\d+)"\].*?\[unique_id "([^"]+)"\]')


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def label(rid):
    parts = rid.split("/")
    return parts[0], parts[-1] == "evasive"


def rules_by_request(log_path):
    fired = defaultdict(set)
    if not log_path.exists():
        return fired
    with open(log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if "ModSecurity:" not in line:
                continue
            m = ALERT.search(line)
            if m and m.group(1) not in SCORE_RULES:
                fired[m.group(2)].add(m.group(1))
    return fired


def pct(k, n):
    return f"{100.0 * k / n:5.1f}%" if n else "    -"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus-dir", required=True, type=Path)
    ap.add_argument("--out-dir", required=True, type=Path)
    ap.add_argument("--crs", action="store_true", help="include the CRS runs")
    ap.add_argument("--versions", default="")
    ap.add_argument("--runtime-s", type=float, default=None)
    a = ap.parse_args()
    out = a.out_dir

    corpus = {}
    order = []
    for kind, fname in (("attack", "attacks.jsonl"), ("legit", "legit.jsonl")):
        for r in read_jsonl(a.corpus_dir / fname):
            cat, ev = label(r["id"])
            corpus[r["id"]] = {"kind": kind, "category": cat, "evasive": ev}
            order.append(r["id"])

    rows = {rid: {"id": rid} for rid in order}
    for name in ("attacks", "legit"):
        for d in read_jsonl(out / f"edgewall-{name}.jsonl"):
            if "error" in d:
                sys.exit(f"edgewall eval rejected a line: {d['error']}")
            rows[d["id"]]["edgewall"] = d["action"]
    missing = [rid for rid in order if "edgewall" not in rows[rid]]
    if missing:
        sys.exit(f"edgewall eval gave no decision for {len(missing)} requests, e.g. {missing[0]}")

    peers = [("edgewall", "edgewall")]
    timing = {}
    ew_n = ew_s = 0
    for name in ("attacks", "legit"):
        m = json.loads((out / f"edgewall-{name}.meta.json").read_text())
        ew_n += m["requests"]
        ew_s += m["wall_s"]
    timing["edgewall_eval_us_per_request"] = round(ew_s * 1e6 / ew_n, 1)
    timing["edgewall_eval_note"] = ("wall time of one `edgewall eval` process per corpus file "
                                    "(start-up and rule loading included) / requests")

    if a.crs:
        base = {d["id"]: d for d in read_jsonl(out / "apache.jsonl")}
        for rid in order:
            rows[rid]["apache_status"] = base[rid]["status"]
        bm = json.loads((out / "apache.jsonl.meta.json").read_text())
        timing["apache_alone_us_per_request"] = bm["us_per_request"]
        for key, fname, _ in INSTANCES:
            fired = rules_by_request(out / f"{fname}-error.log")
            for d in read_jsonl(out / f"{fname}.jsonl"):
                row = rows[d["id"]]
                row[key + "_status"] = d["status"]
                if d.get("error"):
                    row[key + "_error"] = d["error"]
                row[key + "_rules"] = sorted(fired.get(d.get("unique_id"), ()))
            m = json.loads((out / f"{fname}.jsonl.meta.json").read_text())
            timing[key + "_us_per_request"] = m["us_per_request"]
            timing[key + "_modsecurity_us_per_request"] = round(m["us_per_request"] - bm["us_per_request"], 1)
            if m.get("unstable"):
                print(f"warning: {m['unstable']} requests answered differently across passes ({fname})",
                      file=sys.stderr)
        timing["crs_note"] = ("sequential requests over loopback, one TCP connection each, wall time / "
                              "requests of the fastest replay pass; *_modsecurity_* subtracts the same run "
                              "against Apache with SecRuleEngine Off (connection, Apache and client cost)")
        peers += [(key, key) for key, _, _ in INSTANCES]

    def blocked(rid, peer):
        row = rows[rid]
        if peer == "edgewall":
            return row["edgewall"] == "block"
        st = row.get(peer + "_status")
        return st == 403 or (st == 400 and corpus[rid]["category"] == "protocol")

    for rid in order:
        for peer, _ in peers:
            rows[rid][peer + "_blocked"] = blocked(rid, peer)

    def summarize(ids):
        s = {"n": len(ids)}
        for peer, _ in peers:
            k = sum(1 for rid in ids if rows[rid][peer + "_blocked"])
            s[peer] = {"blocked": k, "rate": round(k / len(ids), 4) if ids else None}
        if a.crs:
            s["apache_alone_not_200"] = sum(1 for rid in ids if rows[rid]["apache_status"] != 200)
        return s

    by_cat = {"attack": defaultdict(list), "legit": defaultdict(list)}
    for rid in order:
        c = corpus[rid]
        by_cat[c["kind"]][c["category"]].append(rid)
    report = {"attacks": {}, "legit": {}}
    for kind, key in (("attack", "attacks"), ("legit", "legit")):
        for cat, ids in by_cat[kind].items():
            report[key][cat] = summarize(ids)
    all_attacks = [rid for rid in order if corpus[rid]["kind"] == "attack"]
    all_legit = [rid for rid in order if corpus[rid]["kind"] == "legit"]
    report["totals"] = {
        "attacks": summarize(all_attacks),
        "attacks_evasive": summarize([rid for rid in all_attacks if corpus[rid]["evasive"]]),
        "attacks_plain": summarize([rid for rid in all_attacks if not corpus[rid]["evasive"]]),
        "legit": summarize(all_legit),
    }
    if a.crs:
        # Which CRS rules fired, per category (top ten), for whoever builds the WAF.
        rule_hits = {}
        for key, _, _ in INSTANCES:
            per = {}
            for kind in ("attack", "legit"):
                for cat, ids in by_cat[kind].items():
                    cnt = defaultdict(int)
                    for rid in ids:
                        for r in rows[rid].get(key + "_rules", []):
                            cnt[r] += 1
                    per[cat] = dict(sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))[:10])
            rule_hits[key] = per
        report["crs_rules_fired_top10"] = rule_hits
        status_counts = {}
        for key, _, _ in INSTANCES + [("apache", "apache", "")]:
            cnt = defaultdict(int)
            for rid in order:
                cnt[str(rows[rid].get(key + "_status"))] += 1
            status_counts[key] = dict(sorted(cnt.items()))
        report["http_status_counts"] = status_counts
        # Refusals that are not a 403 and that Apache alone does not give:
        # ModSecurity stopping a request with an error (e.g. 500 when its XML
        # parser fails). Not counted as blocked; listed so nobody is misled.
        other = []
        for rid in order:
            row = rows[rid]
            for key, _, _ in INSTANCES:
                st = row.get(key + "_status")
                if st not in (200, 403, row["apache_status"]):
                    other.append({"id": rid, "instance": key, "status": st})
        report["crs_other_refusals"] = other
        report["apache_alone_refused"] = [
            {"id": rid, "status": rows[rid]["apache_status"]} for rid in order
            if rows[rid]["apache_status"] != 200]
    report["timing"] = timing
    if a.runtime_s is not None:
        report["runtime_s"] = a.runtime_s
    report["peer_versions"] = a.versions.strip()
    report["definitions"] = {
        "detection_rate": "attacks blocked / attacks",
        "false_positive_rate": "legit requests blocked / legit requests",
        "edgewall_blocked": "eval says action=block",
        "crs_blocked": ("HTTP 403 from ModSecurity (CRS anomaly scoring, inbound threshold 5); "
                        "for category 'protocol' only, HTTP 400 from Apache also counts"),
        "apache_alone_not_200": ("requests that Apache with SecRuleEngine Off did not answer 200 "
                                 "(Apache's own 400/404/405/501 ...): CRS never saw their phase 2"),
    }
    report["requests"] = [rows[rid] for rid in order]

    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    # ---- the table ----
    names = [label for _, label in [("edgewall", "edgewall")] + [(k, l) for k, _, l in INSTANCES]] \
        if a.crs else ["edgewall"]
    pkeys = [p for p, _ in peers]

    def line(title, s, extra=""):
        cells = "".join(f"{pct(s[p]['blocked'], s['n']):>10}" for p in pkeys)
        return f"{title:<22}{s['n']:>5}{cells}{extra}"

    head = f"{'category':<22}{'n':>5}" + "".join(f"{h:>10}" for h in names)
    note_col = "   Apache alone refused" if a.crs else ""
    print()
    print("ATTACKS: detection rate (blocked / n)")
    print(head + note_col)
    for cat, s in report["attacks"].items():
        extra = f"   {s['apache_alone_not_200']}" if a.crs and s["apache_alone_not_200"] else ""
        print(line(cat, s, extra))
    print(line("ALL attacks", report["totals"]["attacks"]))
    print(line("  evasive only", report["totals"]["attacks_evasive"]))
    print(line("  plain only", report["totals"]["attacks_plain"]))
    print()
    print("LEGIT: false-positive rate (blocked / n)")
    print(head + note_col)
    for cat, s in report["legit"].items():
        extra = f"   {s['apache_alone_not_200']}" if a.crs and s["apache_alone_not_200"] else ""
        print(line(cat, s, extra))
    print(line("ALL legit", report["totals"]["legit"]))
    print()
    print("µs/request (sequential):")
    print(f"  edgewall eval            {timing['edgewall_eval_us_per_request']:>9.1f}   (whole-file eval process / requests)")
    if a.crs:
        print(f"  Apache, engine off       {timing['apache_alone_us_per_request']:>9.1f}   (HTTP round trip on loopback, baseline)")
        for key, _, lab in INSTANCES:
            print(f"  {lab:<24} {timing[key + '_us_per_request']:>9.1f}   "
                  f"(ModSecurity+CRS: {timing[key + '_modsecurity_us_per_request']:.1f} over baseline)")
        print()
        print("CRS: blocked = HTTP 403; for 'protocol' also HTTP 400 (Apache's own refusal of a malformed request).")
        print("'Apache alone refused' = requests Apache answers with a non-200 status even with ModSecurity off.")
        other = report["crs_other_refusals"]
        if other:
            desc = ", ".join(f"{o['id']} {o['instance']}={o['status']}" for o in other[:8])
            print(f"Not counted as blocked: {len(other)} other ModSecurity error answers ({desc}"
                  f"{', ...' if len(other) > 8 else ''}).")
        print(f"Peer: {a.versions.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
