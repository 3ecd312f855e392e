"""Seeds 000, 002, 003 and 004 as a dashboard uses them: status, bars in every timeframe and
output format with paging, several symbols, latest price, validation, search, tickers and
their "materialized views", seed 003's stats and seed 004's prices, and their bad-input errors."""

import csv
import io
import json
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pyarrow.parquet as pq
import requests

import seed_shapes as shapes
from contract_client import RFC3339_UTC
from lake_checks import follow_next_url, gzip_round_trip, strip_volatile

# 000:212-214 — TimeframeEnum.
TIMEFRAMES_000 = ["1min", "5min", "15min", "30min", "1hour", "4hour", "1day", "1week", "1month"]
# 003:88 — the intervals of /v1/stats/ohlc.
INTERVALS_003 = ["1min", "5min", "1h", "1d"]
# 004:302 — the intervals of /v1/stocks/{code}/prices.
INTERVALS_004 = ["daily", "weekly", "monthly"]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def day_after(day):
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def epoch_milliseconds(day):
    """UTC midnight of a YYYY-MM-DD day in epoch milliseconds."""
    return (date.fromisoformat(day) - date(1970, 1, 1)).days * 86_400_000


def check_status(client):
    """GET /health (000:36-42, 001:117-123) and GET /status (000:43-59)."""
    health = client.get_json("GET", "/health", "GET /health", "seed 000", shapes.HEALTH, "HEALTH")
    client.expect((health or {}).get("status") == "healthy" and RFC3339_UTC.match(str((health or {}).get("timestamp"))),
                  "GET /health", "seed 000", f"{health}")
    status = client.get_json("GET", "/status", "GET /status", "seed 000", shapes.STATUS, "STATUS")
    client.expect((status or {}).get("status") == "healthy", "GET /status", "seed 000", f"status {(status or {}).get('status')!r}")
    check_rate_limit(client)


def check_rate_limit(client):
    """GET /api/v1/rate-limit (000:194-206): the caller's own counts, which this call adds to."""
    endpoint = "GET /api/v1/rate-limit"
    first = client.get_json("GET", "/api/v1/rate-limit", endpoint, "seed 000", shapes.RATE_LIMIT, "RATE_LIMIT") or {}
    second = client.get_json("GET", "/api/v1/rate-limit", endpoint, "again", shapes.RATE_LIMIT, "RATE_LIMIT") or {}
    before, after = first.get("daily") or {}, second.get("daily") or {}
    client.expect(after.get("used", 0) > before.get("used", 0) and after.get("used", 0) + after.get("remaining", 0) == after.get("limit"),
                  endpoint, "again", f"daily {before} then {after}")
    client.expect(second.get("queue_size") == 0 and second.get("tier") == "per-ip", endpoint, "again", f"{second}")


def bars_request(symbol, timeframe, first_day, last_day, **extra):
    """000:64-72 with the demo lake's symbol and dates."""
    return {"symbol": symbol, "timeframe": timeframe, "start_date": first_day, "end_date": last_day, **extra}


def check_bar_rows(client, body, case):
    """bar_count, time order and OHLC sanity of one bars answer."""
    data = body.get("data") or []
    times = [bar.get("timestamp") for bar in data]
    client.expect(body.get("bar_count") == len(data), "POST /api/v1/bars", case, f"bar_count {body.get('bar_count')} for {len(data)} bars")
    client.expect(all(isinstance(t, str) and RFC3339_UTC.match(t) for t in times) and times == sorted(set(times)),
                  "POST /api/v1/bars", case, "timestamps are not increasing RFC 3339 UTC")
    client.expect(all(bar["low"] <= min(bar["open"], bar["close"]) <= max(bar["open"], bar["close"]) <= bar["high"] for bar in data),
                  "POST /api/v1/bars", case, "a bar's open/close lie outside its low…high")


