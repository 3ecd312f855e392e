"""Seed 002's streaming side as its Python client example uses it (002:513-545): `ws /ws/stream`
with subscribe, initial history, ping and errors (002:24-211), the admin views of it
(002:304-358) and GET /api/v1/monitoring/health (002:257-270)."""

import asyncio
import datetime
import json
import time

import websockets

import seed_shapes as shapes

ENDPOINT = "WS /ws/stream"
DAY = 86_400_000


def check_stream(client, first_day, last_day):
    """Daily candles of the demo's BTCUSDT over the stream agree with POST /api/v1/bars at 1440 minutes."""
    asyncio.run(_check_stream(client, first_day, last_day))


async def _next(ws, kind, timeout=10.0):
    """The next message of type `kind` (others, such as heartbeats, are skipped)."""
    deadline = time.monotonic() + timeout
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), max(deadline - time.monotonic(), 0.01)))
        if message.get("type") == kind:
            return message


async def _check_stream(client, first_day, last_day):
    client.endpoints.add(ENDPOINT)
    url = client.base_url.replace("http://", "ws://", 1) + "/ws/stream"
    # Enough daily candles to reach back from today to the demo's first day (the seed allows 1000).
    today = datetime.datetime.now(datetime.timezone.utc).date()
    days = min(1000, (today - datetime.date.fromisoformat(first_day)).days + 1)
    bars = client.get_json("POST", "/api/v1/bars", "POST /api/v1/bars", "1440 minutes, for the stream",
                           json={"symbol": "BTCUSDT", "timeframe": "1440", "start_date": first_day, "end_date": last_day}) or {}
    expected = [(bar["open"], bar["high"], bar["low"], bar["close"], bar["volume"]) for bar in bars.get("data") or []]
    try:
        async with websockets.connect(url) as ws:
            await ws.send(json.dumps({"action": "subscribe", "subscriptions": [
                {"symbol": "BTCUSDT", "timeframes": [{"timeframe": 1440, "initial_candles": days}]},
                {"symbol": "NOPEUSDT", "timeframes": [{"timeframe": 15, "initial_candles": 1}]}]}))
            result = await _next(ws, "subscription_result")
            client.shape(result, shapes.WS_SUBSCRIPTION_RESULT, "WS_SUBSCRIPTION_RESULT", ENDPOINT, "subscribe")
            client.expect(result.get("successful_subscriptions") == {"BTCUSDT": [{"timeframe": 1440, "initial_candles": days}]}
                          and [f.get("symbol") for f in result.get("failed_subscriptions", [])] == ["NOPEUSDT"],
                          ENDPOINT, "subscribe", f"{result}")
            history = await _next(ws, "initial_history")
            client.shape(history, shapes.WS_INITIAL_HISTORY, "WS_INITIAL_HISTORY", ENDPOINT, "initial_history")
            candles = history.get("candles") or []
            served = [(c.get("open"), c.get("high"), c.get("low"), c.get("close"), c.get("volume")) for c in candles]
            client.expect(history.get("timeframe") == "1440m" and history.get("requested_candles") == days
                          and history.get("actual_candles") == len(candles) and served == expected
                          and all(c.get("candle_time", 1) % DAY == 0 for c in candles),
                          ENDPOINT, "initial_history", f"{len(candles)} candles {served[:2]}…, POST /api/v1/bars {expected[:2]}…")

            await ws.send(json.dumps({"action": "ping", "timestamp": 1735691100000}))
            pong = await _next(ws, "pong")
            client.shape(pong, shapes.WS_PONG, "WS_PONG", ENDPOINT, "ping")
            client.expect(pong.get("client_timestamp") == 1735691100000, ENDPOINT, "ping", f"{pong}")
            await ws.send(json.dumps({"action": "subscribe", "subscriptions": [{"symbol": "BTCUSDT", "timeframes": [{"timeframe": -5}]}]}))
            error = await _next(ws, "error")
            client.shape(error, shapes.WS_ERROR, "WS_ERROR", ENDPOINT, "negative timeframe")
            client.expect(error.get("error_code") == "INVALID_TIMEFRAME", ENDPOINT, "negative timeframe", f"{error}")

            check_admin(client)
    except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as failure:
        client.expect(False, ENDPOINT, "connection", f"{type(failure).__name__}: {failure}")


def check_admin(client):
    """The admin views while one client holds one subscription, and the component health."""
    endpoint = "GET /api/v1/admin/websocket/status"
    body = client.get_json("GET", "/api/v1/admin/websocket/status", endpoint, "one client", shapes.ENVELOPE, "ENVELOPE") or {}
    client.shape(body.get("data"), shapes.WS_STATUS, "WS_STATUS", endpoint, "one client")
    data = body.get("data") or {}
    client.expect(data.get("connections_count") == 1 and data.get("total_subscriptions") == 1, endpoint, "one client", f"{data}")
    endpoint = "GET /api/v1/admin/websocket/connections"
    body = client.get_json("GET", "/api/v1/admin/websocket/connections", endpoint, "one client", shapes.ENVELOPE, "ENVELOPE") or {}
    client.shape(body.get("data"), shapes.WS_CONNECTIONS, "WS_CONNECTIONS", endpoint, "one client")
    client.expect((body.get("data") or {}).get("mv_references") == {"BTCUSDT:1440m": 1}, endpoint, "one client", f"{body.get('data')}")
    endpoint = "GET /api/v1/monitoring/health"
    health = client.get_json("GET", "/api/v1/monitoring/health", endpoint, "one client", shapes.MONITORING_HEALTH, "MONITORING_HEALTH") or {}
    client.expect(health.get("status") == "healthy", endpoint, "one client", f"{health}")
