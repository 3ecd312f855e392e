#!/usr/bin/env bash
# Where a whole-object GET stops being faster than ranged reads, against S3 (LocalStack unless
# AWS_ENDPOINT_URL_S3 says otherwise): objects of one UTC day of trades in 10 row groups, from
# ~0.25 MB to ~33 MB, and a query of one row group's time range (3 of 5 columns). CandleLake's
# query loader (`candlelake ranged-read-bench`, release build) reads each object both ways —
# one whole GET, and footer + needed chunks — beside pyarrow doing the same through its
# S3FileSystem (bench/ranged_read_peer.py), in the same run. Prints median milliseconds, the
# whole / ranged ratio (> 1: ranged reads win) and pyarrow / CandleLake for ranged reads.
# RANGED_READ_THRESHOLD (default 2 MiB) should sit where our ratio crosses 1.
# Usage: bench/ranged-read.sh   (REPEAT=7, BUCKET=candlelake-test, ROWS=10000,…,1280000)
set -euo pipefail
cd "$(dirname "$0")/.."
python="${CANDLELAKE_PYTHON:-/work/venv-test/bin/python}"
export AWS_ENDPOINT_URL_S3="${AWS_ENDPOINT_URL_S3:-http://127.0.0.1:4566}" AWS_REGION="${AWS_REGION:-us-east-1}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export S3_ADDRESSING_STYLE="${S3_ADDRESSING_STYLE:-path}" AWS_EC2_METADATA_DISABLED=true
repeat="${REPEAT:-7}"
bucket="${BUCKET:-candlelake-test}"
rows="${ROWS:-10000,40000,80000,160000,320000,1280000}"

flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product candlelake >/dev/null
ours=$(.build/release/candlelake ranged-read-bench --bucket "$bucket" --repeat "$repeat" --rows "$rows")
peer=$("$python" bench/ranged_read_peer.py "$bucket" "$repeat" "$rows")
"$python" - "$ours" "$peer" <<'PY'
import json, sys
ours = [json.loads(line) for line in sys.argv[1].splitlines()]
peer = {row["rows"]: row for row in map(json.loads, sys.argv[2].splitlines())}
print(f"{'rows':>9} {'MB':>7} | {'whole':>8} {'ranged':>8} {'whole/ranged':>12} | {'pyarrow whole':>13} {'ranged':>8} | pyarrow/ours ranged")
for row in ours:
    other = peer[row["rows"]]
    print(f"{row['rows']:>9} {row['bytes'] / 1e6:>7.2f} | {row['whole_ms']:>6.1f}ms {row['ranged_ms']:>6.1f}ms {row['whole_over_ranged']:>11.2f}x"
          f" | {other['whole_ms']:>11.1f}ms {other['ranged_ms']:>6.1f}ms | {other['ranged_ms'] / row['ranged_ms']:.2f}x")
PY