def check_bars(client, first_day, last_day):
    """POST /api/v1/bars: the seed's request in every TimeframeEnum value."""
    endpoint = "POST /api/v1/bars"
    seed_example = bars_request("AAPL", "5min", first_day, last_day, limit=1000, use_cache=True, validate=True)
    for timeframe in TIMEFRAMES_000:
        case = f"AAPL {timeframe}"
        body = client.get_json("POST", "/api/v1/bars", endpoint, case, shapes.BARS, "BARS",
                               json={**seed_example, "timeframe": timeframe})
        if isinstance(body, dict):
            client.expect(body.get("bar_count", 0) > 0 and body.get("timeframe") == timeframe, endpoint, case,
                          f"{body.get('bar_count')} bars, timeframe {body.get('timeframe')!r}")
            check_bar_rows(client, body, case)
            client.shape(body.get("validation"), shapes.BAR_VALIDATION, "BAR_VALIDATION", endpoint, case)
    gzip_round_trip(client, "POST", "/api/v1/bars", endpoint, json=bars_request("BTCUSDT", "1min", first_day, first_day))
    check_time_spellings(client, first_day, last_day)
    default = client.get_json("POST", "/api/v1/bars", endpoint, "no timeframe (000:219 default 1day)", shapes.BARS, "BARS",
                              json={k: v for k, v in seed_example.items() if k != "timeframe"}) or {}
    daily = client.get_json("POST", "/api/v1/bars", endpoint, "AAPL 1day", json={**seed_example, "timeframe": "1day"}) or {}
    # 000:216-224 marks only symbol as required: without end_date the range runs to today; without start_date
    # it starts a year before the end (README).
    for case, request in (("no end_date", {k: v for k, v in seed_example.items() if k != "end_date"}),
                          ("no start_date", {k: v for k, v in seed_example.items() if k != "start_date"})):
        answer = client.get_json("POST", "/api/v1/bars", endpoint, case, shapes.BARS, "BARS", json={**request, "timeframe": "1day"}) or {}
        client.expect(answer.get("data") == daily.get("data"), endpoint, case,
                      f"{answer.get('bar_count')} bars from {answer.get('start_date')} to {answer.get('end_date')}, "
                      f"{daily.get('bar_count')} with both dates")
    client.expect(default.get("timeframe") == "1day" and default.get("data") == daily.get("data"), endpoint,
                  "no timeframe (000:219 default 1day)", f"timeframe {default.get('timeframe')!r}, {default.get('bar_count')} bars")


def check_time_spellings(client, first_day, last_day):
    """DESIGN.md: YYYY-MM-DD, RFC 3339 and epoch milliseconds name the same range (a date-only
    end includes its day, a date-time end is exclusive)."""
    endpoint = "POST /api/v1/bars"
    end_exclusive = day_after(last_day)
    spellings = [(first_day, last_day), (first_day + "T00:00:00Z", end_exclusive + "T00:00:00Z"),
                 (str(epoch_milliseconds(first_day)), str(epoch_milliseconds(end_exclusive))),
                 (first_day + "T05:30:00+05:30", end_exclusive + "T00:00:00.000Z")]
    answers = []
    for start, end in spellings:
        body = client.get_json("POST", "/api/v1/bars", endpoint, f"times {start} … {end}", shapes.BARS, "BARS",
                               json=bars_request("BTCUSDT", "1hour", start, end)) or {}
        answers.append([bar.get("timestamp") for bar in body.get("data", [])])
    client.expect(answers[0] and all(answer == answers[0] for answer in answers), endpoint, "time spellings",
                  f"bar counts {[len(a) for a in answers]} differ between spellings {spellings}")


