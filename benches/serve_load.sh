#!/usr/bin/env bash
# Load test of the sidecar (issue #5): starts `eclexia serve` (release build, embedded
# defaults, a fresh data folder) on loopback and loads it with wrk from a second process:
# `GET /v1/prices`, `POST /v1/price` with LANGUAGE §9.7's example request, and
# `POST /v1/evaluate` of a small program with an adaptive call. Prints the
# time from start to the first 200 on /ready, the idle RSS, and wrk's figures.
#
#   bash benches/serve_load.sh                  # 30 s per route, 1 wrk thread, 32 connections
#   DURATION=10 CONNECTIONS=64 bash benches/serve_load.sh
#
# Needs wrk (Debian: `apt-get install wrk`) and curl. Request logs go to /dev/null: the
# figures are for the server, not for the terminal it would log to.
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
API_PORT=${API_PORT:-18080}
METRICS_PORT=${METRICS_PORT:-19090}

command -v wrk >/dev/null || { echo "serve_load.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
cargo build --release -p eclexia-cli --quiet
BIN=target/release/eclexia

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID"
        wait "$SERVER_PID" || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# LANGUAGE §9.7's example request.
cat > "$WORK/price.json" <<'JSON'
{"budgets": {"energy": "100J", "time": "1s"}, "usage": {"energy": "80J"},
 "caps": {"energy": "50J"}, "objective": [["minimize", "time"]],
 "candidates": [{"name": "a", "provides": {"energy": "30J", "time": "1ms"}},
                {"name": "b", "provides": {"energy": "8J", "time": "40ms"}, "eligible": true}],
 "price_book": {"energy": {"base": 1.0, "multiplier": 4.0}}, "carbon_intensity": 400.0}
JSON
cat > "$WORK/price.lua" <<'LUA'
local f = assert(io.open(os.getenv("PRICE_BODY"), "r"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = f:read("*a")
f:close()
LUA
export PRICE_BODY="$WORK/price.json"
cat > "$WORK/evaluate.json" <<'JSON'
{"source": "adaptive fn pick(n: Int) -> Int {\n  fast @requires(energy: 9J, time: 1ms) { n + 1 }\n  lean @requires(energy: 2J, time: 400ms) { n + 2 }\n}\nfn main() -> Int { let mut i = 0\n let mut t = 0\n while i < 10 { t += pick(i); i += 1 }\n t }",
 "limits": {"fuel": 10000}}
JSON
sed "s|PRICE_BODY|EVAL_BODY|" "$WORK/price.lua" > "$WORK/evaluate.lua"
export EVAL_BODY="$WORK/evaluate.json"

start_ns=$(date +%s%N)
"$BIN" serve --listen "127.0.0.1:$API_PORT" --metrics-listen "127.0.0.1:$METRICS_PORT" \
    --config-dir "$WORK/no-config" --data-dir "$WORK/data" >/dev/null 2>&1 &
SERVER_PID=$!
until curl -sf "http://127.0.0.1:$API_PORT/ready" >/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "serve_load.sh: the server exited" >&2; exit 1; }
    sleep 0.002
done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
sleep 1
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
echo "time to /ready: ${ready_ms} ms (includes process start and curl)"
echo "idle RSS: ${rss_kb} kB"

echo "POST /v1/price answers: $(curl -sf -X POST -H 'Content-Type: application/json' \
    --data-binary @"$WORK/price.json" "http://127.0.0.1:$API_PORT/v1/price" | head -c 120)…"

echo "POST /v1/evaluate answers: $(curl -sf -X POST -H 'Content-Type: application/json' \
    --data-binary @"$WORK/evaluate.json" "http://127.0.0.1:$API_PORT/v1/evaluate" | head -c 120)…"

for route in prices price evaluate; do
    echo
    echo "== wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency $route"
    if [ "$route" = prices ]; then
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$API_PORT/v1/prices"
    else
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/$route.lua" "http://127.0.0.1:$API_PORT/v1/$route"
    fi
done
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status")
echo
echo "RSS after load: ${rss_kb} kB"
