#!/usr/bin/env bash
# Runs the Autobahn testsuite's fuzzingclient (all cases, compression included) against the
# LakeHTTP echo endpoint and fails unless every case is OK or NON-STRICT (INFORMATIONAL and
# UNIMPLEMENTED only where Autobahn itself grades a case so). Reports: .build/autobahn/reports.
#
# Needs Autobahn in a Python 2.7 venv; set it up once with:
#   ~/.pyenv/versions/2.7.18/bin/python -m pip install virtualenv==20.15.1
#   ~/.pyenv/versions/2.7.18/bin/python -m virtualenv /work/venv-autobahn
#   /work/venv-autobahn/bin/pip install autobahntestsuite
# Usage: scripts/autobahn.sh [debug|release]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${1:-release}"
wstest="${AUTOBAHN_WSTEST:-/work/venv-autobahn/bin/wstest}"
port="${AUTOBAHN_PORT:-9371}"
work="$PWD/.build/autobahn"
rm -rf "$work" && mkdir -p "$work"
trap 'kill "$server" 2>/dev/null || true' EXIT

[ -x "$wstest" ] || { echo "autobahn: $wstest not found (see the header of this script)" >&2; exit 1; }
flock /tmp/candlelake-swift.lock swift build -c "$configuration" --product lakehttp-testserver >&2
LOG_LEVEL=warning ".build/$configuration/lakehttp-testserver" "$port" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
    sleep 0.1
done

cat > "$work/config.json" <<JSON
{
  "outdir": "$work/reports",
  "servers": [{"agent": "LakeHTTP", "url": "ws://127.0.0.1:$port/ws/echo"}],
  "cases": ["*"],
  "exclude-cases": [],
  "exclude-agent-cases": {}
}
JSON
(cd "$work" && "$wstest" -m fuzzingclient -s config.json > wstest.log 2>&1) || { tail -20 "$work/wstest.log"; exit 1; }

python3 - "$work/reports/index.json" <<'PY'
import json, sys, collections
results = json.load(open(sys.argv[1]))["LakeHTTP"]
counts = collections.Counter()
bad = []
for case, result in sorted(results.items(), key=lambda item: [int(part) for part in item[0].split(".")]):
    behavior, close = result["behavior"], result["behaviorClose"]
    counts[behavior] += 1
    if behavior not in ("OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED") or close not in ("OK", "INFORMATIONAL"):
        bad.append("%s behavior=%s close=%s" % (case, behavior, close))
print("autobahn: %d cases: %s" % (sum(counts.values()), ", ".join("%s %d" % pair for pair in sorted(counts.items()))))
for line in bad:
    print("FAILED " + line)
sys.exit(1 if bad else 0)
PY