def check_bar_formats(client, first_day, last_day):
    """`format=ndjson|csv|parquet` carry the same rows as the JSON answer."""
    endpoint, request = "POST /api/v1/bars", bars_request("BTCUSDT", "15min", first_day, last_day)
    body = client.get_json("POST", "/api/v1/bars", endpoint, "json", shapes.BARS, "BARS", json={**request, "validate": True})
    if not isinstance(body, dict):
        return
    expected = [(bar["timestamp"], bar["close"], bar["volume"]) for bar in body["data"]]
    ndjson = client.call("POST", "/api/v1/bars?format=ndjson", endpoint, "format=ndjson", 200, json=request)
    if ndjson is not None:
        rows = [json.loads(line) for line in ndjson.text.splitlines() if line]
        for row in rows[:1]:
            client.shape(row, shapes.BAR_000, "BAR_000", endpoint, "format=ndjson")
        client.expect([(r.get("timestamp"), r.get("close"), r.get("volume")) for r in rows] == expected, endpoint,
                      "format=ndjson", f"{len(rows)} rows differ from the {len(expected)} JSON bars")
    table = client.call("POST", "/api/v1/bars?format=csv", endpoint, "format=csv", 200, json=request)
    if table is not None:
        rows = list(csv.DictReader(io.StringIO(table.text)))
        client.expect(rows and set(shapes.BAR_000) <= set(rows[0]), endpoint, "format=csv",
                      f"header {list(rows[0]) if rows else None}")
        client.expect([(r.get("timestamp"), float(r.get("close", "nan")), float(r.get("volume", "nan"))) for r in rows]
                      == [(t, c, float(v)) for t, c, v in expected], endpoint, "format=csv",
                      f"{len(rows)} rows differ from the {len(expected)} JSON bars")
    parquet = client.call("POST", "/api/v1/bars?format=parquet", endpoint, "format=parquet", 200, json=request)
    if parquet is not None:
        frame = pq.read_table(io.BytesIO(parquet.content)).to_pylist()
        read = [(r["timestamp"].strftime("%Y-%m-%dT%H:%M:%SZ"), r["close"], r["volume"]) for r in frame]
        client.expect(read == expected, endpoint, "format=parquet",
                      f"pyarrow reads {len(frame)} rows that differ from the {len(expected)} JSON bars")
    for response, kind in ((ndjson, "ndjson"), (table, "csv"), (parquet, "parquet")):
        content_type = response.headers.get("Content-Type", "") if response is not None else ""
        client.expect(kind in content_type, endpoint, f"format={kind}", f"Content-Type {content_type!r}")
    client.error("POST", "/api/v1/bars?format=xml", endpoint, "format=xml", 400, field="format", json=request)


def check_bar_paging(client, first_day, last_day):
    """`limit` + `next_start` until `truncated` is false: no bar lost or repeated."""
    endpoint, request = "POST /api/v1/bars", bars_request("BTCUSDT", "1min", first_day, day_after(first_day))
    whole = client.get_json("POST", "/api/v1/bars", endpoint, "unpaged", json=request) or {}
    expected = [(bar["timestamp"], bar["close"]) for bar in whole.get("data", [])]
    paged, start, pages = [], first_day, 0
    while start and pages < 100:
        body = client.get_json("POST", "/api/v1/bars", endpoint, f"page {pages + 1}", shapes.BARS, "BARS",
                               json={**request, "start_date": start, "limit": 500}) or {}
        paged += [(bar["timestamp"], bar["close"]) for bar in body.get("data", [])]
        client.expect(body.get("truncated") == (body.get("next_start") is not None), endpoint, f"page {pages + 1}",
                      f"truncated {body.get('truncated')!r} with next_start {body.get('next_start')!r}")
        start, pages = body.get("next_start"), pages + 1
    client.expect(len(expected) > 1000 and paged == expected and pages == -(-len(expected) // 500), endpoint, "limit=500 paging",
                  f"{pages} pages gave {len(paged)} bars, one request {len(expected)}")
    return len(expected), pages


def check_concurrent_clients(client, first_day, last_day):
    """Dashboards poll in parallel: 32 requests on 8 connections at once get the answers one request gets."""
    requests_made = [("POST", "/api/v1/bars", {"json": bars_request(symbol, timeframe, first_day, last_day)})
                     for symbol in ("AAPL", "BTCUSDT", "NSE_TCS-EQ", "MSFT") for timeframe in ("5min", "1hour", "1day")]
    requests_made += [("GET", f"/v1/stats/ohlc?symbol=BTCUSDT&interval=15min&start={first_day}&end={last_day}", {}),
                      ("GET", "/symbols", {}), ("GET", "/api/v1/search?query=", {}), ("GET", "/api/v1/latest/AAPL", {})] * 5
    expected = [client.session.request(method, client.url(path), timeout=client.timeout, **options).json()
                for method, path, options in requests_made]

    def fetch(index):
        method, path, options = requests_made[index]
        with requests.Session() as session:
            return session.request(method, client.url(path), timeout=client.timeout, **options).json()

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(fetch, range(len(requests_made))))
    different = [requests_made[i][1] for i, answer in enumerate(answers) if strip_volatile(answer) != strip_volatile(expected[i])]
    client.expect(not different, "concurrent clients", f"{len(requests_made)} requests, 8 at a time", f"answers differ: {different}")


