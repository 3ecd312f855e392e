#!/usr/bin/env bash
# Measures `candlelake catalog sync` against LocalStack: writes N tiny Parquet partitions
# (default 100,000) with boto3 in parallel under a fresh prefix, then times
#   1. a plain boto3 listing of the prefix (the floor: a sync must at least list),
#   2. a full sync into an empty catalog (list + one ranged footer read per object),
#   3. a second sync with nothing changed (list + compare ETags),
# and prints the ratios. Cleans the prefix up afterwards.
#
#   bash bench/catalog-sync-localstack.sh [N]        # LocalStack on $CANDLELAKE_TEST_S3_ENDPOINT or :4566
#
# Measured 2026-11-22 (2 shared cores, LocalStack at ~100% of one core throughout, other
# builds running): 100,000 objects — boto3 listing 66.0 s, full sync 368.5 s (271 objects/s,
# 5.6x the listing), unchanged re-sync 81.7 s (1.24x the listing).
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-100000}"
endpoint="${CANDLELAKE_TEST_S3_ENDPOINT:-http://127.0.0.1:4566}"
bucket="${CANDLELAKE_TEST_S3_BUCKET:-candlelake-test}"
python="${CANDLELAKE_PYTHON:-$PWD/.venv-test/bin/python}"
prefix="bench/sync-$(date +%s)-$$"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product candlelake >/dev/null
binary="$(swift build -c release --show-bin-path)/candlelake"

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export S3_ADDRESSING_STYLE=path AWS_ENDPOINT_URL_S3="$endpoint"

"$python" - "$endpoint" "$bucket" "$prefix" "$count" <<'PY'
import io, sys, time, datetime
from concurrent.futures import ThreadPoolExecutor
import boto3, pyarrow as pa, pyarrow.parquet as pq
from botocore.config import Config
endpoint, bucket, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
s3 = boto3.client('s3', endpoint_url=endpoint, config=Config(s3={'addressing_style': 'path'}, max_pool_connections=64))
days = 100
blobs = []
for d in range(days):
    start = datetime.datetime(2025, 1, 1, 9, tzinfo=datetime.timezone.utc) + datetime.timedelta(days=d)
    times = [start + datetime.timedelta(minutes=m) for m in range(5)]
    table = pa.table({'timestamp': pa.array(times, pa.timestamp('ms', tz='UTC')), 'open': [1.0] * 5, 'high': [2.0] * 5,
                      'low': [0.5] * 5, 'close': [1.5] * 5, 'volume': [10.0] * 5})
    buffer = io.BytesIO(); pq.write_table(table, buffer); blobs.append((start, buffer.getvalue()))
def put(i):
    start, blob = blobs[i % days]
    key = f"{prefix}/timeframe=1m/exchange=NSE/symbol=SYM{i // days:05d}/year={start.year}/month={start.month:02d}/day={start.day:02d}/part-00000.parquet"
    s3.put_object(Bucket=bucket, Key=key, Body=blob)
began = time.time()
with ThreadPoolExecutor(64) as pool:
    list(pool.map(put, range(count)))
print(f"wrote {count} objects with boto3 (64 threads) in {time.time() - began:.1f} s", flush=True)
PY

list_seconds="$("$python" - "$endpoint" "$bucket" "$prefix" <<'PY'
import sys, time, boto3
from botocore.config import Config
s3 = boto3.client('s3', endpoint_url=sys.argv[1], config=Config(s3={'addressing_style': 'path'}))
began = time.time(); n = 0
for page in s3.get_paginator('list_objects_v2').paginate(Bucket=sys.argv[2], Prefix=sys.argv[3] + '/'):
    n += len(page.get('Contents', []))
print(f"{time.time() - began:.2f}")
print(f"boto3 listing: {n} objects in {time.time() - began:.2f} s", file=sys.stderr)
PY
)"

# Prints the CLI's summary on stderr and the elapsed seconds on stdout. (Not `tee /dev/stderr`:
# with stderr redirected to a file, tee would reopen and truncate it.)
run_sync() {
    local began ended summary
    began=$(date +%s.%N)
    summary="$(S3_BUCKET="$bucket" S3_BASE_PREFIX="$prefix" DATA_DIR="$work" LOG_LEVEL=warning "$binary" catalog sync 2>/dev/null)"
    ended=$(date +%s.%N)
    echo "$summary" >&2
    echo "$ended - $began" | bc
}
echo "full sync (empty catalog):"
full_seconds="$(run_sync)"
echo "incremental sync (nothing changed):"
again_seconds="$(run_sync)"

"$python" - "$count" "$list_seconds" "$full_seconds" "$again_seconds" <<'PY'
import sys
count, listing, full, again = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"\n{count} objects: boto3 listing {listing:.1f} s | full sync {full:.1f} s ({count / full:,.0f} objects/s, "
      f"{full / listing:.1f}x the listing) | unchanged re-sync {again:.1f} s ({again / listing:.2f}x the listing)")
PY

"$python" - "$endpoint" "$bucket" "$prefix" <<'PY'
import sys, boto3
from botocore.config import Config
s3 = boto3.client('s3', endpoint_url=sys.argv[1], config=Config(s3={'addressing_style': 'path'}))
for page in s3.get_paginator('list_objects_v2').paginate(Bucket=sys.argv[2], Prefix=sys.argv[3] + '/'):
    keys = [{'Key': item['Key']} for item in page.get('Contents', [])]
    if keys: s3.delete_objects(Bucket=sys.argv[2], Delete={'Objects': keys, 'Quiet': True})
PY
