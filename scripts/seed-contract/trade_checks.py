"""Seed 002's trade and system-information endpoints as its clients use them: the trades
check_ingest stored, paged by `next_url`, the latest ones, their errors in the envelope, and
GET /monitoring/system/info."""

import seed_shapes as shapes
from lake_checks import follow_next_url

# 003:147-180's AAPL trades as lake_checks.check_ingest stores them: epoch ms, price, volume.
INGESTED_AAPL = [(1735810200000, 190.5, 1200000), (1735810320000, 191.3, 640000), (1735810440000, 192.0, 450000)]


def check_trades(client):
    """GET /api/v1/data/trades/{symbol} (002:215-244) and …/latest (002:245-251) over the AAPL
    trades of 2025-01-02 that check_ingest stored: run it after check_ingest."""
    endpoint = "GET /api/v1/data/trades/{symbol}"
    first_path = f"/api/v1/data/trades/AAPL?start_time={INGESTED_AAPL[0][0]}&limit=2"
    first = client.get_json("GET", first_path, endpoint, "limit=2 (002:223)", shapes.ENVELOPE, "ENVELOPE") or {}
    client.shape(first.get("data"), [shapes.TRADE], "TRADE", endpoint, "limit=2 (002:223)")
    client.expect(isinstance(first.get("next_url"), str), endpoint, "limit=2 (002:223)", f"no next_url in {first!r}")
    trades, pages = follow_next_url(client, first_path, endpoint, lambda body: body.get("data") or [])
    served = [(t.get("timestamp"), t.get("price"), t.get("quantity")) for t in trades]
    client.expect(served == INGESTED_AAPL and pages == 2, endpoint, "paged by next_url",
                  f"{pages} pages gave {served!r}, expected {INGESTED_AAPL!r} in 2")
    client.envelope_error("GET", "/api/v1/data/trades/AAPL?limit=0", endpoint, "limit 0 (002:223)", 400, "VALIDATION_ERROR")
    client.envelope_error("GET", "/api/v1/data/trades/AAPL?limit=10001", endpoint, "limit 10001 (002:223)", 400, "VALIDATION_ERROR")
    client.envelope_error("GET", "/api/v1/data/trades/AAPL?from_id=26129", endpoint, "from_id: the lake keeps no trade ids (README)",
                          400, "VALIDATION_ERROR")
    client.envelope_error("GET", "/api/v1/data/trades/NOPE", endpoint, "unknown symbol (002:370)", 404, "SYMBOL_NOT_FOUND")

    endpoint = "GET /api/v1/data/trades/{symbol}/latest"
    latest = client.get_json("GET", "/api/v1/data/trades/AAPL/latest?limit=2", endpoint, "limit=2", shapes.ENVELOPE, "ENVELOPE") or {}
    client.shape(latest.get("data"), [shapes.TRADE], "TRADE", endpoint, "limit=2")
    served = [(t.get("timestamp"), t.get("price"), t.get("quantity")) for t in latest.get("data") or []]
    client.expect(served == INGESTED_AAPL[1:], endpoint, "limit=2", f"{served!r}, expected {INGESTED_AAPL[1:]!r}")
    client.envelope_error("GET", "/api/v1/data/trades/AAPL/latest?limit=1001", endpoint, "limit 1001 (002:251)", 400, "VALIDATION_ERROR")
    client.envelope_error("GET", "/api/v1/data/trades/NOPE/latest", endpoint, "unknown symbol (002:370)", 404, "SYMBOL_NOT_FOUND")


def check_system_info(client):
    """GET /api/v1/monitoring/system/info (002:271-272, no example body: the README's)."""
    endpoint = "GET /api/v1/monitoring/system/info"
    info = client.get_json("GET", "/api/v1/monitoring/system/info", endpoint, "seed 002", shapes.ENVELOPE, "ENVELOPE") or {}
    client.shape(info.get("data"), shapes.SYSTEM_INFO, "SYSTEM_INFO", endpoint, "seed 002")
    memory = ((info.get("data") or {}).get("machine") or {}).get("memory") or {}
    client.expect(0 < memory.get("available_bytes", 0) <= memory.get("total_bytes", 0), endpoint, "seed 002", f"memory {memory!r}")
