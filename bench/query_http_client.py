"""Times `POST /api/v1/bars` against a running CandleLake, for bench/query-http.sh.
Usage: query_http_client.py BASE_URL SYMBOL TIMEFRAME START END REPEAT.

One keep-alive session (python requests); the first request is the cold one (page cache and
server warm-up), then REPEAT timed requests, each timed from sending to the last byte of the
body. The JSON is parsed once, outside the timings, for the bar count and the sum of closes,
which bench/query-http.sh compares with DuckDB's and polars'. Prints one JSON line."""
import json, sys, time
import requests

base, symbol, timeframe, start, end, repeat = sys.argv[1:7]
body = {"symbol": symbol, "timeframe": timeframe, "start_date": f"{start}T00:00:00Z", "end_date": f"{end}T00:00:00Z",
        "validate": False}
session = requests.Session()

def fetch():
    began = time.perf_counter()
    response = session.post(f"{base}/api/v1/bars", json=body)
    content = response.content
    elapsed = (time.perf_counter() - began) * 1000
    if response.status_code != 200:
        sys.exit(f"HTTP {response.status_code}: {content[:300]!r}")
    return content, elapsed

content, cold = fetch()
timings = sorted(fetch()[1] for _ in range(int(repeat)))
bars = json.loads(content)["data"]
print(json.dumps({"engine": "candlelake", "bars": len(bars), "bytes": len(content), "first_ms": cold, "min_ms": timings[0],
                  "median_ms": timings[len(timings) // 2], "close_sum": sum(bar["close"] for bar in bars)}))
