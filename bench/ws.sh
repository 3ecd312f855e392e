#!/usr/bin/env bash
# 10,000 idle WebSocket connections to LakeHTTP (release build): resident memory per
# connection, and the time for one message to reach all of them (POST /broadcast).
# Usage: bench/ws.sh [CONNECTIONS] [ROUNDS]    (defaults: 10000, 10)
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${1:-10000}"
rounds="${2:-10}"
port="${PORT:-8404}"
ulimit -n $((connections + 4096))
flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product lakehttp-testserver >&2
cc -O2 -o .build/ws_fanout bench/ws_fanout.c
LOG_LEVEL=warning .build/release/lakehttp-testserver "$port" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
# Another process answering on the port would be measured instead: make sure ours is the one up.
kill -0 "$server" 2>/dev/null || { echo "lakehttp-testserver did not start (PORT=$port taken?)" >&2; exit 1; }
.build/ws_fanout "$port" "$connections" "$rounds" "$server"