def check_bar_errors(client, first_day, last_day):
    """000:226-240 statuses in DESIGN.md's error shape."""
    endpoint, ok = "POST /api/v1/bars", bars_request("AAPL", "1hour", first_day, last_day)
    cases = [
        ("unknown symbol", {**ok, "symbol": "NOPE"}, 404, "SYMBOL_NOT_FOUND", None),
        ("no data in the range", {**ok, "start_date": "2001-01-01", "end_date": "2001-01-31"}, 404, None, None),
        ("bad start_date", {**ok, "start_date": "2026-13-45"}, 400, None, "start_date"),
        ("bad end_date", {**ok, "end_date": "soon"}, 400, None, "end_date"),
        ("end before start", {**ok, "start_date": last_day, "end_date": first_day + "T00:00:00Z"}, 400, None, "end_date"),
        ("bad timeframe", {**ok, "timeframe": "7sec"}, 400, None, "timeframe"),
        ("range too large", {**ok, "start_date": "2000-01-01", "end_date": "2026-01-01"}, 400, "RANGE_TOO_LARGE", "end_date"),
        ("missing symbol", {k: v for k, v in ok.items() if k != "symbol"}, 400, None, "symbol"),
        ("symbol of the wrong type", {**ok, "symbol": 5}, 400, None, "symbol"),
        ("limit 0", {**ok, "limit": 0}, 400, None, "limit"),
    ]
    for case, body, status, code, field in cases:
        client.error("POST", "/api/v1/bars", endpoint, case, status, code, field, json=body)
    client.error("POST", "/api/v1/bars", endpoint, "malformed JSON", 400, data='{"symbol": "AAPL",',
                 headers={"Content-Type": "application/json"})
    client.error("POST", "/api/v1/bars", endpoint, "empty body", 400)


def check_multiple(client, first_day, last_day):
    """POST /api/v1/bars/multiple with 000:98-104's request; counts agree with single requests."""
    endpoint = "POST /api/v1/bars/multiple"
    request = {"symbols": ["AAPL", "GOOGL", "MSFT"], "timeframe": "1day", "start_date": first_day, "end_date": last_day,
               "parallel": True}
    body = client.get_json("POST", "/api/v1/bars/multiple", endpoint, "seed request", shapes.BARS_MULTIPLE, "BARS_MULTIPLE",
                           json=request) or {}
    for symbol in ("AAPL", "MSFT"):
        entry = body.get(symbol)
        client.expect(isinstance(entry, dict) and entry.get("success") is True, endpoint, symbol, f"{entry}")
        if isinstance(entry, dict):
            client.shape(entry, shapes.BARS_MULTIPLE_FOUND, "BARS_MULTIPLE_FOUND", endpoint, symbol)
            single = client.get_json("POST", "/api/v1/bars", "POST /api/v1/bars", f"{symbol} 1day",
                                     json=bars_request(symbol, "1day", first_day, last_day)) or {}
            data = single.get("data") or [{}]
            client.expect((entry.get("bar_count"), entry.get("first_bar"), entry.get("last_bar"))
                          == (single.get("bar_count"), data[0].get("timestamp"), data[-1].get("timestamp")), endpoint, symbol,
                          f"{entry} disagrees with POST /api/v1/bars")
    missing = body.get("GOOGL") or {}
    client.expect(missing.get("success") is False and missing.get("code") == "SYMBOL_NOT_FOUND", endpoint, "GOOGL (not in the lake)",
                  f"{missing}")
    client.error("POST", "/api/v1/bars/multiple", endpoint, "bad timeframe", 400, field="timeframe",
                 json={**request, "timeframe": "fortnightly"})
    client.error("POST", "/api/v1/bars/multiple", endpoint, "no symbols", 400, field="symbols", json={**request, "symbols": []})
    client.error("POST", "/api/v1/bars/multiple", endpoint, "101 symbols", 400, field="symbols",
                 json={**request, "symbols": [f"S{i}" for i in range(101)]})
    client.error("POST", "/api/v1/bars/multiple", endpoint, "end before start", 400, field="end_date",
                 json={**request, "start_date": last_day, "end_date": first_day + "T00:00:00Z"})
    client.error("POST", "/api/v1/bars/multiple", endpoint, "malformed JSON", 400, data="[1,",
                 headers={"Content-Type": "application/json"})


