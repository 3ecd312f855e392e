#!/usr/bin/env bash
# The Autobahn WebSocket testsuite (fuzzingclient, every case incl. permessage-deflate) against
# LakeHTTP's echo endpoint. Autobahn needs Python 2.7: pyenv's 2.7.18 + virtualenv 20.15.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
python27="${PYTHON27:-$HOME/.pyenv/versions/2.7.18/bin/python}"
if [[ ! -x .venv-autobahn/bin/wstest ]]; then
    [[ -x "$python27" ]] || { echo "autobahn: need Python 2.7 (set PYTHON27=...)" >&2; exit 1; }
    "$python27" -m pip install -q virtualenv==20.15.1 2>/dev/null
    "$python27" -m virtualenv -q .venv-autobahn
    .venv-autobahn/bin/pip install -q autobahntestsuite 2>/dev/null
fi
AUTOBAHN_WSTEST="$PWD/.venv-autobahn/bin/wstest" bash scripts/autobahn.sh release
