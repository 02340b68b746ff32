#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo fuzz, libFuzzer) of everything that reads
# untrusted bytes: rule loading, request evaluation with the shipped rules,
# the body parsers, the transformations and the detectors (fuzz/).
#
#   scripts/fuzz.sh            # every target, a fixed number of inputs each
#   scripts/fuzz.sh evaluate   # one target
#   FUZZ_SECONDS=600 scripts/fuzz.sh   # explore: time-bounded, random seed
#
# By default (the test suite's run) each target gets a fixed seed and a fixed
# number of inputs, about 15 s each on 2 cores, so a run is the same run
# everywhere: CI stays deterministic, and exploring with FUZZ_SECONDS finds
# new inputs to commit.
# Each run starts from the committed seeds in fuzz/corpus/<target> (which
# include every input that ever crashed, as regressions) and grows a working
# copy under target/fuzz-work, so the repository is not modified. A crash
# fails the script and leaves the input in fuzz/artifacts/<target>/: fix the
# bug, then copy the input into fuzz/corpus/<target>/ so it stays tested.
#
# cargo fuzz needs nightly compiler flags; this machine has one stable
# toolchain, so RUSTC_BOOTSTRAP=1 enables them, and the sanitizer is off
# (the engine forbids unsafe code: what is left to find is panics, hangs and
# blow-ups, which libFuzzer catches without one).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
TARGETS=("$@")
# Inputs per target for the deterministic run (about 15 s each here).
declare -A RUNS=([load_rules]=30000 [evaluate]=40000 [body_parsers]=600000 [transforms]=900000 [detectors]=200000)
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(load_rules evaluate body_parsers transforms detectors)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "installing cargo-fuzz 0.13.2 from crates.io"
  cargo install cargo-fuzz --version 0.13.2 --locked --quiet
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build --sanitizer none -O >/dev/null
for t in "${TARGETS[@]}"; do
  work="$ROOT/target/fuzz-work/$t"
  mkdir -p "$work"
  # -timeout: one input taking a second is a hang; -rss_limit_mb: a blow-up.
  if [ -n "${FUZZ_SECONDS:-}" ]; then
    budget=(-max_total_time="$FUZZ_SECONDS")
  else
    # A fresh working copy, a fixed seed and count: the same run each time;
    # the time cap only guards against a machine far slower than this one.
    rm -rf "$work" && mkdir -p "$work"
    budget=(-seed=1 -runs="${RUNS[$t]:-100000}" -max_total_time=120)
  fi
  if ! out=$(cargo fuzz run --sanitizer none -O "$t" "$work" "fuzz/corpus/$t" -- \
      "${budget[@]}" -timeout=1 -rss_limit_mb=2048 -print_final_stats=1 2>&1); then
    echo "$out" | tail -40
    echo "fuzz: $t FAILED (input in fuzz/artifacts/$t/)"
    exit 1
  fi
  runs=$(echo "$out" | grep -oE 'stat::number_of_executed_units: [0-9]+' | grep -oE '[0-9]+$' || echo "?")
  echo "fuzz: $t ok, $runs inputs"
done
