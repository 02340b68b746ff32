#!/usr/bin/env bash
# Compare edgewall's decisions with a real WAF peer on the labelled corpus
# in tests/waf-corpus/: Apache 2.4 + ModSecurity 2 + OWASP CRS, all from
# Debian's packages, at paranoia level 1 and 2.
#
#   scripts/waf-compare/run.sh             # everything: build, eval, install, replay, report
#   scripts/waf-compare/run.sh --no-crs    # edgewall eval only
#
# Environment: EDGEWALL_BIN (use this binary, build nothing), CARGO_TARGET_DIR,
# RULES (default rules/), OUT (default target/waf-compare), PYTHON, PASSES
# (replay passes per Apache instance, default 3; the fastest pass is timed).
#
# Writes target/waf-compare/report.json and prints the side-by-side table.
# The Apache instances are private: a config file in a temporary directory,
# 127.0.0.1 on a free port, run in the foreground (-X) and stopped on exit.
# Nothing of the system's own Apache site configuration is read or changed.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CORPUS="$ROOT/tests/waf-corpus"
OUT=${OUT:-$ROOT/target/waf-compare}
RULES=${RULES:-$ROOT/rules}
PYTHON=${PYTHON:-python3}
PASSES=${PASSES:-3}          # replay passes per instance; the fastest one is timed
WITH_CRS=1
for arg in "$@"; do
  case "$arg" in
    --no-crs) WITH_CRS=0 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

START=$SECONDS
mkdir -p "$OUT"
log() { printf '[waf-compare %3ds] %s\n' "$((SECONDS - START))" "$*" >&2; }

# --- the corpus ---------------------------------------------------------------
if ! "$PYTHON" "$CORPUS/generate.py" --check 2>/dev/null; then
  log "warning: tests/waf-corpus/*.jsonl differ from generate.py's output (run it to regenerate)"
fi
ATTACKS="$CORPUS/attacks.jsonl"
LEGIT="$CORPUS/legit.jsonl"

# --- edgewall eval ------------------------------------------------------------
if [[ -z "${EDGEWALL_BIN:-}" ]]; then
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
  log "building edgewall-cli (release)"
  (cd "$ROOT" && cargo build --release --quiet -p edgewall-cli)
  EDGEWALL_BIN="$CARGO_TARGET_DIR/release/edgewall"
fi

# Wall time of one eval process over a whole file, start-up and rule
# loading included, divided by its number of requests (fastest of PASSES runs).
run_eval() {  # name file
  local name=$1 file=$2 t0 t1 best="" i
  for i in $(seq "$PASSES"); do
    t0=$(date +%s%N)
    if ! "$EDGEWALL_BIN" eval --rules "$RULES" < "$file" > "$OUT/edgewall-$name.jsonl"; then
      log "edgewall eval failed on $file (see error lines in $OUT/edgewall-$name.jsonl)"
      exit 1
    fi
    t1=$(date +%s%N)
    if [[ -z $best ]] || (( t1 - t0 < best )); then best=$((t1 - t0)); fi
  done
  printf '{"requests": %d, "passes": %d, "wall_s": %s}\n' "$(wc -l < "$file")" "$PASSES" \
    "$(awk -v d="$best" 'BEGIN{printf "%.4f", d/1e9}')" > "$OUT/edgewall-$name.meta.json"
}
log "edgewall eval: $EDGEWALL_BIN"
run_eval attacks "$ATTACKS"
run_eval legit "$LEGIT"

REPORT_ARGS=(--corpus-dir "$CORPUS" --out-dir "$OUT")

