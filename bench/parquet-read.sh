#!/usr/bin/env bash
# Loads 10 years of 1-minute bars (5.26 M rows, 8 columns, snappy, written by pyarrow) into
# column arrays with CandleLake's release build, beside pyarrow, polars and DuckDB reading
# the same file in the same run; single-threaded and with all cores. Prints best-of-N times,
# rows/s, MB/s and ratios (their time / ours: above 1 means CandleLake is faster).
#
# Usage: bench/parquet-read.sh [REPEATS]   (env: CANDLELAKE_PYTHON, CANDLELAKE_BENCH_CACHE)
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS="${1:-5}"
PYTHON="${CANDLELAKE_PYTHON:-$PWD/.venv-test/bin/python}"
CACHE="${CANDLELAKE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/candlelake-bench}"
FILE="$CACHE/bars-10y-1m-snappy.parquet"
CORES="$(nproc)"
mkdir -p "$CACHE"

if [ ! -f "$FILE" ]; then
  echo "generating $FILE (once) ..." >&2
  "$PYTHON" - "$FILE" <<'PY'
import sys, numpy as np, pyarrow as pa, pyarrow.parquet as pq
rows = 5_259_600                      # 10 years x 365.25 days x 1440 minutes
rng = np.random.default_rng(42)
ts = 1_420_070_400_000 + np.arange(rows, dtype=np.int64) * 60_000
close = np.round(100 * np.exp(np.cumsum(rng.normal(0, 0.0005, rows))), 2)
open_ = np.round(np.concatenate([[close[0]], close[:-1]]), 2)
spread = np.round(np.abs(rng.normal(0, 0.05, rows)), 2)
high = np.maximum(open_, close) + spread
low = np.minimum(open_, close) - spread
volume = np.round(rng.gamma(2.0, 500.0, rows), 3)
vwap = np.round((high + low + close) / 3, 4)
transactions = rng.poisson(40, rows).astype(np.int64)
table = pa.table({
    "timestamp": pa.array(ts, pa.timestamp("ms", tz="UTC")), "open": open_, "high": high, "low": low,
    "close": close, "volume": volume, "vwap": vwap, "transactions": transactions})
pq.write_table(table, sys.argv[1], compression="snappy")
PY
fi

flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product candlelake >&2
BIN="$(swift build -c release --show-bin-path)/candlelake"
SIZE_MB="$("$PYTHON" -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$FILE")"

# glibc keeps freed memory (as the peers' jemalloc/mimalloc arenas do), so repeated loads reuse
# pages instead of the kernel zeroing fresh ones; the first, cold run is printed too.
ours() { GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967295:glibc.malloc.arena_max=1 \
  "$BIN" file bench-read "$FILE" --threads "$1" --repeat "$REPEATS"; }

# One Python process per peer and mode, so thread settings cannot leak between them.
peer() {
  local name="$1" threads="$2"
  POLARS_MAX_THREADS="$threads" OMP_NUM_THREADS="$threads" "$PYTHON" - "$FILE" "$name" "$threads" "$REPEATS" <<'PY'
import sys, time
path, name, threads, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
if name == "pyarrow":
    import pyarrow as pa, pyarrow.parquet as pq
    pa.set_cpu_count(threads); pa.set_io_thread_count(threads)
    run = lambda: pq.read_table(path, use_threads=threads > 1)
elif name == "polars":
    import polars as pl
    run = lambda: pl.read_parquet(path, parallel="auto" if threads > 1 else "none")
else:
    import duckdb
    con = duckdb.connect(); con.execute("SET threads=%d" % threads)
    run = lambda: con.sql("SELECT * FROM read_parquet('%s')" % path).fetchnumpy()
best = float("inf")
for _ in range(repeats):
    start = time.perf_counter(); result = run(); best = min(best, time.perf_counter() - start)
print(best)
PY
}

ROWS=5259600
printf "file: %s (%.1f MB, %d rows, %d cores, best of %s)\n" "$FILE" "$SIZE_MB" "$ROWS" "$CORES" "$REPEATS"
for THREADS in 1 "$CORES"; do
  LINE="$(ours "$THREADS")"
  OURS="$(echo "$LINE" | sed -n 's/.*seconds=//p')"
  COLD="$(echo "$LINE" | sed -n 's/.*first=\([0-9.]*\).*/\1/p')"
  printf "\nthreads=%s\n%-12s %8s %14s %10s %8s\n" "$THREADS" reader seconds rows/s MB/s "them/us"
  printf "%-12s %8.3f %14.0f %10.1f %8s   (first, cold run: %.3f s)\n" candlelake "$OURS" "$(echo "$ROWS / $OURS" | bc -l)" "$(echo "$SIZE_MB / $OURS" | bc -l)" "1.00" "$COLD"
  for PEER in pyarrow polars duckdb; do
    T="$(peer "$PEER" "$THREADS")"
    printf "%-12s %8.3f %14.0f %10.1f %8.2f\n" "$PEER" "$T" "$(echo "$ROWS / $T" | bc -l)" "$(echo "$SIZE_MB / $T" | bc -l)" "$(echo "$T / $OURS" | bc -l)"
  done
done
