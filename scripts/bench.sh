#!/usr/bin/env bash
# One command for every benchmark (a benchmark, not a test: CI does not run
# it). Builds first, then measures with nothing compiling, each part bounded
# in time, and writes bench/results/: README.md (tables, machine, date),
# raw/*.json, *.csv and *.png plots. About 17 minutes on 2 cores once the
# builds are cached; a part not run keeps its last results in the report.
#
#   scripts/bench.sh                      every part
#   scripts/bench.sh --only size,cold     a subset of: size, cold, cpu, scaling, load
#   scripts/bench.sh --quick              shorter runs (load 2 x 5 s, soak 5 + 20 s, criterion 1 s)
#   scripts/bench.sh --soak 60 --soak-warmup 90 --duration 10 --rounds 3 --connections 16
#
# Parts:
#   size     the Worker's wasm, raw and gzip -9, and wrangler's dry-run
#            upload figure, against the pass-through Worker
#   cold     fresh workerd (Miniflare) to first answer, firewall against
#            pass-through; the rule load in wasm and where its time goes
#            (scripts/bench-wasm.sh)
#   cpu      one evaluation per request natively (criterion `waf`) and in
#            wasm (scripts/bench-wasm.sh, shared with `cold`); what each
#            WAF rule costs of the load mix (`edgewall profile`)
#   scaling  criterion `waf_scaling` (10, 100, 1,000 rules) and
#            `ip_lookup` (10 to 100,000 CIDR entries), table and plots
#   load     wrk against the firewall and the pass-through Worker, same mix,
#            same run, alternating; then two at once on one core (their
#            CPU per request over the same seconds, a ratio the machine's
#            drift cannot move): pass-through and firewall, pass-through
#            and reader, reader and firewall; then a soak of each (errors,
#            workerd memory)
#
# The pass-through Worker is this crate built with EDGEWALL_PASSTHROUGH=1
# (see build.rs): the same build, the same origin forwarding, no engine.
# The reader (EDGEWALL_READER=1) reads the request as the firewall does
# (headers, `cf`, the body) and forwards it unevaluated: it splits the
# firewall's extra cost into reading the request and evaluating it.
# Installs what is missing: wrk (Debian) and matplotlib (PyPI, into a venv
# under target/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

PARTS="size,cold,cpu,scaling,load"
QUICK=false
SOAK=60 SOAK_WARMUP=90 DURATION=10 ROUNDS=3 CONNECTIONS=16
while [ $# -gt 0 ]; do
  case "$1" in
    --only) PARTS="$2"; shift 2 ;;
    --quick) QUICK=true; shift ;;
    --soak) SOAK="$2"; shift 2 ;;
    --soak-warmup) SOAK_WARMUP="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument \`$1\` (see --help)" >&2; exit 2 ;;
  esac
done
for p in ${PARTS//,/ }; do
  case "$p" in size|cold|cpu|scaling|load) ;; *) echo "bench.sh: unknown part \`$p\`; expected size, cold, cpu, scaling, load" >&2; exit 2 ;; esac
done
has() { [[ ",$PARTS," == *",$1,"* ]]; }
CRIT_TIME=(--warm-up-time 1 --measurement-time 3)
if $QUICK; then
  SOAK=20 SOAK_WARMUP=5 DURATION=5 ROUNDS=2
  CRIT_TIME=(--warm-up-time 0.5 --measurement-time 1)
fi

RESULTS="$ROOT/bench/results"
RAW="$RESULTS/raw"
WORK="$ROOT/target/bench"
mkdir -p "$RAW" "$WORK"
say() { printf '\n==> %s\n' "$*"; }
started=$(date +%s)

say "tools"
bash scripts/setup.sh >/dev/null
if has load && ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian package)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
VENV="$ROOT/target/bench-venv"
MATPLOTLIB_VERSION=3.11.2
if ! "$VENV/bin/python" -c "import matplotlib, sys; sys.exit(matplotlib.__version__ != '$MATPLOTLIB_VERSION')" 2>/dev/null; then
  echo "installing matplotlib $MATPLOTLIB_VERSION (PyPI) into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "matplotlib==$MATPLOTLIB_VERSION"
