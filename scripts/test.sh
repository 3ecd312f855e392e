#!/usr/bin/env bash
# Runs every CandleLake test: unit tables, LocalStack integration, interop with pyarrow/DuckDB/
# polars/boto3/curl/requests/websockets, and the bounded fuzz and conformance stages.
# Installs what is missing first (scripts/bootstrap.sh --test) and starts LocalStack if needed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh --test
export CANDLELAKE_PYTHON="$PWD/.venv-test/bin/python"

started_localstack=0
if ! bash localstack/run-local.sh status; then
    bash localstack/run-local.sh start
    started_localstack=1
fi
stop_localstack() { if ((started_localstack)); then bash localstack/run-local.sh stop; fi; }
trap stop_localstack EXIT

swift build --build-tests

# Stages that drive external conformance tools or fuzzers, each bounded in time.
for stage in scripts/stages/*.sh; do
    [[ -e "$stage" ]] || continue
    echo "== stage $(basename "$stage")"
    bash "$stage"
done

# Last, so that its summary is the closing line of the run. Serial: several suites start
# servers in-process and drive them from python/curl subprocesses; on a 2-core machine the
# concurrency pool has two threads, and parallel suites waiting on subprocesses starve it.
swift test --no-parallel
