#!/usr/bin/env bash
# Seed 002's trade endpoints over HTTP: `candlelake serve` (release build) on a local-directory
# lake of ingested trades, beside DuckDB and polars answering the same questions in-process from
# the same Parquet files (bench/trades_http.py), in the same run:
#   (a) 10,000 trades from mid-month   (b) the 1,000 latest   (c) one whole day by next_url
# Our figure is a client's: python `requests` on one keep-alive connection, to the last byte of
# the JSON body (parsed after the timing) — gzip-encoded, as requests asks by default, and again
# with identity encoding; the peers' figures exclude any transport and JSON. Prints median and
# minimum, the ratio row / CandleLake-with-gzip (> 1: CandleLake is faster), trade counts and
# price sums, which must agree.
# The lake (30 days × 100,000 trades of BTCUSDT, ingested through POST /v1/trades/ingest) is
# made once into bench/.data-trades and kept.
# Usage: bench/trades-http.sh   (REPEAT=20, PORT=8404, DAYS=30, PER_DAY=100000)
set -euo pipefail
cd "$(dirname "$0")/.."
python="${CANDLELAKE_PYTHON:-/work/venv-test/bin/python}"
repeat="${REPEAT:-20}"
port="${PORT:-8404}"
data="bench/.data-trades"

flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product candlelake >/dev/null
mkdir -p "$data"
# Rate limiting off: the benchmark sends far more than 1200 requests a minute from 127.0.0.1.
env -u S3_BUCKET RATE_LIMIT_PER_MINUTE=0 .build/release/candlelake serve --data-dir "$data" --host 127.0.0.1 --port "$port" --sync-interval 0 \
    --log-level warning >/dev/null 2>"$data/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 300); do curl -sf "$base/health" >/dev/null && break; sleep 0.1; done
kill -0 "$server" 2>/dev/null || { cat "$data/serve.log" >&2; echo "candlelake serve did not start (PORT=$port taken?)" >&2; exit 1; }
"$python" bench/trades_http.py "$base" "$data/lake" "$repeat"
echo "(REPEAT=$repeat; server: $(nproc) cores shared with the client and the peers, and with other work on this machine)"