fi

# ---- builds first: nothing compiles while anything is measured ----------
say "build"
if has size || has cold || has load; then
  bash scripts/build-worker.sh --out-dir target/bench/worker-firewall
  EDGEWALL_PASSTHROUGH=1 bash scripts/build-worker.sh --out-dir target/bench/worker-passthrough
fi
if has load; then
  EDGEWALL_READER=1 bash scripts/build-worker.sh --out-dir target/bench/worker-reader
fi
if has load || has cpu; then
  # The request mix, from the one definition the engine benchmarks use.
  cargo build --quiet --release -p edgewall-engine --example load_mix
  "${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/load_mix" > "$WORK/mix.json"
fi
if has cpu || has scaling; then
  cargo bench -p edgewall-engine --bench waf --bench waf_scaling --bench ip_lookup --no-run
fi
if has cpu; then
  cargo build --quiet --release -p edgewall-cli
fi

# The machine and date, kept per part: a subset run leaves the other
# parts' results, and their dates, as they were.
cat > "$WORK/machine.json" <<EOF
{
  "date": "$(date -u +%Y-%m-%dT%H:%MZ)",
  "commit": "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/results' || echo ' (modified)')",
  "cpu": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')",
  "cores": "$(nproc)",
  "memory": "$(free -g | awk '/^Mem:/ {print $2 " GiB"}')",
  "kernel": "$(uname -sr)",
  "load_at_start": "$(cut -d' ' -f1-3 /proc/loadavg)",
  "rustc": "$(rustc --version)",
  "node": "$(node --version)",
  "wrk": "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2 || true)"
}
EOF
node -e '
  const fs = require("fs");
  const [file, now, parts] = process.argv.slice(1);
  const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  const m = JSON.parse(fs.readFileSync(now, "utf8"));
  const byPart = all.by_part ?? {};
  for (const p of parts.split(",")) byPart[p] = m;
  fs.writeFileSync(file, JSON.stringify({ by_part: byPart }, null, 2) + "\n");
' "$RAW/machine.json" "$WORK/machine.json" "$PARTS"

# ---- measurements ------------------------------------------------------
if has size; then
  say "bundle size"
  size_of() { # dir -> "raw gzip"
    echo "$(stat -c %s "$1/index_bg.wasm") $(gzip -9 -c "$1/index_bg.wasm" | wc -c)"
  }
  read -r fw_raw fw_gz <<<"$(size_of target/bench/worker-firewall)"
  read -r pt_raw pt_gz <<<"$(size_of target/bench/worker-passthrough)"
  # wrangler's own figure, offline: the built firewall with the same
  # bindings as wrangler.toml, without its build command (already built).
  cat > "$WORK/wrangler.bench.toml" <<'EOF'
name = "edgewall-bench"
main = "worker-firewall/index.js"
compatibility_date = "2026-04-01"
[[ratelimits]]
name = "RATE_LIMIT_LOGIN"
namespace_id = "1001"
simple = { limit = 5, period = 60 }
[[durable_objects.bindings]]
name = "EDGEWALL_COUNTER"
class_name = "RateLimitCounter"
[[migrations]]
tag = "v1"
new_sqlite_classes = ["RateLimitCounter"]
EOF
  dry=$(timeout 120 npx wrangler deploy --dry-run --outdir "$WORK/dry-run" -c "$WORK/wrangler.bench.toml" 2>&1 | grep -m1 'Total Upload' || true)
  echo "firewall wasm $fw_raw B (gzip -9 $fw_gz B); pass-through $pt_raw B ($pt_gz B); wrangler: ${dry:-no figure}"
  total=$(sed -nE 's/.*Total Upload: ([0-9.]+) KiB.*/\1/p' <<<"$dry")
  gz=$(sed -nE 's/.*gzip: ([0-9.]+) KiB.*/\1/p' <<<"$dry")
  dry_json=null
  [ -n "$total" ] && dry_json="{\"total_kib\": $total, \"gzip_kib\": $gz}"
  cat > "$RAW/size.json" <<EOF
{
  "firewall": {"wasm_bytes": $fw_raw, "wasm_gzip9_bytes": $fw_gz},
  "passthrough": {"wasm_bytes": $pt_raw, "wasm_gzip9_bytes": $pt_gz},
  "wrangler_dry_run": $dry_json
}
EOF
fi

