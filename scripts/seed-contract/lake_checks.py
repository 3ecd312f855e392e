"""Seed 001 as a pipeline and an analyst use it: uploads (presigned POST form, presigned PUT,
multipart), symbols and partitions with paging, objects (presigned, streamed, HEAD, Range),
plus the HTTP behaviour every client meets: CORS, HEAD, gzip, unknown routes."""

import csv
import gzip
import io
import json
import urllib.parse
from pathlib import Path

import pyarrow.parquet as pq

import seed_shapes as shapes

UPLOAD_METHODS = ("presigned POST form", "presigned PUT", "multipart with key", "multipart with fields")


def demo_files(upload_dir):
    """The demo lake's Parquet files as (key relative to the lake, path), in key order."""
    root = Path(upload_dir)
    return sorted((path.relative_to(root).as_posix(), path) for path in root.rglob("*.parquet"))


def key_fields(key):
    """`timeframe=1m/exchange=NSE/…/day=03/part-x.parquet` → {"timeframe": "1m", …}."""
    return dict(segment.split("=", 1) for segment in key.split("/") if "=" in segment)


def upload_lake(client, upload_dir, mode, key_prefix):
    """Uploads the demo files the four ways seed 001 and the README describe. `mode` "all"
    uploads every file under its own key; "copies" uploads one file per method, of one symbol,
    under new names (the lake already holds the originals; readers dedupe by bar time)."""
    files = demo_files(upload_dir)
    if mode == "copies":
        files = [entry for entry in files if "symbol=BTCUSDT/" in entry[0]][: len(UPLOAD_METHODS)]
    for index, (key, path) in enumerate(files):
        if mode == "copies":
            key = key.rsplit("/", 1)[0] + f"/part-contract-{index}.parquet"
        method = UPLOAD_METHODS[index % len(UPLOAD_METHODS)]
        upload_one(client, key, path.read_bytes(), method, key_prefix, index)
    return len(files)


