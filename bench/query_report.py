"""Prints one case of bench/query.sh or bench/query-http.sh: CandleLake's timings beside the
peers' (bench/query_peers.py), with ratios peer / CandleLake (> 1: CandleLake is faster) and
the bar counts and close checksums, which must agree.
Usage: query_report.py LABEL ENGINE OURS_JSON PEERS_JSON_LINES"""
import json, sys

label, engine, ours, peers = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), [json.loads(l) for l in sys.argv[4].splitlines()]
detail = f"{ours['bytes'] / 1024:.0f} KiB of JSON over HTTP" if "bytes" in ours else f"from {ours['objects']} objects"
print(f"{label}: {ours['bars']} bars, {detail}")
print(f"  {'engine':<16}{'median':>11}{'min':>11}{'cold':>11}{'ratio':>9}   bars  close checksum")
for row in [dict(ours, engine=engine)] + peers:
    ratio = row["median_ms"] / ours["median_ms"]
    print(f"  {row['engine']:<16}{row['median_ms']:>9.2f}ms{row['min_ms']:>9.2f}ms{row['first_ms']:>9.2f}ms{ratio:>8.2f}x"
          f"  {row['bars']:>5}  {row['close_sum']:.2f}")
