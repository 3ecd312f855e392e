#!/usr/bin/env bash
# Catalog sync speed: parse 100,000 lake keys, reconcile them into an empty catalog, then
# resync against a listing with 10,000 deletions, changes and additions.
# CandleLake (release build, the LakeCatalogTests benchmark test) beside the Python peer
# (regex parsing + sqlite3, bench/catalog_sync_peer.py) on the same keys, with ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${CANDLELAKE_PYTHON:-python3}"

ours=$(flock "${CANDLELAKE_BUILD_LOCK:-/tmp/candlelake-swift.lock}" swift test -c release --filter reconcilesAHundredThousandObjects 2>&1 \
       | grep '^100,000 objects:' || true)
[[ -n "$ours" ]] || { echo "catalog-sync: the Swift benchmark test did not run" >&2; exit 1; }
peer=$("$python" bench/catalog_sync_peer.py)

numbers() { grep -oE '[0-9]+\.[0-9]+ seconds' <<<"$1" | awk '{print $1}'; }
paste <(printf 'parse keys\nreconcile into empty catalog\nresync (30,000 differences)\n') \
      <(numbers "$ours") <(numbers "$peer") |
    awk -F'\t' 'BEGIN { printf "%-30s %12s %12s %8s\n", "phase", "candlelake", "python", "ratio" }
                { printf "%-30s %11.3fs %11.3fs %7.1fx\n", $1, $2, $3, $3 / $2 }'