def check_latest(client, first_day, last_day):
    """GET /api/v1/latest/{symbol} (000:116-123): the newest one-minute close."""
    endpoint = "GET /api/v1/latest/{symbol}"
    latest = client.get_json("GET", "/api/v1/latest/BTCUSDT", endpoint, "BTCUSDT", shapes.LATEST, "LATEST") or {}
    minutes = client.get_json("POST", "/api/v1/bars", "POST /api/v1/bars", "BTCUSDT 1min, last day",
                              json=bars_request("BTCUSDT", "1min", last_day, last_day)) or {}
    newest = (minutes.get("data") or [{}])[-1]
    client.expect((latest.get("price"), latest.get("timestamp")) == (newest.get("close"), newest.get("timestamp")), endpoint,
                  "BTCUSDT", f"latest {latest} is not the newest bar {newest}")
    # README: symbols may be typed as clients do; the lake's spelling answers.
    for typed_symbol, stored in (("btc-usdt", "BTCUSDT"), ("btcusdt", "BTCUSDT"), ("nse:reliance-eq", "NSE_RELIANCE-EQ"),
                                 ("RELIANCE.NS", "NSE_RELIANCE-EQ")):
        typed = client.get_json("GET", f"/api/v1/latest/{typed_symbol}", endpoint, f"typed as {typed_symbol}", shapes.LATEST,
                                "LATEST") or {}
        client.expect(typed.get("symbol") == stored, endpoint, f"typed as {typed_symbol}", f"{typed}")
    client.error("GET", "/api/v1/latest/NOPE", endpoint, "unknown symbol", 404, "SYMBOL_NOT_FOUND")


def check_validate(client):
    """POST /api/v1/validate with 000:127-130's request."""
    endpoint = "POST /api/v1/validate"
    body = client.get_json("POST", "/api/v1/validate", endpoint, "seed request",
                           json={"symbols": ["AAPL", "INVALID", "GOOGL"], "detailed": True}) or {}
    for symbol in ("AAPL", "GOOGL"):
        client.shape(body.get(symbol), shapes.VALIDATE_VALID, "VALIDATE_VALID", endpoint, symbol)
        client.expect((body.get(symbol) or {}).get("valid") is True, endpoint, symbol, f"{body.get(symbol)}")
    client.shape(body.get("INVALID"), shapes.VALIDATE_INVALID, "VALIDATE_INVALID", endpoint, "INVALID")
    client.expect((body.get("INVALID") or {}).get("valid") is False, endpoint, "INVALID", f"{body.get('INVALID')}")
    client.error("POST", "/api/v1/validate", endpoint, "malformed JSON", 400, data="{symbols:[]}",
                 headers={"Content-Type": "application/json"})
    client.error("POST", "/api/v1/validate", endpoint, "symbols not a list", 400, field="symbols", json={"symbols": "AAPL"})
    client.error("POST", "/api/v1/validate", endpoint, "a symbol that is a number", 400, field="symbols[1]",
                 json={"symbols": ["AAPL", 5]})
    client.error("POST", "/api/v1/validate", endpoint, "101 symbols", 400, field="symbols",
                 json={"symbols": [f"S{i}" for i in range(101)]})


def check_search(client, lake_symbols, reference_data):
    """GET /api/v1/search (000:146-169), ranked, with next_url paging."""
    endpoint = "GET /api/v1/search"
    exact = client.get_json("GET", "/api/v1/search?query=AAPL&active_only=true", endpoint, "query=AAPL", shapes.SEARCH, "SEARCH") or {}
    first = (exact.get("results") or [{}])[0]
    client.expect(first.get("ticker") == "AAPL" and exact.get("count") == len(exact.get("results", [])), endpoint, "query=AAPL",
                  f"first result {first}, count {exact.get('count')}")
    by_name = client.get_json("GET", "/api/v1/search?query=apple", endpoint, "query=apple (000:155)", shapes.SEARCH, "SEARCH") or {}
    if reference_data:
        client.expect([r.get("ticker") for r in by_name.get("results", [])][:1] == ["AAPL"], endpoint, "query=apple",
                      f"{by_name.get('results')}")
    everything = client.get_json("GET", "/api/v1/search?query=", endpoint, "every symbol", shapes.SEARCH, "SEARCH") or {}
    tickers = [r.get("ticker") for r in everything.get("results", [])]
    client.expect(sorted(tickers) == sorted(lake_symbols), endpoint, "every symbol", f"{tickers} for a lake of {lake_symbols}")
    paged, pages = follow_next_url(client, "/api/v1/search?query=&limit=2", endpoint, lambda b: b.get("results", []))
    client.expect([r.get("ticker") for r in paged] == tickers and pages == (len(tickers) + 1) // 2, endpoint, "limit=2 paging",
                  f"{pages} pages gave {[r.get('ticker') for r in paged]}, one request {tickers}")
    client.error("GET", "/api/v1/search?query=a&active_only=maybe", endpoint, "active_only=maybe", 400, field="active_only")
    client.error("GET", "/api/v1/search?query=a&limit=0", endpoint, "limit 0", 400, field="limit")


