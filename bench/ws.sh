#!/usr/bin/env bash
# 10,000 idle WebSocket connections to LakeHTTP (release build): resident memory per
# connection, and the time for one message to reach all of them (POST /broadcast).
# Usage: bench/ws.sh [CONNECTIONS] [ROUNDS]    (defaults: 10000, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${1:-10000}"
rounds="${2:-5}"
port=8403
ulimit -n $((connections + 4096))
flock /tmp/candlelake-swift.lock swift build -c release --product lakehttp-testserver >&2
cc -O2 -o .build/ws_fanout bench/ws_fanout.c
LOG_LEVEL=warning .build/release/lakehttp-testserver "$port" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
.build/ws_fanout "$port" "$connections" "$rounds" "$server"
