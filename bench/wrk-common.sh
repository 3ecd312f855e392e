# Shared by the wrk benchmarks (source it): measuring one URL and taking medians.

# measure URL [WRK_ARGS…] -> "requests_per_second p99_ms": a 2 s warm-up, then $duration seconds
# with $connections connections (both set by the sourcing script).
measure() {
    local url=$1
    shift
    wrk -t2 -c"$connections" -d2s "$@" "$url" >/dev/null
    wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" "$url" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +99%/ { p99 = ms($2) }
        /^Requests\/sec/ { rps = $2 }
        END { printf "%.0f %.2f\n", rps, p99 }'
}

# median < numbers -> the middle one (the upper middle of an even count).
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# await_health PORT… : waits up to 10 s for each server's /health.
await_health() {
    local port
    for port in "$@"; do
        for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
    done
}

# report NAME… : the table of median req/s, p99 and ratio to the first, from results[INDEX]
# (one "req/s p99" line per round, as measure prints them) of the sourcing script.
report() {
    local names=("$@") index rps p99 baseline
    baseline=$(printf '%s' "${results[0]}" | awk '{ print $1 }' | median)
    printf '%-10s %12s %9s %12s\n' server "req/s" "p99 ms" "vs ${names[0]}"
    for index in "${!names[@]}"; do
        rps=$(printf '%s' "${results[$index]}" | awk '{ print $1 }' | median)
        p99=$(printf '%s' "${results[$index]}" | awk '{ print $2 }' | median)
        printf '%-10s %12s %9s %11.3fx\n' "${names[$index]}" "$rps" "$p99" "$(echo "$rps / $baseline" | bc -l)"
    done
}
