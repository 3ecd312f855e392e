#!/usr/bin/env bash
# libFuzzer (+ AddressSanitizer) over the HTTP request parser, the WebSocket frame parser and
# the Parquet reader, each for FUZZ_SECONDS (default 60). Any crash, sanitizer report or
# runaway allocation fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash Fuzz/run.sh "${FUZZ_SECONDS:-60}"
bash Fuzz/run-parquet.sh "${FUZZ_SECONDS:-60}"