def check_stats(client, first_day, last_day):
    """GET /v1/stats/ohlc (003:75-132) in every seed interval, and its error table."""
    endpoint, base = "GET /v1/stats/ohlc", f"/v1/stats/ohlc?symbol=AAPL&start={first_day}&end={last_day}"
    for interval in INTERVALS_003:
        body = client.get_json("GET", f"{base}&interval={interval}", endpoint, f"interval={interval}", shapes.STATS_OHLC,
                               "STATS_OHLC") or {}
        client.expect(len(body.get("data", [])) > 0 and body.get("interval") == interval, endpoint, f"interval={interval}",
                      f"{len(body.get('data', []))} bars, interval {body.get('interval')!r}")
    # HEAD of a streamed answer: headers only, and the keep-alive connection stays usable.
    head = client.call("HEAD", f"{base}&interval=1h", "HEAD /v1/stats/ohlc", "streamed answer", 200)
    after = client.call("GET", "/health", "GET /health", "after HEAD of a streamed answer, same connection", 200)
    client.expect(head is not None and head.content == b"" and after is not None and after.json().get("status") == "healthy",
                  "HEAD /v1/stats/ohlc", "streamed answer", "HEAD sent a body or broke the connection")
    hourly = client.get_json("GET", f"{base}&interval=1h", endpoint, "interval=1h") or {}
    bars = client.get_json("POST", "/api/v1/bars", "POST /api/v1/bars", "AAPL 1hour",
                           json=bars_request("AAPL", "1hour", first_day, last_day)) or {}
    client.expect([(b["timestamp"], b["close"]) for b in hourly.get("data", [])]
                  == [(b["timestamp"], b["close"]) for b in bars.get("data", [])], endpoint, "interval=1h",
                  "differs from POST /api/v1/bars at 1hour")
    minutes = client.get_json("GET", f"{base}&interval=1min", endpoint, "interval=1min") or {}
    paged, start, pages = [], first_day, 0
    while start and pages < 100:
        page = client.get_json("GET", f"/v1/stats/ohlc?symbol=AAPL&interval=1min&start={start}&end={last_day}&limit=400", endpoint,
                               f"limit=400 page {pages + 1}", shapes.STATS_OHLC, "STATS_OHLC") or {}
        paged += page.get("data", [])
        start, pages = page.get("next_start"), pages + 1
    client.expect(len(paged) > 400 and paged == minutes.get("data"), endpoint, "limit=400 paging by next_start",
                  f"{pages} pages gave {len(paged)} bars, one request {len(minutes.get('data', []))}")
    cases = [
        ("unknown symbol", "/v1/stats/ohlc?symbol=NOPE&interval=1h", 404, "SYMBOL_NOT_FOUND", None),
        ("no data in the range", f"/v1/stats/ohlc?symbol=AAPL&interval=1h&start=2001-01-01&end=2001-01-02", 404, None, None),
        ("bad interval", f"{base}&interval=2x", 422, None, None),
        ("bad start", f"/v1/stats/ohlc?symbol=AAPL&interval=1h&start=yesterday&end={last_day}", 400, None, "start"),
        ("end before start", f"/v1/stats/ohlc?symbol=AAPL&interval=1h&start={last_day}&end={first_day}T00:00:00Z", 400, None, "end"),
        ("missing symbol", "/v1/stats/ohlc?interval=1h", 400, None, "symbol"),
        ("range too large", f"/v1/stats/ohlc?symbol=AAPL&interval=1d&start=2000-01-01&end={last_day}", 400, "RANGE_TOO_LARGE", "end"),
    ]
    for case, path, status, code, field in cases:
        client.error("GET", path, endpoint, case, status, code, field)


