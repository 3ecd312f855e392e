"""The FastAPI + uvicorn peer of bench/http.sh: the same two routes as LakeHTTP's test server.

GET /health -> {"status": "healthy", "timestamp": ...}
GET /bars   -> 1,000 deterministic OHLCV bars as JSON (~145 KB), serialized once at start,
               exactly as the Swift side does (so both serve precomputed bytes).
"""
from datetime import datetime, timezone

from fastapi import FastAPI
from fastapi.responses import Response

app = FastAPI()


def make_bars(count: int) -> bytes:
    seed = 42
    mask = (1 << 64) - 1

    def next_random() -> float:
        nonlocal seed
        seed = (seed * 6364136223846793005 + 1442695040888963407) & mask
        return (seed >> 11) / float(1 << 53)

    parts = []
    price = 100.0
    start = 1_700_000_000_000
    for index in range(count):
        open_ = price
        close = open_ * (1 + (next_random() - 0.5) * 0.01)
        high = max(open_, close) * (1 + next_random() * 0.002)
        low = min(open_, close) * (1 - next_random() * 0.002)
        volume = int(next_random() * 100_000)
        price = close
        parts.append(
            f'{{"time":"{start + index * 60_000}","open":{open_:.4f},"high":{high:.4f},"low":{low:.4f},'
            f'"close":{close:.4f},"volume":{volume},"vwap":{(open_ + close) / 2:.4f},"trades":{volume // 37},"closed":true}}'
        )
    return ('{"symbol":"BENCH","timeframe":"1m","bars":[' + ",".join(parts) + "]}").encode()


BARS = make_bars(1_000)


@app.get("/health")
def health():
    return {"status": "healthy", "timestamp": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}


@app.get("/bars")
def bars():
    return Response(content=BARS, media_type="application/json")
