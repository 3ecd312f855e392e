"""Times POST /v1/trades/ingest on several servers with the same batches, for bench/ingest.sh.

Each run sends a new batch (times shifted, so never a duplicate) on one keep-alive connection;
the time is from sending the request to the last byte of the answer, bodies prepared beforehand.
Prints one JSON line per (server, batch size): median and best seconds, trades per second."""

import json
import random
import statistics
import sys
import time

import requests


def body(count, day):
    """`count` trades of BTCUSDT spread over one UTC day, `day` days after 2025-01-02."""
    rng = random.Random(day)
    start = 1_735_776_000_000 + day * 86_400_000
    price = 100.0
    trades = []
    for index in range(count):
        price = max(1.0, round(price + rng.uniform(-0.05, 0.05), 2))
        seconds, ms = divmod(start + index * (86_000_000 // count), 1000)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{ms:03d}Z"
        trades.append({"timestamp": stamp, "symbol": "BTCUSDT", "price": price, "volume": rng.randint(1, 5000)})
    return json.dumps({"trades": trades}).encode()


def main():
    servers = json.loads(sys.argv[1])  # {"name": "http://host:port", …}
    sizes = [(int(size), int(runs)) for size, runs in (item.split("x") for item in sys.argv[2].split(","))]
    first_day = 0
    for count, runs in sizes:
        bodies = [body(count, first_day + run) for run in range(runs + 1)]
        first_day += runs + 1
        for name, base in servers.items():
            session = requests.Session()
            times = []
            for run, payload in enumerate(bodies):
                began = time.perf_counter()
                response = session.post(base + "/v1/trades/ingest", data=payload, headers={"Content-Type": "application/json"})
                elapsed = time.perf_counter() - began
                if response.status_code != 200 or response.json().get("accepted") != count:
                    raise SystemExit(f"{name}: {response.status_code} {response.text[:300]}")
                if run > 0:  # the first request warms the server up
                    times.append(elapsed)
            median = statistics.median(times)
            print(json.dumps({"server": name, "trades": count, "runs": runs, "median_s": round(median, 5),
                              "best_s": round(min(times), 5), "trades_per_s": round(count / median)}), flush=True)


if __name__ == "__main__":
    main()
