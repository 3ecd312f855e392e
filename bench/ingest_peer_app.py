# The FastAPI peer of bench/ingest.sh: seed 003's POST /v1/trades/ingest as the seed describes it
# (003:36-65) — pydantic models, one symbol per request, idempotency by SHA-256 of the canonical
# batch, rows appended to a CSV file per symbol. The CSV is fsynced before answering, as CandleLake
# fsyncs its objects, so both acknowledge only what survives a crash.
import csv
import hashlib
import io
import os
import sys
from datetime import datetime
from typing import Annotated, List, Union

from fastapi import Body, FastAPI, HTTPException
from pydantic import BaseModel, Field, field_validator

STORE = os.environ.get("INGEST_PEER_DIR", "/tmp/ingest-peer")
os.makedirs(STORE, exist_ok=True)
app = FastAPI()
seen = {}


class TradeIn(BaseModel):
    timestamp: datetime
    symbol: str
    price: float = Field(gt=0)
    volume: float = Field(ge=0)


class Batch(BaseModel):
    trades: Annotated[List[TradeIn], Field(min_length=1)]

    @field_validator("trades")
    @classmethod
    def one_symbol(cls, trades):
        first = trades[0].symbol.strip().upper()
        for index, trade in enumerate(trades):
            if trade.symbol.strip().upper() != first:
                raise ValueError(f"trades[{index}].symbol differs from the first trade's")
        return trades


@app.post("/v1/trades/ingest")
def ingest(body: Union[Batch, Annotated[List[TradeIn], Field(min_length=1)]] = Body(...)):
    batch = body if isinstance(body, Batch) else Batch(trades=body)
    trades = sorted(batch.trades, key=lambda t: t.timestamp)
    symbol = trades[0].symbol.strip().upper()
    digest = hashlib.sha256(symbol.encode())
    for trade in trades:
        digest.update(f"{trade.timestamp.timestamp()}|{trade.price!r}|{trade.volume!r}\n".encode())
    key = digest.hexdigest()
    if key in seen:
        return dict(seen[key], duplicate=True)
    text = io.StringIO()
    writer = csv.writer(text)
    for trade in trades:
        writer.writerow([trade.timestamp.isoformat(), symbol, trade.price, trade.volume])
    path = os.path.join(STORE, f"{symbol}.csv")
    with open(path, "a") as out:
        out.write(text.getvalue())
        out.flush()
        os.fsync(out.fileno())
    seen[key] = {"symbol": symbol, "accepted": len(trades), "start": trades[0].timestamp.isoformat(),
                 "end": trades[-1].timestamp.isoformat(), "duplicate": False, "idempotency_key": "sha256:" + key}
    return seen[key]