def check_prices(client, code, first_day, last_day):
    """GET /v1/stocks/{stock_code}/prices (004:295-318) and its error table (004:477-498)."""
    endpoint, base = "GET /v1/stocks/{code}/prices", f"/v1/stocks/{code}/prices?from_date={first_day}&to_date={last_day}"
    for interval in INTERVALS_004:
        body = client.get_json("GET", f"{base}&interval={interval}", endpoint, f"interval={interval}", shapes.PRICES, "PRICES") or {}
        prices = body.get("prices", [])
        client.expect(prices and all(DATE.match(str(p.get("trade_date"))) for p in prices) and body.get("stock_code") == code,
                      endpoint, f"interval={interval}", f"{len(prices)} prices, stock_code {body.get('stock_code')!r}")
    cases = [
        ("unknown code", f"/v1/stocks/NOPE/prices?from_date={first_day}&to_date={last_day}", 404, None, None),
        ("bad from_date", f"/v1/stocks/{code}/prices?from_date=2026-02-30&to_date={last_day}", 400, None, "from_date"),
        ("to_date before from_date", f"/v1/stocks/{code}/prices?from_date={last_day}&to_date={first_day}T00:00:00Z", 400, None, "to_date"),
        # 004:490-497: a value outside an enumerated parameter's choices is a 400 VALIDATION_ERROR naming it.
        ("interval outside daily|weekly|monthly", f"{base}&interval=hourly", 400, "VALIDATION_ERROR", "interval"),
        ("range too large", f"/v1/stocks/{code}/prices?from_date=2000-01-01&to_date={last_day}", 400, "RANGE_TOO_LARGE", "to_date"),
    ]
    for case, path, status, error, field in cases:
        client.error("GET", path, endpoint, case, status, error, field)


def check_tickers(client, lake_symbols):
    """Seed 002's ticker routes (002:274-301) in the envelope (002:9-15), paged by next_url."""
    endpoint = "GET /api/v1/tickers/"
    listing = client.get_json("GET", "/api/v1/tickers/", endpoint, "all", shapes.ENVELOPE, "ENVELOPE") or {}
    client.shape(listing.get("data"), [shapes.TICKER], "TICKER", endpoint, "all")
    symbols = [t.get("symbol") for t in listing.get("data") or []]
    client.expect(sorted(symbols) == sorted(lake_symbols), endpoint, "all", f"{symbols} for a lake of {lake_symbols}")
    paged, pages = follow_next_url(client, "/api/v1/tickers/?limit=2", endpoint, lambda b: b.get("data") or [])
    client.expect([t.get("symbol") for t in paged] == symbols and pages == (len(symbols) + 1) // 2, endpoint, "limit=2 paging",
                  f"{pages} pages gave {[t.get('symbol') for t in paged]}, one request {symbols}")
    client.get_json("GET", "/api/v1/tickers", "GET /api/v1/tickers", "without the slash", shapes.ENVELOPE, "ENVELOPE")
    client.envelope_error("GET", "/api/v1/tickers/?limit=0", endpoint, "limit 0", 400, "VALIDATION_ERROR")
    one = client.get_json("GET", "/api/v1/tickers/BTCUSDT", "GET /api/v1/tickers/{symbol}", "BTCUSDT", shapes.ENVELOPE, "ENVELOPE") or {}
    client.shape(one.get("data"), shapes.TICKER, "TICKER", "GET /api/v1/tickers/{symbol}", "BTCUSDT")
    client.envelope_error("GET", "/api/v1/tickers/NOPE", "GET /api/v1/tickers/{symbol}", "unknown symbol", 404, "SYMBOL_NOT_FOUND")
    endpoint = "GET /api/v1/tickers/{symbol}/mvs"
    views = client.get_json("GET", "/api/v1/tickers/BTCUSDT/mvs", endpoint, "BTCUSDT", shapes.ENVELOPE, "ENVELOPE") or {}
    client.shape(views.get("data"), [shapes.MATERIALIZED_VIEW], "MATERIALIZED_VIEW", endpoint, "BTCUSDT")
    names = [v.get("name") for v in views.get("data") or []]
    client.expect("ohlcv_1_btcusdt_mv" in names and views.get("message") == f"Retrieved {len(names)} materialized views for BTCUSDT",
                  endpoint, "BTCUSDT (002:287, 002:299)", f"names {names}, message {views.get('message')!r}")
    client.envelope_error("GET", "/api/v1/tickers/NOPE/mvs", endpoint, "unknown symbol", 404, "SYMBOL_NOT_FOUND")
    gzip_round_trip(client, "GET", "/api/v1/tickers/", "GET /api/v1/tickers/")


