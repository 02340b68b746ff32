#!/usr/bin/env bash
# One command: install what is missing, then run the firewall locally under
# `wrangler dev` (real workerd) on the rules in rules/, in front of the
# built-in echo origin (or ORIGIN, if you set one: --var ORIGIN:http://...).
# Built for local testing: `X-Edgewall-Test-Country: DE` on a request makes
# it come from Germany, and `CF-Connecting-IP` sets the client address.
# Extra arguments go to wrangler, e.g. `scripts/dev.sh --port 9000`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/setup.sh
exec npx wrangler dev --env local --ip 127.0.0.1 --port "${PORT:-8787}" "$@"
