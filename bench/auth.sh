#!/usr/bin/env bash
# What API-key authentication costs per request: `candlelake serve` (release build) two ways,
#   off   AUTH_MODE=off (no key middleware on any route)
#   all   AUTH_MODE=all, every request with a valid `read` key in X-API-Key (a SHA-256 of the
#         secret and a cache hit per request; the catalog is read once per 5 s)
# each answering GET /api/v1/rate-limit with rate limiting off: a guarded route with a tiny
# answer, so the key check's share of the work is as large as it gets. wrk from 127.0.0.1, the
# two servers alternating for ROUNDS rounds; prints the median req/s and p99 of each and the
# ratio to `off` (1.00 = free).
# Usage: bench/auth.sh [DURATION_SECONDS] [CONNECTIONS]    (defaults: 10, 64; ROUNDS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${2:-64}"
rounds="${ROUNDS:-3}"
ports=(8441 8442)
names=(off all)
path=/api/v1/rate-limit

flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product candlelake >&2
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
secret=$(env -u S3_BUCKET -u CATALOG_PATH .build/release/candlelake keys create --data-dir "$work/all" --name bench --scopes read 2>/dev/null \
    | awk '/^secret:/ { print $2 }')
[[ -n "$secret" ]] || { echo "keys create printed no secret" >&2; exit 1; }
for index in 0 1; do
    env -u S3_BUCKET -u CATALOG_PATH RATE_LIMIT_PER_MINUTE=0 AUTH_MODE="${names[$index]}" .build/release/candlelake serve \
        --host 127.0.0.1 --port "${ports[$index]}" --data-dir "$work/${names[$index]}" --sync-interval 0 --log-level error >/dev/null 2>&1 &
    pids+=($!)
done
# shellcheck source=bench/wrk-common.sh
source bench/wrk-common.sh
await_health "${ports[@]}"
kill -0 "${pids[@]}" 2>/dev/null || { echo "a server did not start (ports ${ports[*]} taken?)" >&2; exit 1; }
status() { curl -s -o /dev/null -w '%{http_code}' "$@" "http://127.0.0.1:${ports[1]}$path"; }
[[ "$(status)" == 401 && "$(status -H "X-API-Key: $secret")" == 200 ]] || { echo "AUTH_MODE=all does not check the key" >&2; exit 1; }

declare -A results
for round in $(seq "$rounds"); do
    for index in 0 1; do
        results[$index]+="$(measure "http://127.0.0.1:${ports[$index]}$path" -H "X-API-Key: $secret")"$'\n'
    done
    echo "round $round done" >&2
done

report "${names[@]}"