def upload_one(client, key, content, method, key_prefix, index):
    case = f"{method}: {key}"
    name = key.rsplit("/", 1)[1]
    if method.startswith("presigned"):
        # 001:162 shows the key with the base prefix; the README also takes it relative to it.
        request = {"key": (key_prefix + key) if index % 2 == 0 else key, "expires_in": 3600}
        if method == "presigned PUT":
            request["method"] = "PUT"
        grant = client.get_json("POST", "/presign/upload", "POST /presign/upload", case, shapes.PRESIGN_UPLOAD,
                                "PRESIGN_UPLOAD", json=request)
        if not isinstance(grant, dict) or "url" not in grant:
            return
        if method == "presigned PUT":
            client.call("PUT", grant["url"], "presigned PUT URL", case, 200, data=content)
        else:
            client.call("POST", grant["url"], "presigned POST form", case, (200, 201, 204),
                        data=grant.get("fields", {}), files={"file": (name, content)})
        result = client.get_json("POST", "/uploads/complete", "POST /uploads/complete", case, shapes.UPLOAD_RESULT,
                                 "UPLOAD_RESULT", json={"key": key})
    elif method == "multipart with key":
        given = (key_prefix + key) if (index // len(UPLOAD_METHODS)) % 2 == 0 else key
        result = client.get_json("POST", "/upload", "POST /upload", case, shapes.UPLOAD_RESULT, "UPLOAD_RESULT", 201,
                                 files={"file": (name, content)}, data={"key": given})
    else:
        fields = key_fields(key)
        form = {"timeframe": fields["timeframe"], "exchange": fields["exchange"], "symbol": fields["symbol"],
                "date": f"{fields['year']}-{fields['month']}-{fields['day']}"}
        result = client.get_json("POST", "/upload", "POST /upload", case, shapes.UPLOAD_RESULT, "UPLOAD_RESULT", 201,
                                 files={"file": (name, content)}, data=form)
    if isinstance(result, dict):
        client.expect(result.get("indexed") is True and (result.get("rows") or 0) > 0, "upload", case,
                      f"indexed {result.get('indexed')!r} with {result.get('rows')!r} rows")
        client.expect(pq.read_table(io.BytesIO(content)).num_rows == result.get("rows"), "upload", case,
                      f"rows {result.get('rows')} differ from the file's")


def check_bad_uploads(client, key_prefix, upload_max_bytes):
    """A bad file is a 422 and nothing is stored; a file over UPLOAD_MAX_BYTES is a 413; a missing
    object, a key outside the layout or a grant over the limit is refused."""
    key = "timeframe=1m/exchange=NASDAQ/symbol=AAPL/year=2026/month=11/day=18/part-not-parquet.parquet"
    client.error("POST", "/upload", "POST /upload", "a file over UPLOAD_MAX_BYTES", 413,
                 files={"file": ("big.parquet", b"PAR1" + bytes(upload_max_bytes))}, data={"key": key})
    client.error("POST", "/presign/upload", "POST /presign/upload", "max_bytes over UPLOAD_MAX_BYTES", 400, field="max_bytes",
                 json={"key": key, "max_bytes": upload_max_bytes + 1})
    client.error("POST", "/upload", "POST /upload", "a file that is not Parquet", 422,
                 files={"file": ("x.parquet", b"open,high\nnot,numbers\n")}, data={"key": key})
    client.error("POST", "/presign/download", "POST /presign/download", "the refused upload was not stored", 404,
                 json={"key": key})
    client.error("POST", "/uploads/complete", "POST /uploads/complete", "no such object", 404,
                 json={"key": key.replace("part-not-parquet", "part-never-uploaded")})
    client.error("POST", "/presign/upload", "POST /presign/upload", "a key outside the layout", 400, field="key",
                 json={"key": key_prefix + "elsewhere/file.parquet"})
    client.error("POST", "/presign/upload", "POST /presign/upload", "expires_in 0", 400, field="expires_in",
                 json={"key": key, "expires_in": 0})
    client.error("POST", "/presign/upload", "POST /presign/upload", "malformed JSON", 400,
                 data="{\"key\": ", headers={"Content-Type": "application/json"})


def check_presigned_policy(client, upload_dir, key_prefix):
    """Presigned uploads are enforced: a file over the grant's max_bytes and a tampered URL are refused."""
    key, path = next(entry for entry in demo_files(upload_dir) if "symbol=AAPL/" in entry[0])
    key = key.rsplit("/", 1)[0] + "/part-refused.parquet"
    content = path.read_bytes()
    grant = client.get_json("POST", "/presign/upload", "POST /presign/upload", "max_bytes 100", shapes.PRESIGN_UPLOAD,
                            "PRESIGN_UPLOAD", json={"key": key_prefix + key, "max_bytes": 100}) or {}
    if "url" in grant:
        client.call("POST", grant["url"], "presigned POST form", f"{len(content)} bytes over max_bytes 100", (400, 403, 413),
                    data=grant.get("fields", {}), files={"file": ("x.parquet", content)})
    grant = client.get_json("POST", "/presign/upload", "POST /presign/upload", "PUT", shapes.PRESIGN_UPLOAD, "PRESIGN_UPLOAD",
                            json={"key": key, "method": "PUT"}) or {}
    if "url" in grant:
        url = grant["url"]
        tampered = url[:-4] + ("0000" if not url.endswith("0000") else "1111")
        client.call("PUT", tampered, "presigned PUT URL", "tampered signature", 403, data=content)
    client.error("POST", "/presign/download", "POST /presign/download", "refused uploads store nothing", 404, json={"key": key})


def check_seed003_csv(client, upload_dir):
    """Seed 003's storage is CSV with `timestamp,symbol,open,high,low,close,volume` (003:5-13): such a
    file uploads as a partition, and GET /v1/stats/ohlc answers from it."""
    key, path = next(entry for entry in demo_files(upload_dir) if "symbol=AAPL/" in entry[0])
    rows = pq.read_table(path).to_pylist()
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["timestamp", "symbol", "open", "high", "low", "close", "volume"])
    for row in rows:
        writer.writerow([row["timestamp"].strftime("%Y-%m-%dT%H:%M:%SZ"), "SEED003", row["open"], row["high"], row["low"],
                         row["close"], int(row["volume"])])
    fields = key_fields(key)
    day = f"{fields['year']}-{fields['month']}-{fields['day']}"
    result = client.get_json("POST", "/upload", "POST /upload", "seed 003 CSV", shapes.UPLOAD_RESULT, "UPLOAD_RESULT", 201,
                             files={"file": ("trades.csv", text.getvalue().encode())},
                             data={"timeframe": "1min", "exchange": fields["exchange"], "symbol": "SEED003", "date": day}) or {}
    client.expect(result.get("rows") == len(rows), "POST /upload", "seed 003 CSV", f"{result.get('rows')} rows of {len(rows)}")
    stats = client.get_json("GET", f"/v1/stats/ohlc?symbol=SEED003&interval=1min&start={day}&end={day}", "GET /v1/stats/ohlc",
                            "from the seed 003 CSV") or {}
    client.expect([(b.get("close"), b.get("volume")) for b in stats.get("data", [])] == [(r["close"], int(r["volume"])) for r in rows],
                  "GET /v1/stats/ohlc", "from the seed 003 CSV", f"{len(stats.get('data', []))} bars for {len(rows)} CSV rows")


