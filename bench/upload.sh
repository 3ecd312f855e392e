#!/usr/bin/env bash
# Streaming multipart upload: CandleLake's POST /upload vs FastAPI + uvicorn (UploadFile), side
# by side in one run. A file of SIZE_MIB that is not Parquet goes up under a .parquet key with
# curl -F (key after file), so both servers receive and parse the whole form, spool the file to
# disk and refuse it with 422 after reading its head (no validation or storage cost).
# Prints the best of RUNS wall times, throughput, each server's peak resident memory (VmHWM)
# and the ratios.
# Usage: bench/upload.sh [SIZE_MIB] [RUNS]    (defaults: 1024, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib="${1:-1024}"
runs="${2:-3}"
python="${BENCH_PYTHON:-/work/venv-test/bin/python}"
lake_port=18471
uvicorn_port=18472
work=$(mktemp -d)

"$python" -c "import fastapi, uvicorn, python_multipart" 2>/dev/null || "$python" -m pip install -q fastapi "uvicorn[standard]" python-multipart
flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift build -c release --product candlelake >&2

# Rate limiting off: the benchmark sends far more than 1200 requests a minute from 127.0.0.1.
RATE_LIMIT_PER_MINUTE=0 .build/release/candlelake serve --host 127.0.0.1 --port "$lake_port" --workers 1 --data-dir "$work/data" --sync-interval 0 \
    --log-level warning --upload-max-bytes $(( (size_mib + 1) << 20 )) >/dev/null 2>&1 &
lake=$!
"$python" -m uvicorn uvicorn_upload_app:app --app-dir bench --host 127.0.0.1 --port "$uvicorn_port" --workers 1 \
    --no-access-log --log-level warning >/dev/null 2>&1 &
uvicorn=$!
trap 'kill "$lake" "$uvicorn" 2>/dev/null || true; rm -rf "$work"' EXIT
for port in "$lake_port" "$uvicorn_port"; do
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/upload" && break; sleep 0.1; done
done

"$python" -c "
import sys
block = bytes((i * 131 + 7) & 255 for i in range(1 << 20))
with open(sys.argv[1], 'wb') as out:
    for _ in range(int(sys.argv[2])): out.write(block)
" "$work/upload.bin" "$size_mib"
key="timeframe=1m/exchange=NSE/symbol=BENCH/year=2025/month=11/day=03/part-0.parquet"

# best PORT -> "seconds status"
best() {
    local fastest="" status=""
    for _ in $(seq "$runs"); do
        read -r status seconds < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
            -F "file=@$work/upload.bin" -F "key=$key" "http://127.0.0.1:$1/upload")
        fastest=$(awk -v a="$seconds" -v b="${fastest:-$seconds}" 'BEGIN { print (a < b ? a : b) }')
    done
    echo "$fastest $status"
}
peak_mib() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# uvicorn --workers 1 still serves from the process it starts; measure the one holding the port.
uvicorn_pid=$(pgrep -P "$uvicorn" -f uvicorn || echo "$uvicorn")

read -r lake_s lake_status < <(best "$lake_port")
read -r uv_s uv_status < <(best "$uvicorn_port")
lake_peak=$(peak_mib "$lake")
uv_peak=$(peak_mib "$uvicorn_pid")
printf "%-10s %8s %10s %10s %14s\n" server status seconds "MiB/s" "peak RSS MiB"
printf "%-10s %8s %10s %10.0f %14s\n" CandleLake "$lake_status" "$lake_s" "$(awk -v s="$lake_s" -v m="$size_mib" 'BEGIN { print m / s }')" "$lake_peak"
printf "%-10s %8s %10s %10.0f %14s\n" uvicorn "$uv_status" "$uv_s" "$(awk -v s="$uv_s" -v m="$size_mib" 'BEGIN { print m / s }')" "$uv_peak"
awk -v a="$lake_s" -v b="$uv_s" 'BEGIN { printf "throughput ratio %.1fx\n", b / a }'
echo "($size_mib MiB form upload with curl -F, best of $runs, one worker each, same machine)"
