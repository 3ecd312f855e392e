#!/usr/bin/env bash
# libFuzzer (+ AddressSanitizer) over the parsers of untrusted input: HTTP requests, WebSocket
# frames and Parquet files, each for FUZZ_SECONDS (default 60); trade ingest bodies, trade CSV
# files, CSV files and /ws/stream commands, each for FUZZ_CLIENT_SECONDS (default 20: small
# grammars, whose shallow bugs show in seconds; long runs are local). Any crash, sanitizer
# report, leak, timeout or runaway allocation fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash Fuzz/run.sh "${FUZZ_SECONDS:-60}"
bash Fuzz/run-modules.sh "${FUZZ_SECONDS:-60}" parquet
bash Fuzz/run-modules.sh "${FUZZ_CLIENT_SECONDS:-20}" ingest trade-csv csv stream
