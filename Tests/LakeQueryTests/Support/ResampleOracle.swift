import Foundation
import LakeTestSupport

/// Expected bars from pandas and DuckDB for the same Parquet files, computed by one Python run.
enum ResampleOracle {
    /// One expected bar: label (epoch ms), open, high, low, close, volume, vwap, transactions.
    struct Row: Decodable, Equatable {
        let values: [Double?]
        init(from decoder: any Decoder) throws { values = try decoder.singleValueContainer().decode([Double?].self) }
    }

    /// target timeframe (canonical) → engine name ("pandas", "duckdb") → rows.
    static func expectations(files: [String], timeZone: String, targets: [String]) throws -> [String: [String: [Row]]] {
        let input = try JSONSerialization.data(withJSONObject: ["files": files, "tz": timeZone, "targets": targets])
        let result = try ProcessRunner.python(script, input: input)
        guard result.status == 0 else { throw OracleError(message: result.standardError) }
        return try JSONDecoder().decode([String: [String: [Row]]].self, from: result.standardOutput)
    }

    struct OracleError: Error { let message: String }

    /// pandas: `resample(origin="epoch", label="left", closed="left")` on UTC times for minute
    /// bars, on local (tz-aware) times for days (`D`), ISO weeks (`W-MON`) and months (`MS`).
    /// DuckDB: `time_bucket` with the epoch as origin for minutes; with the time zone for
    /// calendar bars (weeks use DuckDB's Monday origin). Empty buckets are dropped in both.
    static let script = #"""
import json, sys
import pandas as pd, duckdb, pyarrow.parquet as pq, pyarrow as pa
req = json.load(sys.stdin)
tz = req["tz"]
table = pa.concat_tables([pq.read_table(f) for f in req["files"]])
df = table.to_pandas()
df["timestamp"] = pd.to_datetime(df["timestamp"], utc=True)
df = df.set_index("timestamp").sort_index()
df["pv"] = df["vwap"] * df["volume"]
df["vv"] = df["volume"].where(df["vwap"].notna())
agg = {"open": "first", "high": "max", "low": "min", "close": "last", "volume": "sum", "pv": "sum", "vv": "sum",
       "transactions": "sum", "n": "count"}
df["n"] = 1
def rows(frame):
    out = []
    for label, r in frame.iterrows():
        if r["n"] == 0: continue
        vwap = r["pv"] / r["vv"] if r["vv"] > 0 else None
        out.append([int(label.timestamp() * 1000), r["open"], r["high"], r["low"], r["close"], r["volume"], vwap, float(r["transactions"])])
    return out
con = duckdb.connect()
con.execute(f"SET TimeZone='{tz}'")
con.register("bars", table)
calendar = {"1d": ("D", "1 day"), "1w": ("W-MON", "1 week"), "1mo": ("MS", "1 month")}
result = {}
for target in req["targets"]:
    if target in calendar:
        rule, interval = calendar[target]
        frame = df.tz_convert(tz).resample(rule, label="left", closed="left").agg(agg)
        label = f"epoch_ms(time_bucket(INTERVAL '{interval}', timestamp, '{tz}'))"
    else:
        minutes = int(target[:-1]) * (60 if target.endswith("h") else 1)
        frame = df.resample(f"{minutes}min", origin="epoch", label="left", closed="left").agg(agg)
        label = f"epoch_ms(time_bucket(INTERVAL '{minutes} minutes', timezone('UTC', timestamp), TIMESTAMP '1970-01-01'))"
    query = f"""
        SELECT {label} AS label, arg_min(open, timestamp), max(high), min(low),
               arg_max(close, timestamp), sum(volume),
               sum(vwap * volume) FILTER (WHERE vwap IS NOT NULL) / sum(volume) FILTER (WHERE vwap IS NOT NULL),
               sum(transactions)::DOUBLE
        FROM bars GROUP BY label ORDER BY label"""
    result[target] = {"pandas": rows(frame), "duckdb": [list(r) for r in con.execute(query).fetchall()]}
json.dump(result, sys.stdout)
"""#
}