def check_ingest(client):
    """POST /v1/trades/ingest (003:19-71) with the seed's sample (003:147-180), then GET /v1/stats/ohlc
    from the ingested trades. Writes AAPL trades of 2025-01-02, far from the demo days: run it last."""
    endpoint = "POST /v1/trades/ingest"
    client.error("POST", "/v1/trades/ingest", endpoint, "the seed's sample names two symbols (003:41)", 422, "VALIDATION_ERROR",
                 "trades[1].symbol", json=shapes.INGEST_SAMPLE)
    apple = {"trades": [trade for trade in shapes.INGEST_SAMPLE["trades"] if trade["symbol"] == "AAPL"]}
    first = client.get_json("POST", "/v1/trades/ingest", endpoint, "the sample's AAPL trades", shapes.INGEST_RESULT,
                            "INGEST_RESULT", json=apple) or {}
    client.expect(first.get("accepted") == 3 and first.get("duplicate") is False, endpoint, "the sample's AAPL trades",
                  f"accepted {first.get('accepted')!r}, duplicate {first.get('duplicate')!r}")
    again = client.get_json("POST", "/v1/trades/ingest", endpoint, "the same batch again (003:51)", shapes.INGEST_RESULT,
                            "INGEST_RESULT", json=apple["trades"]) or {}
    client.expect(again.get("duplicate") is True and again.get("objects") == first.get("objects"), endpoint,
                  "the same batch again (003:51)", f"duplicate {again.get('duplicate')!r}, objects {again.get('objects')!r}")
    stats = client.get_json("GET", "/v1/stats/ohlc?symbol=AAPL&interval=1min&start=2025-01-02&end=2025-01-02", "GET /v1/stats/ohlc",
                            "from ingested trades (003:50)", shapes.STATS_OHLC, "STATS_OHLC") or {}
    expected = [(t["timestamp"], t["price"], t["volume"]) for t in apple["trades"]]
    client.expect([(b.get("timestamp"), b.get("close"), b.get("volume")) for b in stats.get("data", [])] == expected,
                  "GET /v1/stats/ohlc", "from ingested trades (003:50)", f"{stats.get('data')!r}, expected {expected!r}")
    for case, body, status, code, field in (("empty list (003:40)", "[]", 422, "VALIDATION_ERROR", "trades"),
                                            ("price of the wrong type (003:42)", json.dumps([dict(apple["trades"][0], price="high")]),
                                             422, "VALIDATION_ERROR", "trades[0].price"),
                                            ("missing volume (003:43)", json.dumps([{k: v for k, v in apple["trades"][0].items()
                                                                                     if k != "volume"}]), 422, "VALIDATION_ERROR",
                                             "trades[0].volume"),
                                            ("not JSON (003:57)", "trades, please", 400, "INVALID_JSON", "body")):
        client.error("POST", "/v1/trades/ingest", endpoint, case, status, code, field, data=body,
                     headers={"Content-Type": "application/json"})


def follow_link_pages(client, first_path, endpoint):
    """A list paged through `Link: <…>; rel="next"` headers until none is left."""
    items, path, pages = [], first_path, 0
    while path and pages < 100:
        response = client.call("GET", path, endpoint, f"page {pages + 1} of {first_path}", 200)
        if response is None:
            break
        items += response.json()
        client.expect(("Link" in response.headers) == ("X-Next-Cursor" in response.headers), endpoint,
                      f"page {pages + 1}", "Link and X-Next-Cursor must come together")
        path = response.links.get("next", {}).get("url")
        pages += 1
    return items, pages


