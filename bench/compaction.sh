#!/usr/bin/env bash
# Compaction, before and after: one UTC day of trades ingested through POST /v1/trades/ingest
# in PARTS batches (one Parquet part each, as a feed posting every few seconds makes), read
#   (a) a page of 10,000 trades from the start of the day   (b) the whole day by next_url
# over HTTP from `candlelake serve` (release build), and by DuckDB from the partition's files
# in-process; then POST /api/v1/admin/compact merges the day into one object and the same reads
# run again. Prints medians, the ratio before / after (> 1: compaction made it faster), the
# compaction's own time, and trade counts and price sums, which must agree before and after.
# STORE=s3 runs the server on a fresh prefix of the LocalStack bucket instead of a local lake
# (DuckDB is then left out); the first, cold read of each case is printed beside the median,
# which the server's object cache serves.
# Usage: bench/compaction.sh   (REPEAT=10, PORT=8406, PARTS=1000, PER_PART=100, STORE=local|s3)
set -euo pipefail
cd "$(dirname "$0")/.."
python="${CANDLELAKE_PYTHON:-/work/venv-test/bin/python}"
repeat="${REPEAT:-10}"
port="${PORT:-8406}"
data="$(mktemp -d -t candlelake-compaction-XXXXXX)"

flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product candlelake >/dev/null
lake="$data/lake"
settings=(env -u S3_BUCKET COMPACT_INTERVAL=0)
if [ "${STORE:-local}" = s3 ]; then
    bash localstack/run-local.sh status >/dev/null || { echo "LocalStack is not running: bash localstack/run-local.sh start" >&2; exit 1; }
    lake="s3:bench/compaction-$$"
    settings=(env COMPACT_INTERVAL=0 S3_BUCKET=candlelake-test S3_BASE_PREFIX="${lake#s3:}" AWS_ENDPOINT_URL_S3=http://127.0.0.1:4566
              AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test S3_ADDRESSING_STYLE=path AWS_EC2_METADATA_DISABLED=true)
fi
"${settings[@]}" .build/release/candlelake serve --data-dir "$data" --host 127.0.0.1 --port "$port" \
    --sync-interval 0 --log-level warning >/dev/null 2>"$data/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 300); do curl -sf "$base/health" >/dev/null && break; sleep 0.1; done
kill -0 "$server" 2>/dev/null || { cat "$data/serve.log" >&2; echo "candlelake serve did not start (PORT=$port taken?)" >&2; exit 1; }
"$python" bench/compaction_bench.py "$base" "$lake" "$repeat"
echo "(REPEAT=$repeat; server: $(nproc) cores shared with the client and DuckDB, and with other work on this machine)"
