#!/usr/bin/env bash
# The query engine over HTTP: `candlelake serve` (release build) on a local-directory lake
# answering POST /api/v1/bars, beside DuckDB and polars computing the same bars in-process from
# the same Parquet files (bench/query_peers.py), in the same run:
#   (a) one month of 1-minute bars → 1h   (b) ten years → 1d   (c) one year → 173m
# Our figure is a client's: python `requests` on one keep-alive connection, from sending the
# request to the last byte of the JSON body (`validate: false`; the peers validate nothing
# either), warm (the OS page cache holds the files; a local lake is read in place, so the
# object cache is not involved). The peers' figures exclude any transport. Prints median and
# minimum latency, the ratio peer / CandleLake (> 1: CandleLake is faster), and the bar counts
# and close checksums, which must agree.
# The ten-year demo lake (BINANCE BTCUSDT, 24h, ~5.2M bars in 3,653 daily files) is shared with
# bench/query.sh: generated once into bench/.data-query and kept.
# BACKEND=s3 serves the same files from S3 instead (LocalStack unless AWS_ENDPOINT_URL_S3 says
# otherwise; copied to s3://$BUCKET/bench/query-http-*/ and removed afterwards): the catalog is
# built by the start-up sync, the first (cold) request of each case fills the object cache, and
# the timed requests read the cache — the "warm cache" of issue 6.
# Usage: bench/query-http.sh   (REPEAT=20 requests per case, PORT=8403, BACKEND=local|s3, BUCKET=candlelake-test)
set -euo pipefail
cd "$(dirname "$0")/.."
python="${CANDLELAKE_PYTHON:-/work/venv-test/bin/python}"
repeat="${REPEAT:-20}"
port="${PORT:-8403}"
backend="${BACKEND:-local}"
data="bench/.data-query"

flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product candlelake >/dev/null
bin=.build/release/candlelake
if [[ ! -f "$data/catalog.sqlite" ]]; then
    echo "generating ten years of one-minute bars into $data …" >&2
    env -u S3_BUCKET "$bin" demo --data-dir "$data" --exchange BINANCE --symbols 1 --days 3653 --end 2026-01-01 >&2
fi

serve_data="$data"
serve_env=(-u S3_BUCKET)
cleanup=true
if [[ "$backend" == s3 ]]; then
    export AWS_ENDPOINT_URL_S3="${AWS_ENDPOINT_URL_S3:-http://127.0.0.1:4566}" AWS_REGION="${AWS_REGION:-us-east-1}"
    export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
    bucket="${BUCKET:-candlelake-test}"
    prefix="bench/query-http-$$"
    serve_data=$(mktemp -d)   # a catalog and an object cache of its own, both empty
    serve_env=(S3_BUCKET="$bucket" S3_BASE_PREFIX="$prefix" S3_ADDRESSING_STYLE="${S3_ADDRESSING_STYLE:-path}" AWS_EC2_METADATA_DISABLED=true)
    cleanup='"$python" bench/lake_to_s3.py rm "$data/lake" "$bucket" "$prefix"; rm -rf "$serve_data"'
    "$python" bench/lake_to_s3.py put "$data/lake" "$bucket" "$prefix"
fi
# Rate limiting off: the benchmark sends far more than 1200 requests a minute from 127.0.0.1.
env "${serve_env[@]}" RATE_LIMIT_PER_MINUTE=0 "$bin" serve --data-dir "$serve_data" --host 127.0.0.1 --port "$port" --sync-interval 0 --log-level warning \
    >/dev/null 2>"$data/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; eval "$cleanup"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 300); do curl -sf "$base/health" >/dev/null && break; sleep 0.1; done
# Another process answering on the port would be measured instead: make sure ours is the one up.
kill -0 "$server" 2>/dev/null || { cat "$data/serve.log" >&2; echo "candlelake serve did not start (PORT=$port taken?)" >&2; exit 1; }
# The start-up sync lists the lake once; wait for it so that it does not share the CPU with the timings.
for _ in $(seq 600); do
    curl -sf "$base/status" | "$python" -c 'import json,sys; sys.exit(0 if not json.load(sys.stdin)["sync"]["running"] else 1)' && break
    sleep 0.2
done

run_case() {  # label timeframe(API) timeframe(peers) start end
    local ours peers
    ours=$("$python" bench/query_http_client.py "$base" BTCUSDT "$2" "$4" "$5" "$repeat")
    peers=$("$python" bench/query_peers.py "$data/lake" BTCUSDT "$3" "$4" "$5" "$repeat")
    "$python" bench/query_report.py "$1" "candlelake http" "$ours" "$peers"
}

run_case "(a) one month → 1h" 1hour 1h 2025-11-01 2025-12-01
run_case "(b) ten years → 1d" 1day 1d 2016-01-01 2026-01-01
run_case "(c) one year → 173m" 173 173m 2025-01-01 2026-01-01
if [[ "$backend" == s3 ]]; then
    curl -s "$base/status" | "$python" -c 'import json,sys; c=json.load(sys.stdin)["cache_stats"]; print("object cache:", c["entries"], "entries,", c["size_mb"], "MB,", c["hits"], "hits,", c["misses"], "misses")'
fi
echo "(BACKEND=$backend, REPEAT=$repeat; server: $(nproc) cores shared with the client and the peers, and with other work on this machine)"
