#!/usr/bin/env bash
# Seed 003's trade ingest: CandleLake's POST /v1/trades/ingest on its local-directory lake and on
# LocalStack S3, beside the seed's own design in FastAPI + pydantic + uvicorn writing CSV
# (bench/ingest_peer_app.py), in one run. Batches of 1,000 and 100,000 trades, each acknowledged
# only once durable (CandleLake: Parquet objects stored and fsynced or PUT, catalog committed;
# the peer: CSV appended and fsynced). Prints median seconds per batch, trades/s and the ratios.
# Usage: bench/ingest.sh [RUNS_SMALL] [RUNS_LARGE]    (defaults: 30, 5; LocalStack on :4566)
set -euo pipefail
cd "$(dirname "$0")/.."
runs_small="${1:-30}"
runs_large="${2:-5}"
python="${BENCH_PYTHON:-$PWD/.venv-test/bin/python}"
endpoint="${AWS_ENDPOINT_URL_S3:-http://127.0.0.1:4566}"
work=$(mktemp -d)
prefix="bench/ingest-$(date +%s)"

flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product candlelake >&2
serve() { # PORT DATA_DIR [ENV…]
    local port=$1 data=$2
    shift 2
    # Rate limiting off: the benchmark sends far more than 1200 requests a minute from 127.0.0.1.
    env RATE_LIMIT_PER_MINUTE=0 "$@" .build/release/candlelake serve --host 127.0.0.1 --port "$port" --workers 1 --data-dir "$data" --sync-interval 0 \
        --log-level warning >/dev/null 2>&1 &
    echo $!
}
local_pid=$(serve 18481 "$work/local")
s3_pid=$(serve 18482 "$work/s3" S3_BUCKET=candlelake-test S3_BASE_PREFIX="$prefix" AWS_ENDPOINT_URL_S3="$endpoint" \
    AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true)
INGEST_PEER_DIR="$work/peer" "$python" -m uvicorn ingest_peer_app:app --app-dir bench --host 127.0.0.1 --port 18483 --workers 1 \
    --no-access-log --log-level warning >/dev/null 2>&1 &
peer_pid=$!
cleanup() {
    kill "$local_pid" "$s3_pid" "$peer_pid" 2>/dev/null || true
    "$python" -c "
import boto3, sys
s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
for page in s3.get_paginator('list_objects_v2').paginate(Bucket='candlelake-test', Prefix=sys.argv[2] + '/'):
    for item in page.get('Contents', []): s3.delete_object(Bucket='candlelake-test', Key=item['Key'])
" "$endpoint" "$prefix" || true
    rm -rf "$work"
}
trap cleanup EXIT
for port in 18481 18482 18483; do
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/v1/trades/ingest" && break; sleep 0.1; done
done

"$python" bench/ingest_client.py \
    '{"CandleLake local": "http://127.0.0.1:18481", "CandleLake LocalStack": "http://127.0.0.1:18482", "FastAPI CSV": "http://127.0.0.1:18483"}' \
    "1000x$runs_small,100000x$runs_large" | tee "$work/results.jsonl"
"$python" - "$work/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"{'server':24} {'trades':>8} {'median s':>10} {'trades/s':>12} {'vs FastAPI':>11}")
for row in rows:
    peer = next(r for r in rows if r["server"] == "FastAPI CSV" and r["trades"] == row["trades"])
    print(f"{row['server']:24} {row['trades']:>8} {row['median_s']:>10.4f} {row['trades_per_s']:>12,} {peer['median_s'] / row['median_s']:>10.2f}x")
PY
