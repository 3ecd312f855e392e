#!/usr/bin/env python3
"""The peer for bench/catalog-sync.sh: what a Python service (FastAPI + sqlite3) would do to
index the same 100,000 lake keys — parse each key with a regular expression, check the date,
insert rows in one transaction — then resync against a listing with 10,000 deletions,
changes and additions. Prints seconds for each phase, in the Swift test's wording."""
import datetime
import re
import sqlite3
import time

KEY = re.compile(r"^processed/timeframe=([0-9a-z]+)/exchange=([A-Za-z0-9._-]{1,32})/symbol=([A-Za-z0-9._-]{1,64})"
                 r"/year=(\d{4})(?:/month=(\d{1,2}))?(?:/day=(\d{1,2}))?/([A-Za-z0-9._-]+\.(?:parquet|csv|csv\.gz))$")
JAN_2025 = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)


def listing(etag, days):
    out = []
    for s in range(100):
        for d in days:
            date = JAN_2025 + datetime.timedelta(days=d)
            key = (f"processed/timeframe=1m/exchange=NSE/symbol=SYM{s}/year={date.year}/month={date.month:02d}"
                   f"/day={date.day:02d}/part-0.parquet")
            out.append((key, 50_000, etag(d), 0))
    return out


def parse(key):
    match = KEY.match(key)
    if not match:
        raise ValueError(key)
    tf, exchange, symbol, year, month, day, name = match.groups()
    start = datetime.datetime(int(year), int(month), int(day), tzinfo=datetime.timezone.utc)  # validates the date
    return tf, exchange, symbol, int(year), int(month), int(day), name, int(start.timestamp() * 1000)


def reconcile(db, objects):
    current = dict(db.execute("SELECT key, etag FROM objects"))
    rows = []
    for key, size, etag, modified in objects:
        known = current.pop(key, None)
        if known == etag:
            continue
        tf, exchange, symbol, year, month, day, name, start = parse(key)
        rows.append((key, tf, exchange, symbol, year, month, day, name, start + 13_500_000, start + 36_000_000,
                     376, size, etag, modified, "parquet", 42))
    with db:
        db.executemany("DELETE FROM objects WHERE key = ?", [(k,) for k in current])
        db.executemany("INSERT OR REPLACE INTO objects VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)


def main():
    db = sqlite3.connect(":memory:")
    db.executescript("""
        CREATE TABLE objects (key TEXT PRIMARY KEY NOT NULL, timeframe TEXT NOT NULL, exchange TEXT NOT NULL,
            symbol TEXT NOT NULL, year INTEGER NOT NULL, month INTEGER, day INTEGER, file_name TEXT NOT NULL,
            min_time INTEGER NOT NULL, max_time INTEGER NOT NULL, row_count INTEGER NOT NULL, size INTEGER NOT NULL,
            etag TEXT NOT NULL, last_modified INTEGER NOT NULL, format TEXT NOT NULL, indexed_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX objects_by_series_time ON objects(symbol, timeframe, min_time);
    """)
    full = listing(lambda d: "e1", range(1000))
    started = time.perf_counter()
    for key, *_ in full:
        parse(key)
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    reconcile(db, full)
    build_seconds = time.perf_counter() - started
    following = listing(lambda d: "e2" if d < 200 else "e1", range(100, 1100))
    started = time.perf_counter()
    reconcile(db, following)
    sync_seconds = time.perf_counter() - started
    assert db.execute("SELECT count(*) FROM objects").fetchone()[0] == 100_000
    print(f"100,000 objects: parse keys {parse_seconds} seconds; reconcile into an empty catalog {build_seconds} seconds; "
          f"resync with 30,000 differences {sync_seconds} seconds")


if __name__ == "__main__":
    main()
