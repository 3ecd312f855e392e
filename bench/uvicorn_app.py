"""The FastAPI + uvicorn peer of bench/http.sh: the same routes as LakeHTTP's test server.

GET /health       -> {"status": "healthy", "timestamp": ...}
GET /bars         -> 1,000 deterministic OHLCV bars, serialized to JSON per request the
                     idiomatic FastAPI way (return the data, FastAPI encodes it)
GET /bars/static  -> the same JSON serialized once at start (transport only)
"""
import json
from datetime import datetime, timezone

from fastapi import FastAPI
from fastapi.responses import Response

app = FastAPI()


def make_bars(count: int) -> list:
    seed = 42
    mask = (1 << 64) - 1

    def next_random() -> float:
        nonlocal seed
        seed = (seed * 6364136223846793005 + 1442695040888963407) & mask
        return (seed >> 11) / float(1 << 53)

    bars = []
    price = 100.0
    start = 1_700_000_000_000
    for index in range(count):
        open_ = price
        close = open_ * (1 + (next_random() - 0.5) * 0.01)
        high = max(open_, close) * (1 + next_random() * 0.002)
        low = min(open_, close) * (1 - next_random() * 0.002)
        volume = int(next_random() * 100_000)
        price = close
        bars.append({"time": start + index * 60_000, "open": round(open_, 4), "high": round(high, 4), "low": round(low, 4),
                     "close": round(close, 4), "volume": volume, "vwap": round((open_ + close) / 2, 4),
                     "trades": volume // 37, "closed": True})
    return bars


BARS = make_bars(1_000)
STATIC_BARS = json.dumps({"symbol": "BENCH", "timeframe": "1m", "bars": BARS}, separators=(",", ":")).encode()


@app.get("/health")
def health():
    return {"status": "healthy", "timestamp": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}


@app.get("/bars")
def bars():
    return {"symbol": "BENCH", "timeframe": "1m", "bars": BARS}


@app.get("/bars/static")
def bars_static():
    return Response(content=STATIC_BARS, media_type="application/json")
