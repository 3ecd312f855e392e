"""Seed contract check: a client written from the seed documents alone, run against a live
CandleLake. It fills the lake the way seed 001's pipeline does (presigned POST forms,
presigned PUTs, multipart uploads of `candlelake demo` files), then calls every endpoint the
seeds define that the README says is served, with the seeds' example requests (symbols and
dates moved onto the demo lake), and compares each answer with the seed's example shape
(seed_shapes.py). Prints one JSON report; exits 0 even when mismatches are found (the
report says which), non-zero only when the run itself could not happen. It sends far more
than the default rate-limit burst (200 requests) from one address within seconds: run the server
with `RATE_LIMIT_PER_MINUTE=0` or limits well above that (SeedContractTests does), else 429s
show up as mismatches.

    python scripts/seed-contract/seed_contract.py --base-url http://127.0.0.1:8200 \\
        --upload-dir data/lake --upload copies --first-day 2026-11-17 --last-day 2026-11-20
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lake_checks  # noqa: E402
import market_checks  # noqa: E402
import stream_checks  # noqa: E402
import trade_checks  # noqa: E402
from contract_client import ContractClient  # noqa: E402


def wait_until_synced(client, deadline_seconds=30):
    """Waits for the start-up catalog sync, as a client reading /status would."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        status = client.session.get(client.url("/status"), timeout=client.timeout).json()
        if not status.get("sync", {}).get("running") and status.get("sync", {}).get("last"):
            return
        time.sleep(0.2)
    raise SystemExit("the start-up catalog sync did not finish")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--upload-dir", required=True, help="a demo lake directory (timeframe=…/ keys)")
    parser.add_argument("--upload", choices=["all", "copies"], required=True,
                        help="all: the lake starts empty, upload every file; copies: the lake holds them, upload a few copies")
    parser.add_argument("--key-prefix", default="", help="S3_BASE_PREFIX with its trailing slash, for keys given with it")
    parser.add_argument("--first-day", required=True)
    parser.add_argument("--last-day", required=True)
    parser.add_argument("--reference-data", action="store_true", help="the catalog holds the demo's reference data")
    parser.add_argument("--remote", action="store_true", help="the lake is on S3, so queries fill the object cache")
    parser.add_argument("--upload-max-bytes", type=int, required=True, help="the server's UPLOAD_MAX_BYTES")
    options = parser.parse_args()

    started = time.monotonic()
    client = ContractClient(options.base_url)
    wait_until_synced(client)
    lake_symbols = sorted({lake_checks.key_fields(key)["symbol"] for key, _ in lake_checks.demo_files(options.upload_dir)})
    first, last = options.first_day, options.last_day

    uploaded = lake_checks.upload_lake(client, options.upload_dir, options.upload, options.key_prefix)
    lake_checks.check_bad_uploads(client, options.key_prefix, options.upload_max_bytes)
    lake_checks.check_presigned_policy(client, options.upload_dir, options.key_prefix)
    market_checks.check_sync(client)
    market_checks.check_status(client)

    listed = lake_checks.check_symbols(client, lake_symbols)
    nse = next((item["symbol"] for item in listed if item["symbol"].startswith("NSE_")), lake_symbols[0])
    partitions = lake_checks.check_partitions(client, nse, first, last)
    if partitions:
        lake_checks.check_object(client, partitions[0])
    lake_checks.check_http(client)

    market_checks.check_bars(client, first, last)
    market_checks.check_bar_formats(client, first, last)
    paged_bars, bar_pages = market_checks.check_bar_paging(client, first, last)
    market_checks.check_bar_errors(client, first, last)
    market_checks.check_concurrent_clients(client, first, last)
    market_checks.check_multiple(client, first, last)
    market_checks.check_latest(client, first, last)
    market_checks.check_validate(client)
    market_checks.check_search(client, lake_symbols, options.reference_data)
    market_checks.check_stats(client, first, last)
    market_checks.check_prices(client, nse, first, last)
    market_checks.check_tickers(client, lake_symbols)
    stream_checks.check_stream(client, first, last)
    market_checks.check_cache(client, options.remote, first, last)
    lake_checks.check_seed003_csv(client, options.upload_dir)  # adds a symbol: after the checks that list them all
    lake_checks.check_ingest(client)  # adds AAPL trades of 2025-01-02: after the checks of AAPL's series
    trade_checks.check_trades(client)  # reads the AAPL trades check_ingest stored
    trade_checks.check_system_info(client)
    not_served = lake_checks.probe_not_served(client)

    report = client.report(uploaded_files=uploaded, lake_symbols=lake_symbols, paged_bars=paged_bars, bar_pages=bar_pages,
                           seed_endpoints_not_served=[e for e in not_served if not e["served"]],
                           seed_endpoints_now_served=[e for e in not_served if e["served"]],
                           seconds=round(time.monotonic() - started, 2))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
