"""Query times of a day of many trade parts before and after compaction, for bench/compaction.sh.
Usage: compaction_bench.py BASE_URL LAKE_DIR REPEAT   (PARTS=1000, PER_PART=100)

Ingests PARTS batches of PER_PART trades of BTCUSDT, all on 2025-12-01, through
`POST /v1/trades/ingest` (one part each), then times on one keep-alive `requests` session
(a) the first page of 10,000 trades of the day and (b) the whole day by `next_url`, and DuckDB
reading the partition's files (count and price sum); compacts through
`POST /api/v1/admin/compact` and times the same again."""
import glob, json, os, random, statistics, sys, time
import duckdb, requests

base, lake, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
parts, per_part = int(os.environ.get("PARTS", "1000")), int(os.environ.get("PER_PART", "100"))
start = 1_764_547_200_000  # 2025-12-01T00:00:00Z
session = requests.Session()
pattern = f"{lake}/timeframe=trades/exchange=UNKNOWN/symbol=BTCUSDT/year=2025/month=12/day=01/*.parquet"
day = f"start_time={start}&end_time={start + 86_400_000}"

def ingest():
    rng, price = random.Random(7), 90_000.0
    step = 86_400_000 // (parts * per_part)
    for part in range(parts):
        body = []
        for index in range(per_part):
            price = round(price + rng.uniform(-5, 5), 2)
            body.append({"timestamp": start + (part * per_part + index) * step, "symbol": "BTCUSDT", "price": price,
                         "volume": rng.randint(1, 100) / 10})
        reply = session.post(f"{base}/v1/trades/ingest", data=json.dumps(body), headers={"Content-Type": "application/json"})
        reply.raise_for_status()

def first_page():
    reply = session.get(f"{base}/api/v1/data/trades/BTCUSDT?{day}&limit=10000")
    reply.raise_for_status()
    return reply.content

def whole_day():
    bodies, url = [], f"{base}/api/v1/data/trades/BTCUSDT?{day}&limit=10000"
    while url:
        reply = session.get(url)
        reply.raise_for_status()
        bodies.append(reply.content)
        url = json.loads(reply.content).get("next_url")
        if url and url.startswith("/"):
            url = base + url
    return bodies

def duckdb_day():
    return duckdb.sql(f"SELECT count(*), round(sum(price), 2) FROM read_parquet('{pattern}')").fetchall()[0]

def timed(function):
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result

def totals(bodies):
    trades = [trade for body in bodies for trade in json.loads(body)["data"]]
    return len(trades), round(sum(trade["price"] for trade in trades), 2)

def measure():
    page_time, page = timed(first_page)
    day_time, bodies = timed(whole_day)
    duck_time, duck = timed(duckdb_day)
    return {"page": page_time, "day": day_time, "duckdb": duck_time, "page_rows": len(json.loads(page)["data"]),
            "day_totals": totals(bodies), "duckdb_totals": tuple(duck), "files": len(glob.glob(pattern))}

began = time.perf_counter()
ingest()
print(f"ingested {parts} batches of {per_part} trades in {time.perf_counter() - began:.1f} s")
before = measure()
began = time.perf_counter()
reply = session.post(f"{base}/api/v1/admin/compact", json={"timeframe": "trades", "symbol": "BTCUSDT"})
reply.raise_for_status()
compaction = time.perf_counter() - began
data = reply.json()["data"]
after = measure()
print(f"compaction: {data['objects_before']} → {data['objects_after']} objects, {data['rows']} rows, "
      f"{data['bytes_before']} → {data['bytes_after']} bytes in {compaction:.2f} s")
print(f"{'case':<44}{'before (ms)':>12}{'after (ms)':>12}{'ratio':>8}")
for key, name in [("page", "(a) first 10,000 trades of the day, HTTP"), ("day", "(b) whole day by next_url, HTTP"),
                  ("duckdb", "DuckDB read_parquet of the partition")]:
    print(f"{name:<44}{before[key] * 1000:>12.1f}{after[key] * 1000:>12.1f}{before[key] / after[key]:>8.1f}")
print(f"files in the partition: {before['files']} → {after['files']}")
print(f"totals (count, price sum) — HTTP before {before['day_totals']}, after {after['day_totals']}; "
      f"DuckDB before {before['duckdb_totals']}, after {after['duckdb_totals']}")
if before["day_totals"] != after["day_totals"] or before["duckdb_totals"] != after["duckdb_totals"] or before["page_rows"] != after["page_rows"]:
    sys.exit("totals differ before and after compaction")
