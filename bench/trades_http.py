"""The trade endpoints against a running CandleLake, for bench/trades-http.sh.
Usage: trades_http.py BASE_URL LAKE_DIR REPEAT

Fills the lake once through `POST /v1/trades/ingest` (DAYS days of PER_DAY trades of BTCUSDT,
four to a millisecond, in bodies of 100,000 trades) unless it already holds trades, then
times, on one keep-alive `requests` session, to the last byte of the JSON body (parsed afterwards, untimed):
  (a) a page of 10,000 trades from the middle of the month (`start_time`, `limit=10000`)
  (b) the 1,000 latest trades (`/latest?limit=1000`)
  (c) paging through one whole day by `next_url`, 10,000 at a time
beside DuckDB and polars answering the same question in-process from the same Parquet files
(no transport, no JSON). Prints, per case, median and minimum times, the ratio peer /
CandleLake (> 1: CandleLake is faster), and the trade counts and price sums, which must agree."""
import json, os, random, sys, time
import duckdb, polars as pl, requests

base, lake, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
days, per_day = int(os.environ.get("DAYS", "30")), int(os.environ.get("PER_DAY", "100000"))
start = 1_764_547_200_000  # 2025-12-01T00:00:00Z
session = requests.Session()
# requests asks for gzip by default, and the server compresses; an identity client shows the
# server's time without the compression (on loopback the bytes cost less than zlib does).
identity = requests.Session()
identity.headers["Accept-Encoding"] = "identity"
files = f"{lake}/timeframe=trades/exchange=UNKNOWN/symbol=BTCUSDT/**/*.parquet"

def ingest():
    rng, price, batch = random.Random(7), 90_000.0, []
    for index in range(days * per_day):
        # Four trades to a millisecond, so that pages end inside shared milliseconds.
        time_ms = start + index // 4 * (4 * 86_400_000 // per_day)
        price = round(max(1.0, price + rng.uniform(-5, 5)), 2)
        batch.append({"timestamp": time_ms, "symbol": "BTCUSDT", "price": price, "volume": round(rng.uniform(0.0001, 2), 4)})
        if len(batch) == 100_000:
            reply = session.post(f"{base}/v1/trades/ingest", json=sorted(batch, key=lambda t: t["timestamp"]))
            reply.raise_for_status()
            batch = []
    if batch:
        session.post(f"{base}/v1/trades/ingest", json=sorted(batch, key=lambda t: t["timestamp"])).raise_for_status()

def timed(fetch):
    result = fetch()  # cold: page cache, server warm-up
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        result = fetch()
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    return result, timings[len(timings) // 2], timings[0]

def fetch(path, client=session):
    """The body's bytes, to the last one; parsed by the caller, outside the timings."""
    reply = client.get(base + path)
    content = reply.content
    if reply.status_code != 200:
        sys.exit(f"HTTP {reply.status_code}: {content[:300]!r}")
    return content

def pages(path, client=session):
    """Every body from `path` on, following next_url (the envelope's last key, read without parsing)."""
    bodies = []
    while path:
        content = fetch(path, client)
        bodies.append(content)
        marker = content.rfind(b',"next_url":"')
        path = json.loads(content[marker + 12:-1]) if marker >= 0 else None
    return bodies

def trades_of(*bodies):
    return [trade for body in bodies for trade in json.loads(body)["data"]]

def report(label, ours, plain, peers):
    """`ours` (gzip, as requests asks) is the reference of the ratios; `plain` is the identity client's."""
    (bodies, median, minimum) = ours
    trades = trades_of(*bodies)
    print(f"{label}: {len(trades)} trades")
    print(f"  {'engine':<20}{'median':>11}{'min':>11}{'ratio':>9}  trades  price sum")
    for engine, (bodies, row_median, row_min) in (("candlelake http", ours), ("candlelake identity", plain)):
        rows = trades_of(*bodies)
        print(f"  {engine:<20}{row_median:>9.2f}ms{row_min:>9.2f}ms{row_median / median:>8.2f}x  {len(rows):>6}  "
              f"{sum(t['price'] for t in rows):.2f}")
    for engine, (rows, peer_median, peer_min) in peers:
        print(f"  {engine:<20}{peer_median:>9.2f}ms{peer_min:>9.2f}ms{peer_median / median:>8.2f}x  {len(rows):>6}  {sum(rows):.2f}")

if session.get(f"{base}/api/v1/data/trades/BTCUSDT/latest?limit=1").status_code == 404:
    print(f"ingesting {days} days of {per_day} trades …", file=sys.stderr)
    ingest()

duck = duckdb.connect()
middle = start + days // 2 * 86_400_000 + 43_200_000
day_start, day_end = start + 86_400_000, start + 2 * 86_400_000

def duck_prices(sql):
    return [row[0] for row in duck.execute(sql).fetchall()]

page_sql = (f"SELECT price FROM read_parquet('{files}') WHERE timestamp >= epoch_ms({middle}) "
            f"ORDER BY timestamp LIMIT 10000")
latest_sql = f"SELECT price FROM (SELECT timestamp, price FROM read_parquet('{files}') ORDER BY timestamp DESC LIMIT 1000) ORDER BY timestamp"
day_sql = (f"SELECT price FROM read_parquet('{files}') WHERE timestamp >= epoch_ms({day_start}) AND timestamp < epoch_ms({day_end}) "
           f"ORDER BY timestamp")
scan = lambda: pl.scan_parquet(files, hive_partitioning=False)
ms = lambda value: pl.lit(value).cast(pl.Datetime("ms", "UTC"))

page_path = f"/api/v1/data/trades/BTCUSDT?start_time={middle}&limit=10000"
report("(a) 10,000 trades from mid-month", timed(lambda: [fetch(page_path)]), timed(lambda: [fetch(page_path, identity)]), [
    ("duckdb", timed(lambda: duck_prices(page_sql))),
    ("polars", timed(lambda: scan().filter(pl.col("timestamp") >= ms(middle)).sort("timestamp", maintain_order=True)
                     .head(10_000).collect()["price"].to_list())),
])
latest_path = "/api/v1/data/trades/BTCUSDT/latest?limit=1000"
report("(b) 1,000 latest trades", timed(lambda: [fetch(latest_path)]), timed(lambda: [fetch(latest_path, identity)]), [
    ("duckdb", timed(lambda: duck_prices(latest_sql))),
    ("polars", timed(lambda: scan().sort("timestamp", maintain_order=True).tail(1_000).collect()["price"].to_list())),
])
day_path = f"/api/v1/data/trades/BTCUSDT?start_time={day_start}&end_time={day_end}&limit=10000"
report(f"(c) one day ({per_day:,} trades) by next_url, 10,000 a page", timed(lambda: pages(day_path)),
       timed(lambda: pages(day_path, identity)), [
    ("duckdb", timed(lambda: duck_prices(day_sql))),
    ("polars", timed(lambda: scan().filter((pl.col("timestamp") >= ms(day_start)) & (pl.col("timestamp") < ms(day_end)))
                     .sort("timestamp", maintain_order=True).collect()["price"].to_list())),
])
