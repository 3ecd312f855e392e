#!/usr/bin/env bash
# Presigned-URL throughput: CandleLake's SigV4 presigner vs botocore's
# generate_presigned_url, same machine, same run, same kind of URL (GET, virtual-hosted,
# eu-west-1, distinct keys, clock read per URL).
#
#   bench/presign.sh [COUNT]        (default 100000)
#
# Needs: swift toolchain, python with boto3 ($CANDLELAKE_PYTHON or .venv-test/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-100000}"
PYTHON="${CANDLELAKE_PYTHON:-.venv-test/bin/python}"

flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product candlelake >&2
BIN="$(swift build -c release --show-bin-path)/candlelake"

# Warm-up run, then the measured one.
"$BIN" s3 bench-presign --count 10000 >/dev/null
OURS="$("$BIN" s3 bench-presign --count "$COUNT")"

THEIRS="$("$PYTHON" - "$COUNT" <<'PY'
import json, sys, time
import boto3
from botocore.config import Config
count = int(sys.argv[1])
client = boto3.client("s3", region_name="eu-west-1", aws_access_key_id="AKIDEXAMPLE",
                      aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                      config=Config(signature_version="s3v4", s3={"addressing_style": "virtual"}))
for i in range(2000):  # warm-up
    client.generate_presigned_url("get_object", Params={"Bucket": "candlelake-bench", "Key": f"warm/{i}"}, ExpiresIn=3600)
start = time.perf_counter()
total = 0
for i in range(count):
    total += len(client.generate_presigned_url("get_object",
        Params={"Bucket": "candlelake-bench", "Key": f"timeframe=1m/symbol=X/part-{i}.parquet"}, ExpiresIn=3600))
seconds = time.perf_counter() - start
print(json.dumps({"urls": count, "seconds": seconds, "urls_per_second": count / seconds, "bytes": total}))
PY
)"

"$PYTHON" - "$OURS" "$THEIRS" <<'PY'
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"candlelake presign : {ours['urls_per_second']:>12,.0f} URLs/s  ({ours['urls']:,} in {ours['seconds']:.3f} s)")
print(f"botocore presign   : {theirs['urls_per_second']:>12,.0f} URLs/s  ({theirs['urls']:,} in {theirs['seconds']:.3f} s)")
print(f"ratio              : {ours['urls_per_second'] / theirs['urls_per_second']:.1f}x  (goal >= 20x)")
PY