def check_sync(client):
    """POST /api/v1/admin/system/sync (002:361-362) in the envelope, nothing rejected."""
    endpoint = "POST /api/v1/admin/system/sync"
    body = client.get_json("POST", "/api/v1/admin/system/sync", endpoint, "wait", shapes.ENVELOPE, "ENVELOPE") or {}
    client.shape(body.get("data"), shapes.SYNC_REPORT, "SYNC_REPORT", endpoint, "wait")
    client.expect((body.get("data") or {}).get("rejected") == 0, endpoint, "wait", f"{body.get('data')}")


def check_cache(client, remote, first_day, last_day):
    """Seed 000's cache routes (000:170-193): statistics, clearing one symbol, then all. On S3 the
    queries before filled the object cache; a local lake is read in place and caches nothing."""
    endpoint = "GET /api/v1/cache/stats"
    stats = client.get_json("GET", "/api/v1/cache/stats", endpoint, "after queries", shapes.CACHE_STATS, "CACHE_STATS") or {}
    cached = {item.get("symbol") for item in stats.get("top_symbols", []) if isinstance(item, dict)}
    client.expect((stats.get("total_entries", 0) > 0 and "BTCUSDT" in cached) if remote else stats.get("total_entries") == 0,
                  endpoint, "after queries", f"{stats.get('total_entries')} entries, top symbols {sorted(map(str, cached))}")
    endpoint = "DELETE /api/v1/cache"
    one = client.get_json("DELETE", "/api/v1/cache?symbol=BTCUSDT", endpoint, "symbol=BTCUSDT", shapes.CACHE_CLEAR, "CACHE_CLEAR") or {}
    client.expect((one.get("entries_removed", 0) > 0) == remote, endpoint, "symbol=BTCUSDT", f"{one}")
    after = client.get_json("GET", "/api/v1/cache/stats", "GET /api/v1/cache/stats", "after clearing BTCUSDT") or {}
    client.expect("BTCUSDT" not in {item.get("symbol") for item in after.get("top_symbols", []) if isinstance(item, dict)},
                  endpoint, "symbol=BTCUSDT", f"BTCUSDT still cached: {after.get('top_symbols')}")
    client.error("DELETE", "/api/v1/cache?older_than_days=soon", endpoint, "older_than_days=soon", 400, "VALIDATION_ERROR",
                 "older_than_days")
    client.error("DELETE", "/api/v1/cache?symbol=", endpoint, "empty symbol", 400, "VALIDATION_ERROR", "symbol")
    client.get_json("DELETE", "/api/v1/cache?older_than_days=0", endpoint, "everything", shapes.CACHE_CLEAR, "CACHE_CLEAR")
    empty = client.get_json("GET", "/api/v1/cache/stats", "GET /api/v1/cache/stats", "after clearing everything") or {}
    client.expect(empty.get("total_entries") == 0, endpoint, "everything", f"{empty.get('total_entries')} entries left")
    request = bars_request("BTCUSDT", "1hour", first_day, last_day)
    before = client.get_json("POST", "/api/v1/bars", "POST /api/v1/bars", "BTCUSDT after the cache was cleared", json=request) or {}
    again = client.get_json("POST", "/api/v1/bars", "POST /api/v1/bars", "BTCUSDT from the refilled cache", json=request) or {}
    client.expect(before.get("data") and before.get("data") == again.get("data"), "POST /api/v1/bars", "after the cache was cleared",
                  f"{before.get('bar_count')} bars, then {again.get('bar_count')}")
    # 000:70 and 000:92: use_cache asks for the cache, cached says whether it answered (only an S3 lake is cached).
    bypassed = client.get_json("POST", "/api/v1/bars", "POST /api/v1/bars", "use_cache false", json={**request, "use_cache": False}) or {}
    client.expect((before.get("cached"), again.get("cached"), bypassed.get("cached")) == (False, remote, False), "POST /api/v1/bars",
                  "cached after clearing, refilled, bypassed",
                  f"cached {before.get('cached')!r}, {again.get('cached')!r}, {bypassed.get('cached')!r}")
    client.expect(bypassed.get("data") == again.get("data"), "POST /api/v1/bars", "use_cache false", "different bars")
