# Sourced by the other scripts: pinned tool versions and the environment
# that worker-build needs to run offline (see shared TOOLCHAIN notes: it
# would otherwise try to download wasm-bindgen and wasm-opt from GitHub).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export WORKER_BUILD_VERSION=0.8.7
export WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
export WASM_BINDGEN_BIN="$HOME/.cargo/bin/wasm-bindgen"
export WASM_OPT_BIN="$ROOT/node_modules/.bin/wasm-opt"
export ESBUILD_BIN="$ROOT/node_modules/.bin/esbuild"
export WRANGLER_SEND_METRICS=false
export CLOUDFLARE_CF_FETCH_ENABLED=false
