"""The seeds' response shapes as data, for seed_contract.py.

Every table comes from the example a seed shows (`NNN:LINE` in the comment: line LINE of
shared/seeds/NNN_*.txt, e.g. 001_51837cae2009ba88.txt): each key the
seed shows, with the JSON type of the seed's value. A type is one of "string", "number",
"integer", "bool", "array", "object", "null", "any", or several joined with "|". A dict is an
object holding at least those keys; a one-element list is an array whose every element has
that shape; {"*": shape} is an object whose every value has that shape.

Where DESIGN.md or the README decided to answer differently from a seed's example, the
difference is in DEVIATIONS with the reason; the checker accepts it there and reports it
as a deviation, not as a mismatch.
"""

SEED_000 = "000_c9855da7c6a5ca2b.txt"
SEED_002 = "002_2e63e5d2760ffb9f.txt"
SEED_003 = "003_8a768f86c703de11.txt"
SEED_004 = "004_7e586ce1e914cb0f.txt"

# 000:39-42 — GET /health (001:121-123 shows {"status": "ok"}; DESIGN.md follows seed 000).
HEALTH = {"status": "string", "timestamp": "string"}

# 000:46-59 — GET /status.
STATUS = {
    "status": "string",
    "version": "string",
    "uptime_seconds": "number",
    "polygon_connected": "bool",
    "websocket_clients": "number",
    "cache_stats": "object",
    "rate_limit_status": "object",
    "system_metrics": {"memory_mb": "number", "cpu_percent": "number", "threads": "number"},
}

# 000:81-89 — one bar of POST /api/v1/bars.
BAR_000 = {
    "timestamp": "string", "open": "number", "high": "number", "low": "number", "close": "number",
    "volume": "number", "vwap": "number", "transactions": "number",
}

# 000:74-94 — POST /api/v1/bars.
BARS = {
    "symbol": "string", "timeframe": "string", "start_date": "string", "end_date": "string",
    "bar_count": "number", "data": [BAR_000], "cached": "bool", "validation": "object",
}

# 000:93 shows "validation": {...}; the README's keys.
BAR_VALIDATION = {"valid": "bool", "bar_count": "number", "gaps": "number", "gap_starts": "array", "duplicate_times": "number",
                  "high_below_low": "number"}

# 000:107-112 — one symbol's entry of POST /api/v1/bars/multiple (keyed by symbol).
BARS_MULTIPLE = {"*": {"success": "bool"}}
BARS_MULTIPLE_FOUND = {"success": "bool", "bar_count": "number", "first_bar": "string", "last_bar": "string"}

# 000:119-123 — GET /api/v1/latest/{symbol}.
LATEST = {"symbol": "string", "price": "number", "timestamp": "string"}

# 000:133-139 and 140-143 — POST /api/v1/validate, a valid and an invalid symbol.
VALIDATE_VALID = {
    "valid": "bool", "normalized": "string", "type": "string", "characteristics": ["string"], "warnings": ["string"],
}
VALIDATE_INVALID = {"valid": "bool", "error": "string"}

# 000:154-169 — GET /api/v1/search.
SEARCH_RESULT = {
    "ticker": "string", "name": "string", "market": "string", "locale": "string", "primary_exchange": "string",
    "type": "string", "active": "bool", "currency_name": "string",
}
SEARCH = {"query": "string", "count": "number", "results": [SEARCH_RESULT]}

# 000:174-180 — GET /api/v1/cache/stats.
CACHE_STATS = {"total_entries": "number", "total_size_mb": "number", "top_symbols": "array", "by_timeframe": "array",
               "recent_access": "array"}

# 000:194-206 — GET /api/v1/rate-limit ("daily: {...}": the same window over the UTC day).
RATE_LIMIT_WINDOW = {"used": "integer", "limit": "integer", "remaining": "integer", "usage_pct": "number"}
RATE_LIMIT = {"minute": RATE_LIMIT_WINDOW, "daily": RATE_LIMIT_WINDOW, "queue_size": "integer", "tier": "string"}

# 000:189-193 — DELETE /api/v1/cache.
CACHE_CLEAR = {"files_removed": "number", "space_freed_mb": "number", "entries_removed": "number"}

# 000:228-233 and 004:467-476 — the error body; DESIGN.md takes seed 004's superset everywhere.
ERROR = {
    "error": "string", "message": "string", "details": {"*": ["string"]}, "timestamp": "string",
    "path": "string", "request_id": "string",
}

# 001:131 — GET /symbols.
SYMBOLS = [{"symbol": "string"}]

# 001:139-146 — GET /symbols/{symbol}/partitions.
PARTITIONS = {
    "symbol": "string",
    "partitions": [{"year": "number", "month": "number", "day": "number", "timeframe": "string", "s3_path": "string"}],
}

