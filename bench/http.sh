#!/usr/bin/env bash
# LakeHTTP vs FastAPI + uvicorn, side by side in one run, with wrk:
#   /health       small JSON
#   /bars         1,000 OHLCV bars (~145 KB JSON), generated once at start, serialized per request
#   /bars/static  the same JSON serialized once at start (transport only)
# Both servers get the same number of workers (default: the core count) and no access log.
# Prints req/s, p50/p99 latency and the LakeHTTP/uvicorn ratio per route.
# Usage: bench/http.sh [DURATION_SECONDS] [CONNECTIONS]    (defaults: 10, 64)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${2:-64}"
workers="${SERVER_WORKERS:-$(nproc)}"
python="${BENCH_PYTHON:-/work/venv-test/bin/python}"
lake_port=8401
uvicorn_port=8402

"$python" -c "import fastapi, uvicorn" 2>/dev/null || "$python" -m pip install -q fastapi "uvicorn[standard]"
flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product lakehttp-testserver >&2

# Both servers run with glibc malloc keeping freed memory for reuse (as jemalloc/mimalloc do):
# by default each ~150 KB response buffer is mmapped or trimmed back to the kernel when freed,
# and every request then pays ~9 page faults of freshly zeroed memory. LakeHTTP sets these
# thresholds itself at start (HTTPServerConfiguration.mallocThresholds, as `candlelake serve`
# runs); uvicorn gets the same through GLIBC_TUNABLES.
tunables=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456
LOG_LEVEL=warning .build/release/lakehttp-testserver "$lake_port" "$workers" >/dev/null 2>&1 &
lake=$!
GLIBC_TUNABLES="$tunables" "$python" -m uvicorn uvicorn_app:app --app-dir bench --host 127.0.0.1 --port "$uvicorn_port" \
    --workers "$workers" --no-access-log --log-level warning >/dev/null 2>&1 &
uvicorn=$!
trap 'kill "$lake" "$uvicorn" 2>/dev/null || true' EXIT
for port in "$lake_port" "$uvicorn_port"; do
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
done
# Another process answering on a port would be measured instead: make sure ours are the ones up.
kill -0 "$lake" "$uvicorn" 2>/dev/null || { echo "a server did not start (ports $lake_port, $uvicorn_port taken?)" >&2; exit 1; }

# run URL -> "requests_per_second p50_ms p99_ms"
run() {
    wrk -t2 -c"$connections" -d2s "$1" >/dev/null
    wrk -t2 -c"$connections" -d"${duration}s" --latency "$1" | awk '
        function ms(value) {
            if (value ~ /us$/) return value / 1000
            if (value ~ /ms$/) return value + 0
            if (value ~ /s$/) return value * 1000
            return value
        }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /^Requests\/sec/ { rps = $2 }
        END { printf "%.0f %.2f %.2f\n", rps, p50, p99 }'
}

printf "%-13s %-9s %12s %9s %9s\n" route server "req/s" "p50 ms" "p99 ms"
for route in /health /bars /bars/static; do
    read -r lake_rps lake_p50 lake_p99 < <(run "http://127.0.0.1:$lake_port$route")
    read -r uv_rps uv_p50 uv_p99 < <(run "http://127.0.0.1:$uvicorn_port$route")
    printf "%-13s %-9s %12s %9s %9s\n" "$route" LakeHTTP "$lake_rps" "$lake_p50" "$lake_p99"
    printf "%-13s %-9s %12s %9s %9s\n" "$route" uvicorn "$uv_rps" "$uv_p50" "$uv_p99"
    awk -v a="$lake_rps" -v b="$uv_rps" -v r="$route" 'BEGIN { printf "%-13s ratio     %11.1fx\n", r, a / b }'
done
echo "($connections connections, ${duration}s per run, $workers workers each, wrk -t2 on the same machine)"