def follow_next_url(client, first_path, endpoint, items_of):
    """A list paged through the body's `next_url` until it is null."""
    items, path, pages = [], first_path, 0
    while path and pages < 100:
        body = client.get_json("GET", path, endpoint, f"page {pages + 1} of {first_path}")
        if not isinstance(body, dict):
            break
        items += items_of(body)
        path = body.get("next_url")
        pages += 1
    return items, pages


def check_symbols(client, expected_symbols):
    """GET /symbols: the seed's bare list, `prefix`, and paging by Link header."""
    listed = client.get_json("GET", "/symbols", "GET /symbols", "all", shapes.SYMBOLS, "SYMBOLS")
    names = sorted(item.get("symbol") for item in listed or [])
    client.expect(names == sorted(expected_symbols), "GET /symbols", "all",
                  f"listed {names}, the lake holds {sorted(expected_symbols)}")
    nse = client.get_json("GET", "/symbols?prefix=NSE_&limit=100", "GET /symbols", "prefix=NSE_", shapes.SYMBOLS, "SYMBOLS")
    client.expect(nse and all(item["symbol"].startswith("NSE_") for item in nse), "GET /symbols", "prefix=NSE_",
                  f"{[item.get('symbol') for item in nse or []]}")
    for query, keep in (("exchange=NSE", lambda item: item.get("exchange") == "NSE"), ("timeframe=1min", lambda item: True)):
        subset = client.get_json("GET", f"/symbols?{query}", "GET /symbols", query, shapes.SYMBOLS, "SYMBOLS")
        client.expect(subset == [item for item in listed or [] if keep(item)], "GET /symbols", query,
                      f"{[item.get('symbol') for item in subset or []]}")
    paged, pages = follow_link_pages(client, "/symbols?limit=2", "GET /symbols")
    client.expect(paged == listed and pages == (len(listed or []) + 1) // 2, "GET /symbols", "limit=2 paging",
                  f"{pages} pages gave {[i.get('symbol') for i in paged]}, one request {names}")
    return listed or []


def check_partitions(client, symbol, first_day, last_day):
    """GET /symbols/{symbol}/partitions with the README's filters and next_url paging."""
    endpoint = "GET /symbols/{symbol}/partitions"
    body = client.get_json("GET", f"/symbols/{symbol}/partitions", endpoint, symbol, shapes.PARTITIONS, "PARTITIONS")
    partitions = (body or {}).get("partitions", [])
    client.expect(len(partitions) > 0, endpoint, symbol, "no partitions")
    filtered = client.get_json("GET", f"/symbols/{symbol}/partitions?timeframe=1min&start={first_day}&end={first_day}",
                               endpoint, "timeframe and a one-day range", shapes.PARTITIONS, "PARTITIONS")
    days = {(p["year"], p["month"], p["day"]) for p in (filtered or {}).get("partitions", [])}
    year, month, day = map(int, first_day.split("-"))
    client.expect(days == {(year, month, day)}, endpoint, "timeframe and a one-day range", f"days {sorted(days)}")
    paged, pages = follow_next_url(client, f"/symbols/{symbol}/partitions?limit=2", endpoint, lambda b: b.get("partitions", []))
    client.expect([p["s3_path"] for p in paged] == [p["s3_path"] for p in partitions] and pages == (len(partitions) + 1) // 2,
                  endpoint, "limit=2 paging", f"{pages} pages, {len(paged)} partitions; unpaged {len(partitions)}")
    client.error("GET", "/symbols/NOPE_NOT-A-SYMBOL/partitions", endpoint, "unknown symbol", 404, "SYMBOL_NOT_FOUND")
    client.error("GET", f"/symbols/{symbol}/partitions?start=yesterday", endpoint, "bad start", 400, field="start")
    client.error("GET", f"/symbols/{symbol}/partitions?start={last_day}&end={first_day}T00:00:00Z", endpoint,
                 "end before start", 400, field="end")
    client.error("GET", f"/symbols/{symbol}/partitions?limit=0", endpoint, "limit 0", 400, field="limit")
    return partitions


