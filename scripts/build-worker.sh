#!/usr/bin/env bash
# wrangler's build command: build the Worker into build/. The rules are
# checked by the crate's build script, so a bad rule file stops here with
# every error and its file:line:column.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
for tool in worker-build "$WASM_BINDGEN_BIN" "$WASM_OPT_BIN" "$ESBUILD_BIN"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "edgewall: \`$tool\` is missing; run scripts/setup.sh once (it installs from crates.io and npm)" >&2
    exit 2
  fi
done
exec worker-build --release "$@"
