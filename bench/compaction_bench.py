"""Query times of a day of many trade parts before and after compaction, for bench/compaction.sh.
Usage: compaction_bench.py BASE_URL LAKE_DIR|s3:PREFIX REPEAT   (PARTS=1000, PER_PART=100)

Ingests PARTS batches of PER_PART trades of BTCUSDT, all on 2025-12-01, through
`POST /v1/trades/ingest` (one part each), then times on one keep-alive `requests` session
(a) the first page of 10,000 trades of the day and (b) the whole day by `next_url`, and DuckDB
reading the partition's files (count and price sum); compacts through
`POST /api/v1/admin/compact` and times the same again. With an `s3:PREFIX` lake (LocalStack)
DuckDB is left out and the prefix is deleted at the end."""
import glob, json, os, random, statistics, sys, time
import boto3, duckdb, requests

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

on_s3 = lake.startswith("s3:")

def timed(function):
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - began)
    return (times[0], statistics.median(times)), result

def totals(bodies):
    trades = [trade for body in bodies for trade in json.loads(body)["data"]]
    return len(trades), round(sum(trade["price"] for trade in trades), 2)

def s3_keys():
    s3 = boto3.client("s3", endpoint_url="http://127.0.0.1:4566", region_name="us-east-1", aws_access_key_id="test",
                      aws_secret_access_key="test")
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket="candlelake-test", Prefix=lake[3:] + "/")
    return s3, [item["Key"] for page in pages for item in page.get("Contents", [])]

def measure():
    page_time, page = timed(first_page)
    day_time, bodies = timed(whole_day)
    result = {"page": page_time, "day": day_time, "page_rows": len(json.loads(page)["data"]), "day_totals": totals(bodies)}
    if on_s3:
        result["files"] = len(s3_keys()[1])
    else:
        result["duckdb"], duck = timed(duckdb_day)
        result["duckdb_totals"], result["files"] = tuple(duck), len(glob.glob(pattern))
    return result

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
print(f"{'case':<44}{'cold before':>12}{'cold after':>12}{'ratio':>7}{'median before':>15}{'median after':>14}{'ratio':>7}  (ms)")
cases = [("page", "(a) first 10,000 trades of the day, HTTP"), ("day", "(b) whole day by next_url, HTTP")]
for key, name in cases + ([] if on_s3 else [("duckdb", "DuckDB read_parquet of the partition")]):
    (cold_before, median_before), (cold_after, median_after) = before[key], after[key]
    print(f"{name:<44}{cold_before * 1000:>12.1f}{cold_after * 1000:>12.1f}{cold_before / cold_after:>7.1f}"
          f"{median_before * 1000:>15.1f}{median_after * 1000:>14.1f}{median_before / median_after:>7.1f}")
print(f"objects in the lake: {before['files']} → {after['files']}")
print(f"totals (count, price sum) — HTTP before {before['day_totals']}, after {after['day_totals']}"
      + ("" if on_s3 else f"; DuckDB before {before['duckdb_totals']}, after {after['duckdb_totals']}"))
if on_s3:
    s3, keys = s3_keys()
    for start_index in range(0, len(keys), 1000):
        s3.delete_objects(Bucket="candlelake-test", Delete={"Objects": [{"Key": key} for key in keys[start_index:start_index + 1000]]})
if before["day_totals"] != after["day_totals"] or before.get("duckdb_totals") != after.get("duckdb_totals") or before["page_rows"] != after["page_rows"]:
    sys.exit("totals differ before and after compaction")