# 001:151-153 — GET /object: a presigned download URL (the seed names no keys; the README's).
OBJECT_PRESIGNED = {"url": "string", "method": "string", "expires_at": "string", "expires_in": "number",
                    "key": "string", "s3_path": "string"}

# 001:167-169 — POST /presign/upload.
PRESIGN_UPLOAD = {"url": "string", "fields": "object"}

# 001:173 names POST /upload's form fields, not its answer; the README's answer.
UPLOAD_RESULT = {
    "key": "string", "s3_path": "string", "timeframe": "string", "exchange": "string", "symbol": "string",
    "size": "number", "rows": "number", "start": "string", "end": "string", "etag": "string", "indexed": "bool",
}

# 002:9-15 — the envelope of every seed 002 REST answer.
ENVELOPE = {"success": "bool", "data": "any", "message": "string", "timestamp": "number", "error": "null"}
ENVELOPE_ERROR = {"success": "bool", "data": "null", "message": "string", "timestamp": "number", "error": "string"}

# 002:286-297 — GET /api/v1/tickers/{symbol}/mvs, one view.
MATERIALIZED_VIEW = {"name": "string", "timeframe_minutes": "number", "total_rows": "number", "total_bytes": "number"}

# 002:276-278 shows no body for the ticker routes; the README's.
TICKER = {
    "symbol": "string", "exchange": "string", "name": "string|null", "type": "string|null", "active": "bool",
    "first_bar": "number", "last_bar": "number", "timeframes": ["string"], "objects": "number",
    "total_rows": "number", "total_bytes": "number",
}

# 002:228-242 — GET /api/v1/data/trades/{symbol}, one trade.
TRADE = {
    "aggregate_id": "number", "price": "number", "quantity": "number", "first_trade_id": "number",
    "last_trade_id": "number", "timestamp": "number", "is_buyer_maker": "bool",
}

# 002:271-272 shows no body for GET /monitoring/system/info; the README's.
SYSTEM_INFO = {
    "service": {"name": "string", "version": "string", "pid": "integer", "threads": "integer", "started_at": "integer",
                "uptime_seconds": "number"},
    "machine": {"os": {"name": "string", "release": "string", "version": "string", "machine": "string", "hostname": "string"},
                "cpu_count": "integer",
                "memory": {"total_bytes": "integer", "available_bytes": "integer", "process_resident_bytes": "integer"}},
    "store": {"backend": "string", "location": "string"},
    "catalog": {"path": "string", "objects": "integer", "symbols": "integer", "rows": "integer", "bytes": "integer"},
    "server": {"workers": "integer", "max_connections": "integer", "max_body_bytes": "integer", "upload_max_bytes": "integer"},
}

# 002:361-362 shows no body for POST /admin/system/sync; the README's.
SYNC_REPORT = {
    "trigger": "string", "joined": "bool", "duration_ms": "number", "listed": "number", "added": "number",
    "changed": "number", "deleted": "number", "unchanged": "number", "ignored": "number", "rejected": "number",
    "rejected_objects": "array",
}

# 003:100-115 — GET /v1/stats/ohlc ("volume": "int").
STATS_OHLC = {
    "symbol": "string", "interval": "string",
    "data": [{"timestamp": "string", "open": "number", "high": "number", "low": "number", "close": "number",
              "volume": "integer"}],
}

# 003:147-180 — the sample body of POST /v1/trades/ingest (it names two symbols, which 003:41 refuses).
INGEST_SAMPLE = {"trades": [
    {"timestamp": "2025-01-02T09:30:00Z", "symbol": "AAPL", "price": 190.50, "volume": 1200000},
    {"timestamp": "2025-01-02T09:31:00Z", "symbol": "MSFT", "price": 191.10, "volume": 850000},
    {"timestamp": "2025-01-02T09:32:00Z", "symbol": "AAPL", "price": 191.30, "volume": 640000},
    {"timestamp": "2025-01-02T09:33:00Z", "symbol": "MSFT", "price": 191.60, "volume": 500000},
    {"timestamp": "2025-01-02T09:34:00Z", "symbol": "AAPL", "price": 192.00, "volume": 450000},
]}

# 003:19-71 names no answer body for POST /v1/trades/ingest beyond "200 OK"; the README's.
INGEST_RESULT = {
    "symbol": "string", "exchange": "string", "accepted": "integer", "start": "string", "end": "string",
    "objects": [{"key": "string", "s3_path": "string", "rows": "integer", "start": "string", "end": "string"}],
    "duplicate": "bool", "idempotency_key": "string",
}

# 004:304-318 — GET /v1/stocks/{stock_code}/prices.
PRICES = {
    "stock_code": "string", "interval": "string",
    "prices": [{"trade_date": "string", "open": "number", "high": "number", "low": "number", "close": "number",
                "volume": "number"}],
}

