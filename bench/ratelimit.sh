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
for port in "${ports[@]}"; do
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
done
kill -0 "${pids[@]}" 2>/dev/null || { echo "a server did not start (ports ${ports[*]} taken?)" >&2; exit 1; }

# measure PORT -> "requests_per_second p99_ms"
measure() {
    wrk -t2 -c"$connections" -d2s "http://127.0.0.1:$1/nope" >/dev/null
    wrk -t2 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$1/nope" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +99%/ { p99 = ms($2) }
        /^Requests\/sec/ { rps = $2 }
        END { printf "%.0f %.2f\n", rps, p99 }'
}

declare -A results
for round in $(seq "$rounds"); do
    for index in 0 1 2; do
        results[$index]+="$(measure "${ports[$index]}")"$'\n'
    done
    echo "round $round done" >&2
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${ports[1]}/nope")" == 404 ]] || { echo "limited server refused" >&2; exit 1; }

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
baseline=$(printf '%s' "${results[0]}" | awk '{ print $1 }' | median)
printf '%-10s %12s %9s %12s\n' server "req/s" "p99 ms" "vs off"
for index in 0 1 2; do
    rps=$(printf '%s' "${results[$index]}" | awk '{ print $1 }' | median)
    p99=$(printf '%s' "${results[$index]}" | awk '{ print $2 }' | median)
    printf '%-10s %12s %9s %11.3fx\n' "${names[$index]}" "$rps" "$p99" "$(echo "$rps / $baseline" | bc -l)"
done
