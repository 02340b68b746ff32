#!/usr/bin/env bash
# wrangler's build command: build the Worker into build/. The rules are
# checked by the crate's build script, so a bad rule file stops here with
# every error and its file:line:column.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
# `npx wrangler dev|deploy` on a fresh machine: install the Rust tools
# (skipped in a second when present).
bash scripts/setup.sh --rust-only
for tool in "$WASM_OPT_BIN" "$ESBUILD_BIN"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "edgewall: \`$tool\` is missing; run \`npm ci\` (or scripts/setup.sh) first" >&2
    exit 2
  fi
done
# `--local-testing` (wrangler.toml's [env.local], used by scripts/dev.sh):
# a Worker that lets loopback requests pretend a location. Never deployed.
if [ "${1:-}" = "--local-testing" ]; then
  shift
  export EDGEWALL_LOCAL_TESTING=1
else
  export EDGEWALL_LOCAL_TESTING=0
fi
exec worker-build --release "$@"
