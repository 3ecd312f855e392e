#!/usr/bin/env bash
# Query engine speed: bars from one-minute Parquet partitions, in-process.
#   (a) one month of 1-minute bars → 1h   (b) ten years → 1d   (c) one year → 173m
# CandleLake (release build, `candlelake query-bench`: planner + catalog + parallel loader +
# kernel, warm OS page cache) beside DuckDB and polars (bench/query_peers.py) reading the same
# files in the same run. Prints warm median latency, ratios (peer / candlelake; > 1 means
# CandleLake is faster) and the bar counts and close checksums, which must agree.
# The ten-year demo lake (BINANCE BTCUSDT, 24h, ~5.2M bars in 3,650 daily files) is generated
# once into bench/.data-query (kept between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${CANDLELAKE_PYTHON:-/work/venv-test/bin/python}"
repeat="${REPEAT:-10}"
data="bench/.data-query"

flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product candlelake >/dev/null
bin=.build/release/candlelake
if [[ ! -f "$data/catalog.sqlite" ]]; then
    echo "generating ten years of one-minute bars into $data …" >&2
    env -u S3_BUCKET "$bin" demo --data-dir "$data" --exchange BINANCE --symbols 1 --days 3653 --end 2026-01-01 >&2
fi

run_case() {  # label timeframe start end
    local ours peers
    ours=$(env -u S3_BUCKET "$bin" query-bench --data-dir "$data" --symbol BTCUSDT --timeframe "$2" --start "$3" --end "$4" --repeat "$repeat")
    peers=$("$python" bench/query_peers.py "$data/lake" BTCUSDT "$2" "$3" "$4" "$repeat")
    "$python" bench/query_report.py "$1" "candlelake" "$ours" "$peers"
}

run_case "(a) one month → 1h" 1h 2025-11-01 2025-12-01
run_case "(b) ten years → 1d" 1d 2016-01-01 2026-01-01
run_case "(c) one year → 173m" 173m 2025-01-01 2026-01-01
