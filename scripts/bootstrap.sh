#!/usr/bin/env bash
# Installs what CandleLake needs on a Debian machine, skipping whatever is already there.
#   scripts/bootstrap.sh          system packages only (enough to build and serve)
#   scripts/bootstrap.sh --test   also the Python venv .venv-test with the test and interop tools
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libcurl4-openssl-dev libssl-dev libsqlite3-dev zlib1g-dev libzstd-dev pkg-config curl)
TEST_APT_PACKAGES=(wrk openjdk-17-jre-headless)
# LocalStack's S3 plus the tools the interop tests drive. The pins are LocalStack's known-good set.
PY_PACKAGES=("localstack-core[runtime]" "cbor2<5.7" "cryptography<44" "pyopenssl<24.3"
             "service_identity<24.2" "joserfc<1.1" boto3 requests websockets pyarrow duckdb polars pandas
             fastapi "uvicorn[standard]" python-multipart pyspark)

wanted=("${APT_PACKAGES[@]}")
[[ "${1:-}" == "--test" ]] && wanted+=("${TEST_APT_PACKAGES[@]}")
missing=()
for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    echo "bootstrap: installing ${missing[*]}"
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null; then
    echo "bootstrap: no 'swift' on PATH — install the Swift 6.3 toolchain (https://www.swift.org/install/linux/)" >&2
    exit 1
fi

[[ "${1:-}" == "--test" ]] || exit 0

# Python ≥ 3.12 for LocalStack: $PYTHON, else pyenv's 3.13, else the system python3 if new enough.
python="${PYTHON:-}"
if [[ -z "$python" ]]; then
    for candidate in "$HOME/.pyenv/versions/3.13.0/bin/python" python3.13 python3.12 python3; do
        if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
            python="$candidate"; break
        fi
    done
fi
[[ -n "$python" ]] || { echo "bootstrap: need Python >= 3.12 (set PYTHON=...)" >&2; exit 1; }

stamp=.venv-test/.candlelake-packages
if [[ ! -x .venv-test/bin/python ]]; then
    echo "bootstrap: creating .venv-test with $("$python" --version)"
    "$python" -m venv .venv-test
fi
if [[ "$(cat "$stamp" 2>/dev/null)" != "${PY_PACKAGES[*]}" ]]; then
    echo "bootstrap: installing the test tools into .venv-test"
    .venv-test/bin/pip install -q --upgrade pip
    .venv-test/bin/pip install -q "${PY_PACKAGES[@]}"
    echo "${PY_PACKAGES[*]}" > "$stamp"
fi