def check_object(client, partition):
    """GET /object: presigned URL, stream, HEAD and Range, all giving the same bytes."""
    endpoint, path = "GET /object", partition["s3_path"]
    quoted = urllib.parse.quote(path, safe="")
    grant = client.get_json("GET", f"/object?path={quoted}", endpoint, "presigned", shapes.OBJECT_PRESIGNED, "OBJECT_PRESIGNED")
    presigned = client.call("GET", grant["url"], "presigned GET URL", path, 200) if isinstance(grant, dict) else None
    whole = client.call("GET", f"/object?path={quoted}&stream=true", endpoint, "stream=true", 200)
    if whole is None or presigned is None:
        return
    content = whole.content
    size = partition.get("size", len(content))
    client.expect(content == presigned.content and len(content) == size, endpoint, "stream=true",
                  f"{len(content)} streamed bytes, {len(presigned.content)} presigned, size {size}")
    client.expect(whole.headers.get("Content-Length") == str(size) and "ETag" in whole.headers
                  and whole.headers.get("Accept-Ranges") == "bytes", endpoint, "stream=true headers", f"{dict(whole.headers)}")
    client.expect(pq.read_table(io.BytesIO(content)).num_rows == partition.get("rows"), endpoint, "stream=true",
                  "pyarrow reads a different row count")
    head = client.call("HEAD", f"/object?path={quoted}&stream=true", "HEAD /object", "stream=true", 200)
    if head is not None:
        client.expect(head.headers.get("Content-Length") == str(size) and head.content == b"", "HEAD /object", "stream=true",
                      f"Content-Length {head.headers.get('Content-Length')}, {len(head.content)} body bytes")
    for header, first, last in (("bytes=0-3", 0, 3), ("bytes=-8", size - 8, size - 1), ("bytes=4-", 4, size - 1)):
        part = client.call("GET", f"/object?path={quoted}&stream=true", endpoint, f"Range {header}", 206,
                           headers={"Range": header})
        if part is not None:
            client.expect(part.content == content[first:last + 1]
                          and part.headers.get("Content-Range") == f"bytes {first}-{last}/{size}", endpoint,
                          f"Range {header}", f"{len(part.content)} bytes, Content-Range {part.headers.get('Content-Range')}")
    beyond = client.call("GET", f"/object?path={quoted}&stream=true", endpoint, "Range past the end", 416,
                         headers={"Range": f"bytes={size}-{size + 10}"})
    if beyond is not None:
        client.expect(beyond.headers.get("Content-Range") == f"bytes */{size}", endpoint, "Range past the end",
                      f"Content-Range {beyond.headers.get('Content-Range')}")
    missing = urllib.parse.quote(path.rsplit("/", 1)[0] + "/part-missing.parquet", safe="")
    client.error("GET", f"/object?path={missing}&stream=true", endpoint, "missing object, stream", 404)
    client.error("GET", f"/object?path={missing}", endpoint, "missing object, presigned", 404)
    client.error("GET", "/object?path=" + urllib.parse.quote("s3://some-other-bucket/x.parquet", safe=""), endpoint,
                 "outside the lake", 400, field="path")
    client.error("GET", "/object", endpoint, "no path", 400, field="path")
    download = client.get_json("POST", "/presign/download", "POST /presign/download", "key", shapes.OBJECT_PRESIGNED,
                               "OBJECT_PRESIGNED", json={"key": partition["key"], "expires_in": 600})
    by_path = client.get_json("POST", "/presign/download", "POST /presign/download", "path", shapes.OBJECT_PRESIGNED,
                              "OBJECT_PRESIGNED", json={"path": path})
    for grant, case in ((download, "key"), (by_path, "path")):
        if isinstance(grant, dict):
            fetched = client.call("GET", grant["url"], "presigned GET URL", f"from /presign/download by {case}", 200)
            client.expect(fetched is not None and fetched.content == content, "POST /presign/download", case, "different bytes")


