#!/usr/bin/env bash
# Runs LocalStack's S3 without Docker, from the venv that `scripts/bootstrap.sh --test` makes.
#   localstack/run-local.sh start    start (if not running), wait for health, create the bucket
#   localstack/run-local.sh stop     stop the LocalStack this script started
#   localstack/run-local.sh status   exit 0 when S3 answers
# Environment: LOCALSTACK_PORT (4566), S3_BUCKET (candlelake-test), PYTHON (.venv-test/bin/python).
# Signature validation is ON, so presigned URLs and SigV4 headers are really verified;
# LocalStack assumes the secret "test" for unknown access keys.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${LOCALSTACK_PORT:-4566}"
bucket="${S3_BUCKET:-candlelake-test}"
python="${PYTHON:-.venv-test/bin/python}"
state=.localstack
health="http://127.0.0.1:$port/_localstack/health"

healthy() { curl -sf --max-time 2 "$health" | grep -q '"s3": "\(available\|running\)"'; }

create_bucket() {
    "$python" localstack/create_bucket.py "http://127.0.0.1:$port" "$bucket"
}

case "${1:-}" in
start)
    if healthy; then echo "localstack: already running on port $port"; create_bucket; exit 0; fi
    mkdir -p "$state"
    GATEWAY_LISTEN="127.0.0.1:$port" SERVICES=s3 S3_SKIP_SIGNATURE_VALIDATION=0 \
    DNS_ADDRESS=0 SKIP_SSL_CERT_DOWNLOAD=1 DISABLE_EVENTS=1 LOCALSTACK_VOLUME_DIR="$PWD/$state/volume" \
        nohup "$python" -m localstack.runtime.main > "$state/localstack.log" 2>&1 &
    echo $! > "$state/pid"
    for _ in $(seq 1 120); do
        if healthy; then create_bucket; echo "localstack: S3 ready on port $port, bucket $bucket"; exit 0; fi
        kill -0 "$(cat "$state/pid")" 2>/dev/null || { echo "localstack: exited early" >&2; tail -20 "$state/localstack.log" >&2; exit 1; }
        sleep 0.5
    done
    echo "localstack: not healthy after 60 s" >&2; tail -20 "$state/localstack.log" >&2; exit 1
    ;;
stop)
    if [[ -f "$state/pid" ]]; then
        pid=$(cat "$state/pid")
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -KILL "$pid" 2>/dev/null || true
        rm -f "$state/pid"
        echo "localstack: stopped"
    fi
    ;;
status) healthy ;;
*) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
