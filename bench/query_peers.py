"""DuckDB and polars computing the same bars as `candlelake query-bench`, in-process, from
the same Parquet files. Usage: query_peers.py LAKE_DIR SYMBOL TIMEFRAME START END REPEAT.

Each peer gets exactly the files of the UTC days the range touches (what CandleLake's
planner picks from its catalog), so neither pays for listing or opening files outside the
range. Prints one JSON line per peer: bars, cold and warm (min, median) milliseconds, and
the sum of closes as a checksum."""
import datetime as dt, glob, json, os, sys, time
import duckdb, polars as pl

lake, symbol, timeframe, start, end, repeat = sys.argv[1:7]
repeat = int(repeat)
start_d, end_d = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
files = []
day = start_d
while day < end_d:
    files += sorted(glob.glob(f"{lake}/timeframe=1m/exchange=*/symbol={symbol}/year={day.year}/month={day.month:02d}/day={day.day:02d}/*.parquet"))
    day += dt.timedelta(days=1)
minutes = {"1h": 60, "1d": 1440, "173m": 173}[timeframe]
lo = dt.datetime.fromisoformat(start).replace(tzinfo=dt.timezone.utc)
hi = dt.datetime.fromisoformat(end).replace(tzinfo=dt.timezone.utc)

def timed(run):
    times, result = [], None
    for _ in range(repeat + 1):
        began = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - began) * 1000)
    warm = sorted(times[1:])
    return result, times[0], warm[0], warm[len(warm) // 2]

con = duckdb.connect()
con.execute("SET TimeZone='UTC'")
file_list = "[" + ",".join(f"'{f}'" for f in files) + "]"
duck_sql = f"""
    SELECT time_bucket(INTERVAL '{minutes} minutes', timezone('UTC', timestamp), TIMESTAMP '1970-01-01') AS t,
           arg_min(open, timestamp) AS open, max(high) AS high, min(low) AS low, arg_max(close, timestamp) AS close,
           sum(volume) AS volume, sum(vwap * volume) / sum(volume) AS vwap, sum(transactions) AS transactions
    FROM read_parquet({file_list})
    WHERE timestamp >= TIMESTAMPTZ '{lo.isoformat()}' AND timestamp < TIMESTAMPTZ '{hi.isoformat()}'
    GROUP BY t ORDER BY t"""
frame, cold, best, median = timed(lambda: con.execute(duck_sql).fetchnumpy())
print(json.dumps({"engine": "duckdb", "bars": len(frame["t"]), "first_ms": cold, "min_ms": best, "median_ms": median,
                  "close_sum": float(frame["close"].sum())}))

def polars_run():
    return (pl.scan_parquet(files)
            .filter((pl.col("timestamp") >= lo) & (pl.col("timestamp") < hi))
            .sort("timestamp")
            .group_by_dynamic("timestamp", every=f"{minutes}m", closed="left", label="left")
            .agg(pl.col("open").first(), pl.col("high").max(), pl.col("low").min(), pl.col("close").last(),
                 pl.col("volume").sum(), ((pl.col("vwap") * pl.col("volume")).sum() / pl.col("volume").sum()).alias("vwap"),
                 pl.col("transactions").sum())
            .collect())
frame, cold, best, median = timed(polars_run)
print(json.dumps({"engine": "polars", "bars": frame.height, "first_ms": cold, "min_ms": best, "median_ms": median,
                  "close_sum": float(frame["close"].sum())}))
