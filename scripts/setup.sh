#!/usr/bin/env bash
# Install everything edgewall needs, from package registries only
# (crates.io, npm). Idempotent: what is present at the right version is
# skipped, so a second run takes a second.
#
# `--rust-only` installs just the Rust side: wrangler's build command uses
# it, since replacing node_modules under a running wrangler would break it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
RUST_ONLY=false
[ "${1:-}" = "--rust-only" ] && RUST_ONLY=true

say() { printf '==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

have_version() { # binary, expected version substring
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"
}

if ! have_version worker-build "$WORKER_BUILD_VERSION"; then
  say "installing worker-build $WORKER_BUILD_VERSION"
  cargo install worker-build --version "$WORKER_BUILD_VERSION" --locked
fi

if ! have_version wasm-bindgen "$WASM_BINDGEN_VERSION" || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 min)"
  # Not --locked: the locked webpki-roots is not in the reachable index.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

$RUST_ONLY && exit 0

# Debian's Chromium, for the browser tests (playwright-core drives it; it
# never downloads a browser of its own).
if ! command -v chromium >/dev/null 2>&1; then
  say "installing chromium (Debian package, for the browser tests)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

# npm ci only when node_modules does not match the lock file.
stamp=node_modules/.edgewall-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing npm packages (wrangler, miniflare, binaryen)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