# 002:74-84 — one candle of initial_history and ohlcv_update.
WS_CANDLE = {
    "candle_time": "number", "open": "number", "high": "number", "low": "number", "close": "number", "volume": "number",
    "trades_count": "number", "taker_buy_volume": "number", "taker_sell_volume": "number",
}

# 002:88-93 — data_status.
WS_DATA_STATUS = {"historical_loading": "bool", "gap_recovery": "bool", "data_quality": "string", "last_complete_timestamp": "null"}

# 002:52-61 — subscription_result.
WS_SUBSCRIPTION_RESULT = {
    "type": "string", "successful_subscriptions": {"*": [{"timeframe": "number", "initial_candles": "number"}]},
    "failed_subscriptions": "array", "message": "string",
}

# 002:64-86 — initial_history.
WS_INITIAL_HISTORY = {
    "type": "string", "symbol": "string", "timeframe": "string", "requested_candles": "number", "actual_candles": "number",
    "data_status": WS_DATA_STATUS, "candles": [WS_CANDLE],
}

# 002:196-201 — pong; 002:167-172 — error.
WS_PONG = {"type": "string", "timestamp": "number", "client_timestamp": "number"}
WS_ERROR = {"type": "string", "error_code": "string", "message": "string", "details": "object"}

# 002:308-323 — GET /api/v1/admin/websocket/status, data.
WS_STATUS = {
    "connections_count": "number", "active_symbols": "number", "total_subscriptions": "number", "mv_references_count": "number",
    "clickhouse_managers": "number", "messages_sent": "number", "errors_count": "number", "uptime_seconds": "number",
    "update_task_running": "bool", "heartbeat_task_running": "bool",
}

# 002:329-356 — GET /api/v1/admin/websocket/connections, data.
WS_CONNECTIONS = {
    "connections": [{"client_id": "string", "ip_address": "string", "connected_at": "number", "connection_duration": "number",
                     "last_ping": "number", "subscriptions": {"*": ["number"]}, "total_subscriptions": "number"}],
    "total_connections": "number", "active_symbols": ["string"], "mv_references": {"*": "number"},
}

# 002:259-269 — GET /api/v1/monitoring/health. Its binance_client, weight_coordinator and tickers
# components describe the seed's upstream Binance feed, which a lake does not have; the README
# lists the components answered instead (store, catalog, websocket_manager).
MONITORING_HEALTH = {
    "status": "string", "components": {"initialized": "bool", "websocket_manager": {"connections": "number", "active_symbols": "number"}},
    "timestamp": "number", "uptime_seconds": "number",
}

# Documented departures from a seed example: (table, key path, type we answer, why).
DEVIATIONS = [
    ("SEARCH", "results[].locale", "null",
     "README 'search': no reference source supplies a locale, so it is null rather than made up"),
    ("SEARCH", "results[].currency_name", "null",
     "README 'search': no reference source supplies a currency, so it is null rather than made up"),
    ("SEARCH", "results[].name", "null",
     "README 'search': name comes only from loaded reference data"),
    ("SEARCH", "results[].type", "null",
     "README 'search': type comes only from loaded reference data"),
    ("SEARCH", "results[].market", "null",
     "README 'search': market follows the type, which comes only from reference data"),
    ("WS_INITIAL_HISTORY", "candles[].taker_buy_volume", "null",
     "README 'ws /ws/stream': the lake keeps no taker side for bars without it, so taker volumes are null"),
    ("WS_INITIAL_HISTORY", "candles[].taker_sell_volume", "null",
     "README 'ws /ws/stream': the lake keeps no taker side for bars without it, so taker volumes are null"),
] + [("TRADE", f"[].{key}", "null", "README 'trades': the lake keeps time, price and size per trade, no trade ids or side")
     for key in ("aggregate_id", "first_trade_id", "last_trade_id", "is_buyer_maker")]

# Seed endpoints the README says are not served (yet); probed and listed in the report.
NOT_SERVED = [
    ("GET", "/docs", f"{SEED_000}:253"),
    ("GET", "/openapi.json", f"{SEED_000}:255"),
    ("GET", "/api/v1/admin/coordinators/weight", f"{SEED_002}:360"),
    ("POST", "/v1/auth/login", f"{SEED_004}:214"),
    ("GET", "/v1/stocks", f"{SEED_004}:242"),
    ("GET", "/v1/stocks/AAPL", f"{SEED_004}:268"),
    ("GET", "/v1/stocks/AAPL/financials", f"{SEED_004}:319"),
    ("POST", "/v1/screen", f"{SEED_004}:345"),
    ("GET", "/v1/portfolios", f"{SEED_004}:401"),
    ("GET", "/ws/stocks", f"{SEED_004}:706 (WebSocket)"),
]
