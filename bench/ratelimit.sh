#!/usr/bin/env bash
# What seed 002's access control costs per request: `candlelake serve` (release build) three ways,
#   off        RATE_LIMIT_PER_MINUTE=0 (no limiter, no allowlist: the middleware passes through)
#   limit      the limiter counting every request (limits far above the load, so all are admitted)
#   limit+ips  the same plus a three-range ALLOWED_IPS the client is in
# each answering GET /nope: an unrouted path goes through the middleware like any route and its
# 404 is small, so the limiter's share of the work is as large as it gets. wrk from 127.0.0.1, the
# three servers alternating for ROUNDS rounds; prints the median req/s and p99 of each and the
# ratios to `off` (1.00 = free).
# Usage: bench/ratelimit.sh [DURATION_SECONDS] [CONNECTIONS]    (defaults: 10, 64; ROUNDS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${2:-64}"
rounds="${ROUNDS:-3}"
ports=(8431 8432 8433)
names=(off limit limit+ips)
settings=("RATE_LIMIT_PER_MINUTE=0"
          "RATE_LIMIT_PER_MINUTE=60000000 RATE_LIMIT_BURST=10000000"
          "RATE_LIMIT_PER_MINUTE=60000000 RATE_LIMIT_BURST=10000000 ALLOWED_IPS=10.0.0.0/8,127.0.0.0/8,::1")

flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product candlelake >&2
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
for index in 0 1 2; do
    # shellcheck disable=SC2086  # each settings entry is a list of VAR=value words
    env -u S3_BUCKET ${settings[$index]} .build/release/candlelake serve --host 127.0.0.1 --port "${ports[$index]}" \
        --data-dir "$work/${names[$index]}" --sync-interval 0 --log-level error >/dev/null 2>&1 &
    pids+=($!)
done
# shellcheck source=bench/wrk-common.sh
source bench/wrk-common.sh
await_health "${ports[@]}"
kill -0 "${pids[@]}" 2>/dev/null || { echo "a server did not start (ports ${ports[*]} taken?)" >&2; exit 1; }

declare -A results
for round in $(seq "$rounds"); do
    for index in 0 1 2; do
        results[$index]+="$(measure "http://127.0.0.1:${ports[$index]}/nope")"$'\n'
    done
    echo "round $round done" >&2
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${ports[1]}/nope")" == 404 ]] || { echo "limited server refused" >&2; exit 1; }

report "${names[@]}"
