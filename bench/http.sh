#!/usr/bin/env bash
# LakeHTTP vs FastAPI + uvicorn, side by side in one run, with wrk:
#   /health       small JSON
#   /bars         1,000 OHLCV bars (~145 KB JSON), generated once at start, serialized per request
#   /bars/static  the same JSON serialized once at start (transport only)
# and, for /health, the floor: bench/http_floor.c answers every request with LakeHTTP's /health
# bytes and does nothing else (no parsing), so it shows what the loopback TCP stack alone allows.
# Both servers get the same number of workers (default: the core count) and no access log.
# Prints req/s, p50/p99 latency, the server's CPU per request and the LakeHTTP/uvicorn ratios
# per route. Each route is run ROUNDS times (default 3), the two servers alternating, and the
# median of each figure is printed with the ratio of every round: other work on a shared machine
# moves a single run by ±20 %, and alternation spreads that over both servers.
# Usage: bench/http.sh [DURATION_SECONDS] [CONNECTIONS]    (defaults: 10, 64; ROUNDS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${2:-64}"
rounds="${ROUNDS:-3}"
workers="${SERVER_WORKERS:-$(nproc)}"
python="${BENCH_PYTHON:-/work/venv-test/bin/python}"
lake_port=8401
uvicorn_port=8402
floor_port=8403

"$python" -c "import fastapi, uvicorn" 2>/dev/null || "$python" -m pip install -q fastapi "uvicorn[standard]"
flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product lakehttp-testserver >&2
cc -O2 -pthread -o .build/http_floor bench/http_floor.c

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
.build/http_floor "$floor_port" "$workers" &
floor=$!
scratch=$(mktemp)
trap 'kill "$lake" "$uvicorn" "$floor" 2>/dev/null || true; rm -f "$scratch"' EXIT
for port in "$lake_port" "$uvicorn_port" "$floor_port"; do
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
done
# Another process answering on a port would be measured instead: make sure ours are the ones up.
kill -0 "$lake" "$uvicorn" "$floor" 2>/dev/null || { echo "a server did not start (ports $lake_port, $uvicorn_port, $floor_port taken?)" >&2; exit 1; }

# CPU time (clock ticks) used so far by process $1 and its children (uvicorn's workers).
cpu_ticks() {
    local total=0 pid
    for pid in "$1" $(pgrep -P "$1" || true); do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

# run URL SERVER_PID -> "requests_per_second p50_ms p99_ms server_cpu_us_per_request"
# The server's CPU per request (user + system, from /proc) moves far less with other work on
# the machine than req/s does: it is what the server itself spends, whoever else runs.
run() {
    wrk -t2 -c"$connections" -d2s "$1" >/dev/null
    local before after
    before=$(cpu_ticks "$2")
    wrk -t2 -c"$connections" -d"${duration}s" --latency "$1" > "$scratch"
    after=$(cpu_ticks "$2")
    awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
        function ms(value) {
            if (value ~ /us$/) return value / 1000
            if (value ~ /ms$/) return value + 0
            if (value ~ /s$/) return value * 1000
            return value
        }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        / requests in / { requests = $1 }
        /^Requests\/sec/ { rps = $2 }
        END { printf "%.0f %.2f %.2f %.2f\n", rps, p50, p99, ticks / hz * 1e6 / requests }' "$scratch"
}

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf "%-13s %-9s %12s %9s %9s %11s\n" route server "req/s" "p50 ms" "p99 ms" "cpu µs/req"
for route in /health /bars /bars/static; do
    lake_runs=() uv_runs=() floor_runs=() ratios=() shares=()
    servers=(LakeHTTP uvicorn)
    [ "$route" = /health ] && servers+=(floor)
    for _ in $(seq "$rounds"); do
        lake_run=$(run "http://127.0.0.1:$lake_port$route" "$lake")
        uv_run=$(run "http://127.0.0.1:$uvicorn_port$route" "$uvicorn")
        lake_runs+=("$lake_run") uv_runs+=("$uv_run")
        ratios+=("$(awk -v a="${lake_run%% *}" -v b="${uv_run%% *}" 'BEGIN { printf "%.1f", a / b }')")
        if [ "$route" = /health ]; then
            floor_run=$(run "http://127.0.0.1:$floor_port$route" "$floor")
            floor_runs+=("$floor_run")
            shares+=("$(awk -v a="${lake_run%% *}" -v b="${floor_run%% *}" 'BEGIN { printf "%.0f%%", 100 * a / b }')")
        fi
    done
    for server in "${servers[@]}"; do
        case "$server" in
            LakeHTTP) runs=("${lake_runs[@]}") ;;
            uvicorn) runs=("${uv_runs[@]}") ;;
            floor) runs=("${floor_runs[@]}") ;;
        esac
        printf "%-13s %-9s %12s %9s %9s %11s\n" "$route" "$server" \
            "$(printf '%s\n' "${runs[@]}" | cut -d' ' -f1 | median)" \
            "$(printf '%s\n' "${runs[@]}" | cut -d' ' -f2 | median)" \
            "$(printf '%s\n' "${runs[@]}" | cut -d' ' -f3 | median)" \
            "$(printf '%s\n' "${runs[@]}" | cut -d' ' -f4 | median)"
    done
    printf "%-13s server CPU per request, uvicorn/LakeHTTP: %sx\n" "$route" "$(awk -v a="$(printf '%s\n' "${uv_runs[@]}" | cut -d' ' -f4 | median)" \
        -v b="$(printf '%s\n' "${lake_runs[@]}" | cut -d' ' -f4 | median)" 'BEGIN { printf "%.1f", a / b }')"
    printf "%-13s ratio     %11sx   (rounds: %s)\n" "$route" "$(printf '%s\n' "${ratios[@]}" | median)" "${ratios[*]}"
    [ "$route" = /health ] && printf "%-13s LakeHTTP/floor by round: %s\n" "$route" "${shares[*]}"
done
echo "(medians of $rounds alternating rounds; $connections connections, ${duration}s per run, $workers workers each, wrk -t2 on the same machine)"