if (( WITH_CRS )); then
  # --- Debian packages ----------------------------------------------------------
  PKGS=(apache2 libapache2-mod-security2 modsecurity-crs)
  missing=()
  for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if (( ${#missing[@]} )); then
    if [[ $(id -u) -eq 0 ]]; then SUDO=()
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=(sudo -n)
    else log "need root or password-less sudo to install: ${missing[*]}"; exit 1
    fi
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! "${SUDO[@]}" apt-get install -y -q "${missing[@]}" >"$OUT/apt.log" 2>&1; then
      "${SUDO[@]}" apt-get update -q >>"$OUT/apt.log" 2>&1
      "${SUDO[@]}" apt-get install -y -q "${missing[@]}" >>"$OUT/apt.log" 2>&1 \
        || { log "apt-get install failed, see $OUT/apt.log"; exit 1; }
    fi
  fi
  APACHE=/usr/sbin/apache2
  MODS=/usr/lib/apache2/modules
  MODSEC_REC=/etc/modsecurity/modsecurity.conf-recommended
  CRS_LOAD=/usr/share/modsecurity-crs/owasp-crs.load
  for f in "$APACHE" "$MODS/mod_security2.so" "$MODS/mod_lua.so" "$MODSEC_REC" "$CRS_LOAD"; do
    [[ -e $f ]] || { log "missing $f after install"; exit 1; }
  done
  VERSIONS=$(for p in "${PKGS[@]}"; do printf '%s=%s ' "$p" "$(dpkg-query -W -f='${Version}' "$p")"; done)
  log "peer: $VERSIONS"

  # --- private Apache instances -------------------------------------------------
  WORK=$(mktemp -d /tmp/waf-compare.XXXXXX)
  chmod 755 "$WORK"                  # the worker may run as www-data
  PIDS=()
  CHILD=""
  cleanup() {
    local p
    [[ -n $CHILD ]] && kill "$CHILD" 2>/dev/null
    for p in "${PIDS[@]}"; do
      kill "$p" 2>/dev/null || true
    done
    for p in "${PIDS[@]}"; do
      wait "$p" 2>/dev/null || true
    done
    rm -rf "$WORK"
  }
  trap cleanup EXIT
  trap 'exit 130' INT TERM

  free_port() {
    "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  }

  # write_conf DIR PORT MODE: MODE is off (ModSecurity loaded, engine off:
  # the cost of Apache itself), or a paranoia level 1..4.
  write_conf() {
    local dir=$1 port=$2 mode=$3 engine=On
    [[ $mode == off ]] && engine=Off
    mkdir -p "$dir/tmp" "$dir/htdocs"
    chmod 755 "$dir" "$dir/htdocs"; chmod 1777 "$dir/tmp"
    cat > "$dir/ok.lua" <<'LUA'
-- 200 for any path and method: the only 403s then come from ModSecurity.
function handle(r)
  r.content_type = "text/plain"
  r:puts("ok\n")
  return apache2.OK
end
LUA
    # ModSecurity: Debian's recommended configuration (request body access,
    # the XML and JSON body processors, multipart strictness), with the
    # engine on, its files in our directory, no audit log (the error log has
    # every alert), no response body inspection, and its two body-parsing
    # denials answered with 403 instead of 400 so that every ModSecurity
    # block has the same status.
    sed -e "s/^SecRuleEngine .*/SecRuleEngine $engine/" \
        -e "s|^SecTmpDir .*|SecTmpDir $dir/tmp|" \
        -e "s|^SecDataDir .*|SecDataDir $dir/tmp|" \
        -e "s|^SecAuditEngine .*|SecAuditEngine Off|" \
        -e "s|^SecAuditLog .*|SecAuditLog $dir/audit.log|" \
        -e "s|^SecResponseBodyAccess .*|SecResponseBodyAccess Off|" \
        -e "s|^SecUnicodeMapFile unicode.mapping|SecUnicodeMapFile /etc/modsecurity/unicode.mapping|" \
        -e "s/status:400/status:403/" \
        "$MODSEC_REC" > "$dir/modsecurity.conf"
    local pl=1
    [[ $mode != off ]] && pl=$mode
    cat > "$dir/httpd.conf" <<CONF
ServerRoot "$dir"
ServerName localhost
Listen 127.0.0.1:$port
PidFile "$dir/httpd.pid"
DefaultRuntimeDir "$dir"
Mutex file:$dir default
ErrorLog "$dir/error.log"
LogLevel warn
LoadModule mpm_prefork_module $MODS/mod_mpm_prefork.so
LoadModule authz_core_module $MODS/mod_authz_core.so
LoadModule headers_module $MODS/mod_headers.so
LoadModule unique_id_module $MODS/mod_unique_id.so
LoadModule lua_module $MODS/mod_lua.so
LoadModule security2_module $MODS/mod_security2.so
$( [[ $(id -u) -eq 0 ]] && printf 'User www-data\nGroup www-data\n' )
Timeout 5
AllowEncodedSlashes NoDecode
DocumentRoot "$dir/htdocs"
<Directory />
  Require all granted
</Directory>
LuaMapHandler "^/" "$dir/ok.lua" handle
# Lets the runner find a request's alerts in the error log.
Header always set X-Unique-Id "%{UNIQUE_ID}e"

Include "$dir/modsecurity.conf"
# CRS 3.3 (Debian bookworm) names the level tx.paranoia_level; it sets both
# the rules that run and the rules that count towards blocking. The anomaly
# threshold stays at the CRS default (inbound 5).
SecAction "id:900000,phase:1,nolog,pass,t:none,setvar:tx.paranoia_level=$pl"
# The Debian package's own loader: crs-setup.conf, the exclusion files, rules/*.conf.
Include $CRS_LOAD
CONF
  }

  start_instance() {  # name mode -> sets INST_PORT
    local name=$1 mode=$2 dir="$WORK/$1" port i
    port=$(free_port)
    write_conf "$dir" "$port" "$mode"
    "$APACHE" -t -f "$dir/httpd.conf" >"$dir/configtest.log" 2>&1 \
      || { cat "$dir/configtest.log" >&2; exit 1; }
    "$APACHE" -X -f "$dir/httpd.conf" >"$dir/stdout.log" 2>&1 &
    PIDS+=($!)
    for i in $(seq 100); do
      if "$PYTHON" -c "import socket,sys; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; then
        INST_PORT=$port
        return 0
      fi
      kill -0 "${PIDS[-1]}" 2>/dev/null || break
      sleep 0.1
    done
    log "Apache ($name) did not start:"; cat "$dir/error.log" "$dir/stdout.log" >&2 2>/dev/null || true
    exit 1
  }

  stop_last_instance() {
    kill "${PIDS[-1]}" 2>/dev/null || true
    wait "${PIDS[-1]}" 2>/dev/null || true
    unset 'PIDS[-1]'
  }

  # One instance at a time, requests strictly sequential.
  for spec in apache:off crs-pl1:1 crs-pl2:2; do
    name=${spec%%:*}; mode=${spec#*:}
    start_instance "$name" "$mode"
    log "replaying $(cat "$ATTACKS" "$LEGIT" | wc -l) requests to $name on 127.0.0.1:$INST_PORT"
    # In the background and waited for, so that a signal stops it at once.
    "$PYTHON" "$HERE/replay.py" --passes "$PASSES" --port "$INST_PORT" --out "$OUT/$name.jsonl" \
      "$ATTACKS" "$LEGIT" &
    CHILD=$!
    wait "$CHILD"
    CHILD=""
    stop_last_instance
    cp "$WORK/$name/error.log" "$OUT/$name-error.log"
    cp "$WORK/$name/httpd.conf" "$OUT/$name-httpd.conf"
  done
  REPORT_ARGS+=(--crs --versions "$VERSIONS")
fi

log "report"
"$PYTHON" "$HERE/report.py" "${REPORT_ARGS[@]}" --runtime-s "$((SECONDS - START))"
log "done in $((SECONDS - START)) s; JSON: $OUT/report.json"
