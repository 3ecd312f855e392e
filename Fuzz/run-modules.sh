#!/usr/bin/env bash
# Fuzzes the parsers that live in package modules with libFuzzer + AddressSanitizer, each for
# SECONDS (default 60): the Parquet reader, the trade ingest body (`POST /v1/trades/ingest`),
# trade CSV files (`candlelake ingest FILE.csv`), CSV files (whole and streamed) and
# `/ws/stream` commands. The modules a target imports are built as instrumented static
# libraries; a target's internal parser files are compiled into it.
# Fails on any crash, sanitizer report, leak or timeout.
#
# Usage: Fuzz/run-modules.sh [SECONDS] [TARGET…]   (targets: parquet ingest trade-csv csv stream; default all)
set -euo pipefail
cd "$(dirname "$0")/.."
source Fuzz/helpers.sh
seconds="${1:-60}"
shift || true
targets=("${@:-parquet ingest trade-csv csv stream}")
out=.build/fuzz-modules
shared="${CANDLELAKE_SHARED_DIR:-$(cd .. && pwd)/shared}"
# The ingest parser's files and what they import.
ingest=(Fuzz/FuzzSupport.swift Sources/LakeServer/Ingest/TradeBatchParser.swift Sources/LakeServer/Ingest/JSONCursor.swift
        -lLakeHTTP -lLakeStorage -lLakeCore -lcurl -lcrypto -lz)

status=0
for target in ${targets[*]}; do
    case $target in
    parquet)
        fuzz_module LakeCore; fuzz_module LakeFormats
        fuzz_target "$out/fuzz-parquet" Fuzz/parquet/FuzzParquetReader.swift -lLakeFormats -lLakeCore -lz -lzstd
        mkdir -p "$out/corpus-parquet"
        cp -n "$shared"/testdata/parquet/*.parquet "$out/corpus-parquet/" 2>/dev/null || true
        fuzz_run "$out/fuzz-parquet" "$out/corpus-parquet" "$seconds" 65536 -malloc_limit_mb=1024 || status=1
        ;;
    ingest)
        fuzz_module LakeCore; fuzz_module LakeHTTP; fuzz_module LakeStorage
        fuzz_target "$out/fuzz-ingest" Fuzz/ingest/FuzzTradeBatchParser.swift "${ingest[@]}"
        fuzz_seed "$out/corpus-ingest" \
            'object={"trades":[{"timestamp":"2025-01-02T09:15:00Z","symbol":"AAPL","price":187.5,"volume":100}],"source":"x"}' \
            'list=[{"timestamp":1735809300000,"symbol":"BTCUSDT","price":9.5e4,"volume":0.25},{"timestamp":"1735809300001","symbol":" btcusdt ","price":1,"volume":0}]' \
            'times=[{"timestamp":"2025-01-02T09:15:00.123+05:30","symbol":"A","price":2,"volume":3},{"timestamp":"2025-01-02","symbol":"a","price":2,"volume":3}]' \
            'escapes=[{"symbol":"\\u0041\\ud83d\\ude00","times\\u0074amp":"2025-01-02T09:15:00Z","price":-1,"volume":1,"x":[null,true,{}]}]'
        fuzz_run "$out/fuzz-ingest" "$out/corpus-ingest" "$seconds" 16384 || status=1
        ;;
    trade-csv)
        fuzz_module LakeCore; fuzz_module LakeFormats; fuzz_module LakeHTTP; fuzz_module LakeStorage
        fuzz_target "$out/fuzz-trade-csv" Fuzz/ingest/FuzzTradeCSVBody.swift Sources/LakeServer/Ingest/TradeCSVBody.swift \
            -lLakeFormats "${ingest[@]}" -lzstd
        fuzz_seed "$out/corpus-trade-csv" \
            'symbol=\x01timestamp,price,volume\n2025-01-02T09:30:00Z,190.5,1200\n1735810260000,191.1,850\n' \
            'columns=\x00Symbol , Timestamp,volume,price,x\r\nAAPL,"2025-01-02",0,1e2,"a ""b"""\r\naapl,1735810260000,-0,abc,\r\n'
        fuzz_run "$out/fuzz-trade-csv" "$out/corpus-trade-csv" "$seconds" 8192 || status=1
        ;;
    csv)
        fuzz_module LakeCore; fuzz_module LakeFormats
        fuzz_target "$out/fuzz-csv" Fuzz/csv/FuzzCSVReader.swift Fuzz/FuzzSupport.swift -lLakeFormats -lLakeCore -lz -lzstd
        fuzz_seed "$out/corpus-csv" \
            'trades=\x00timestamp,symbol,price,volume\n2025-01-02T09:15:00Z,AAPL,187.5,100\n1735809300000,AAPL,1,\n' \
            'quoted=\x21\xef\xbb\xbf"a ",b\r\n"x,""y""\r\nz",\r\n\r\n"",2' \
            'semicolon=\x05time;close\r1;2.5\r3;"4\r5"' \
            'tabs=\x0atime\tclose\n1\t2\n'
        printf '\x00' > "$out/corpus-csv/gzip"
        printf 'time,close\n1,2\n3,"4\n5"\n' | gzip -c >> "$out/corpus-csv/gzip"
        fuzz_run "$out/fuzz-csv" "$out/corpus-csv" "$seconds" 8192 || status=1
        ;;
    stream)
        fuzz_module LakeCore
        fuzz_target "$out/fuzz-stream" Fuzz/stream/FuzzStreamCommand.swift Fuzz/FuzzSupport.swift Sources/LakeServer/Stream/StreamCommand.swift -lLakeCore
        fuzz_seed "$out/corpus-stream" \
            'subscribe={"action":"subscribe","subscriptions":[{"symbol":"BTCUSDT","timeframes":[1,{"timeframe":5,"initial_candles":100}]}]}' \
            'unsubscribe={"action":"unsubscribe","unsubscriptions":[{"symbol":"ETHUSDT"},{"symbol":"A","timeframes":[60]}]}' \
            'ping={"action":"ping","timestamp":1735691100000}'
        fuzz_run "$out/fuzz-stream" "$out/corpus-stream" "$seconds" 4096 || status=1
        ;;
    *) echo "unknown target $target (parquet ingest trade-csv csv stream)"; exit 2 ;;
    esac
done
exit $status