if has cold || has cpu; then
  say "engine in wasm: rule load and per-request cost (scripts/bench-wasm.sh)"
  timeout 600 bash scripts/bench-wasm.sh --json "$RAW/wasm.json"
fi

runtime_parts=()
has cold && runtime_parts+=(cold)
has load && runtime_parts+=(load paired soak)
if [ ${#runtime_parts[@]} -gt 0 ]; then
  say "on workerd: ${runtime_parts[*]}"
  parts=$(IFS=,; echo "${runtime_parts[*]}")
  # Keep the parts of an earlier run that are not redone now.
  prev="$RAW/runtime.json"
  timeout $((2 * (SOAK + SOAK_WARMUP) + ROUNDS * 2 * (DURATION + 5) + 540)) node scripts/bench/runtime.mjs \
    --out "$WORK/runtime.json" --parts "$parts" --mix "$WORK/mix.json" --soak "$SOAK" --soak-warmup "$SOAK_WARMUP" --duration "$DURATION" \
    --rounds "$ROUNDS" --connections "$CONNECTIONS" || soak_failed=1
  node -e '
    const fs = require("fs");
    const [prev, now] = process.argv.slice(1);
    const old = fs.existsSync(prev) ? JSON.parse(fs.readFileSync(prev, "utf8")) : {};
    fs.writeFileSync(prev, JSON.stringify({ ...old, ...JSON.parse(fs.readFileSync(now, "utf8")) }, null, 2) + "\n");
  ' "$prev" "$WORK/runtime.json"
fi

if has cpu || has scaling; then
  say "native (criterion)"
  benches=()
  has cpu && benches+=(--bench waf)
  has scaling && benches+=(--bench waf_scaling --bench ip_lookup)
  # Only this run's results go into the report.
  has cpu && rm -rf target/criterion/{waf,mix}
  has scaling && rm -rf target/criterion/{waf_scaling,waf_scaling_load,ipset_contains,linear_scan_baseline,policy_evaluate}
  # ip_lookup's load_rules group is not part of the report: skipped.
  filter='^(waf|mix|ipset_contains|linear_scan_baseline|policy_evaluate)'
  timeout 900 cargo bench -q -p edgewall-engine "${benches[@]}" -- "${CRIT_TIME[@]}" "$filter" \
    > "$WORK/criterion.log" 2>&1 || { cat "$WORK/criterion.log"; exit 1; }
  grep -E '^[a-z_]+/|time:' "$WORK/criterion.log" || true
fi

if has cpu; then
  say "the load mix per WAF rule (edgewall profile)"
  # The mix as `edgewall eval` input: one request object per line.
  node -e '
    const fs = require("fs");
    const mix = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const lines = mix.map((r) => JSON.stringify({ method: r.method, url: r.path, headers: Object.fromEntries(r.headers), body: r.body ?? null }));
    fs.writeFileSync(process.argv[2], lines.join("\n") + "\n");
  ' "$WORK/mix.json" "$WORK/mix.jsonl"
  timeout 300 "${CARGO_TARGET_DIR:-$ROOT/target}/release/edgewall" profile --rules rules --rounds 5 --json \
    < "$WORK/mix.jsonl" > "$RAW/rule-profile.json"
  node -e '
    const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(`${p.requests} requests x ${p.rounds}: ${p.us_per_request} µs per request, rule operators ${p.operators_us_per_request} µs`);
  ' "$RAW/rule-profile.json"
fi

say "report"
"$VENV/bin/python" scripts/bench/report.py "$RESULTS" "$ROOT/target/criterion"
echo "bench/results/README.md written in $(( $(date +%s) - started )) s"
[ -z "${soak_failed:-}" ]
