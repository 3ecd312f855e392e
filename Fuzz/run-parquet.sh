#!/usr/bin/env bash
# Fuzzes the Parquet reader with libFuzzer + AddressSanitizer for SECONDS (default 60),
# seeded with the parquet-testing corpus. Fails on any crash, leak of limits, or timeout.
#
# Usage: Fuzz/run-parquet.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
OUT=.build/fuzz-parquet
SHARED="${CANDLELAKE_SHARED_DIR:-$(cd .. && pwd)/shared}"
mkdir -p "$OUT/corpus" "$OUT/artifacts"
FLAGS=(-parse-as-library -sanitize=address,fuzzer -O -g -swift-version 6 -I "$OUT" -I Sources/CZlib -I Sources/CZstd)

# Two modules as in the package (LakeFormats imports LakeCore), instrumented, then the entry.
flock /tmp/candlelake-swift.lock sh -c "
  swiftc ${FLAGS[*]} -module-name LakeCore -emit-module -emit-module-path $OUT/LakeCore.swiftmodule \
    -emit-library -static -o $OUT/libLakeCore.a \$(find Sources/LakeCore -name '*.swift') &&
  swiftc ${FLAGS[*]} -module-name LakeFormats -emit-module -emit-module-path $OUT/LakeFormats.swiftmodule \
    -emit-library -static -o $OUT/libLakeFormats.a \$(find Sources/LakeFormats -name '*.swift') &&
  swiftc ${FLAGS[*]} -module-name FuzzParquet Fuzz/parquet/FuzzParquetReader.swift \
    -L $OUT -lLakeFormats -lLakeCore -lz -lzstd -o $OUT/fuzz-parquet"

cp -n "$SHARED"/testdata/parquet/*.parquet "$OUT/corpus/" 2>/dev/null || true
"$OUT/fuzz-parquet" "$OUT/corpus" -max_total_time="$SECONDS_TO_RUN" -rss_limit_mb=2048 -malloc_limit_mb=1024 \
  -timeout=10 -max_len=65536 -artifact_prefix="$OUT/artifacts/" -print_final_stats=1
