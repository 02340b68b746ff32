#!/usr/bin/env bash
# The engine's per-request cost in wasm, in Node: builds crates/wasm-bench
# for wasm32 (release, then wasm-opt -O as the Worker build does), binds it
# for Node with the pinned wasm-bindgen CLI, and times the native bench's
# requests with and without the shipped WAF rules, and the rule load
# (cold, and where its time goes). `--json FILE` also writes the figures.
# A benchmark, not a test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/setup.sh >/dev/null
OUT="$ROOT/target/wasm-bench"
cargo build --quiet --release --target wasm32-unknown-unknown -p edgewall-wasm-bench
WASM="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release/edgewall_wasm_bench.wasm"
mkdir -p "$OUT"
"$WASM_BINDGEN_BIN" --target nodejs --out-dir "$OUT" "$WASM"
# The bindings are CommonJS; the repository's package.json says "module".
echo '{"type": "commonjs"}' > "$OUT/package.json"
"$WASM_OPT_BIN" -O --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  "$OUT/edgewall_wasm_bench_bg.wasm" -o "$OUT/edgewall_wasm_bench_bg.wasm"
node scripts/bench-wasm.mjs "$OUT" "$@"