def check_http(client):
    """CORS preflight and marking, HEAD, gzip, unknown routes and methods."""
    origin = {"Origin": "https://dashboard.example"}
    preflight = client.call("OPTIONS", "/api/v1/bars", "OPTIONS (CORS preflight)", "POST /api/v1/bars", (200, 204),
                            headers={**origin, "Access-Control-Request-Method": "POST",
                                     "Access-Control-Request-Headers": "content-type"})
    if preflight is not None:
        headers = preflight.headers
        client.expect(headers.get("Access-Control-Allow-Origin") in ("*", origin["Origin"])
                      and "POST" in headers.get("Access-Control-Allow-Methods", "")
                      and "content-type" in headers.get("Access-Control-Allow-Headers", "").lower(),
                      "OPTIONS (CORS preflight)", "POST /api/v1/bars", f"{dict(headers)}")
    listed = client.call("GET", "/symbols?limit=1", "GET /symbols", "CORS, cut list", 200, headers=origin)
    if listed is not None:
        exposed = {name.strip().lower() for name in listed.headers.get("Access-Control-Expose-Headers", "").split(",")}
        client.expect(listed.headers.get("Access-Control-Allow-Origin") == "*" and {"link", "x-next-cursor"} <= exposed,
                      "GET /symbols", "CORS, cut list",
                      "a browser cannot page: Link and X-Next-Cursor must be in Access-Control-Expose-Headers, got "
                      + repr(listed.headers.get("Access-Control-Expose-Headers")))
    failed = client.call("GET", "/api/v1/latest/NOPE_NOT-A-SYMBOL", "GET /api/v1/latest/{symbol}", "CORS on an error", 404,
                         headers=origin)
    client.expect(failed is not None and failed.headers.get("Access-Control-Allow-Origin") == "*",
                  "GET /api/v1/latest/{symbol}", "CORS on an error", "a browser cannot read the error body")
    get = client.call("GET", "/health", "GET /health", "for HEAD", 200)
    head = client.call("HEAD", "/health", "HEAD /health", "no body", 200)
    if get is not None and head is not None:
        client.expect(head.content == b"" and head.headers.get("Content-Length") == str(len(get.content)),
                      "HEAD /health", "no body", f"{len(head.content)} body bytes, Content-Length {head.headers.get('Content-Length')}")
    client.error("GET", "/no/such/route", "unknown route", "GET", 404)
    client.error("DELETE", "/health", "DELETE /health", "method not allowed", 405)


def gzip_round_trip(client, method, path, endpoint, **options):
    """The same request with and without gzip: the gzip body must decompress to the same JSON."""
    plain = client.call(method, path, endpoint, "Accept-Encoding: identity", 200,
                        headers={"Accept-Encoding": "identity"}, **options)
    packed = client.call(method, path, endpoint, "Accept-Encoding: gzip", 200,
                         headers={"Accept-Encoding": "gzip"}, stream=True, **options)
    if plain is None or packed is None:
        return
    raw = packed.raw.read(decode_content=False)
    encoding = packed.headers.get("Content-Encoding")
    if client.expect(encoding == "gzip", endpoint, "Accept-Encoding: gzip", f"Content-Encoding {encoding!r} for {len(raw)} bytes"):
        unpacked = gzip.decompress(raw)
        client.expect(len(raw) < len(unpacked) and strip_volatile(unpacked) == strip_volatile(plain.content), endpoint,
                      "Accept-Encoding: gzip", f"{len(raw)} gzip bytes do not decompress to the identity body")
    client.expect(plain.headers.get("Content-Encoding") in (None, "identity"), endpoint, "Accept-Encoding: identity",
                  f"Content-Encoding {plain.headers.get('Content-Encoding')!r}")


def strip_volatile(body):
    """A JSON body (bytes, or already decoded) without what differs between two askings of the
    same question: seed 002's answer-time `timestamp`, and whether bars came from the cache."""
    value = json.loads(body) if isinstance(body, (bytes, str)) else dict(body) if isinstance(body, dict) else body
    if isinstance(value, dict) and "success" in value:
        value.pop("timestamp", None)
    if isinstance(value, dict) and "bar_count" in value:
        value.pop("cached", None)
    return value


def probe_not_served(client):
    """Which seed endpoints the server does not answer; a 404 must still be in the error shape."""
    found = []
    for method, path, where in shapes.NOT_SERVED:
        response = client.session.request(method, client.url(path), timeout=client.timeout)
        if response.status_code == 404:
            client.shape(response.json(), shapes.ERROR, "ERROR", f"{method} {path} (not served)", "404 body")
        found.append({"method": method, "path": path, "seed": where, "status": response.status_code,
                      "served": response.status_code not in (404, 405)})
    return found
