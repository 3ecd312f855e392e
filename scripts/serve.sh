#!/usr/bin/env bash
# Installs what is missing, builds CandleLake (release) and serves the lake.
# With no S3 bucket configured, it serves the embedded local-directory lake under DATA_DIR (./data).
# Arguments go to `candlelake serve` (e.g. --port 8200 --data-dir ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
swift build -c release --product candlelake
exec .build/release/candlelake serve "$@"
