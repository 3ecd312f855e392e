#!/usr/bin/env bash
# Builds the libFuzzer targets (swiftc -sanitize=fuzzer,address on the parser sources plus
# an entry file) and runs each for SECONDS. Fails on any crash, sanitizer report or leak.
# Usage: Fuzz/run.sh [SECONDS]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out=.build/fuzz
mkdir -p "$out"
http=Sources/LakeHTTP/HTTP
ws=Sources/LakeHTTP/WebSocket

build() {
    local name=$1; shift
    # The linker's "cannot export local symbol __asan_*" warnings are noise: keep them in a log.
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -I Sources/CZlib -module-name "$name" -o "$out/$name" "$@" \
        2> "$out/$name.build.log" || { grep -v "ld.gold: warning" "$out/$name.build.log"; exit 1; }
}

build FuzzHTTPRequestParser Fuzz/HTTPRequestParserFuzz.swift \
    $http/HTTPRequestParser.swift $http/HTTPRequestParser+Section.swift $http/HTTPRequestParser+Head.swift \
    $http/HTTPRequestParser+Chunked.swift $http/HTTPParserLimits.swift $http/HTTPRequestHead.swift \
    $http/HTTPHeaders.swift $http/HTTPCharacterClass.swift $http/HTTPMethod.swift $http/HTTPStatus.swift
build FuzzWebSocketFrameParser Fuzz/WebSocketFrameParserFuzz.swift \
    $ws/WebSocketFrame.swift $ws/WebSocketFrameParser.swift $ws/WebSocketMessageAssembler.swift $ws/WebSocketMessage.swift \
    $ws/UTF8Validator.swift $ws/PerMessageDeflate.swift $ws/WebSocketCloseCode.swift $http/HTTPHeaders.swift $http/HTTPCharacterClass.swift

# Seed corpora: a few valid inputs so the fuzzer starts inside the grammar.
mkdir -p "$out/corpus-http" "$out/corpus-ws"
printf '\x07GET / HTTP/1.1\r\nHost: a\r\n\r\n' > "$out/corpus-http/get"
printf '\x03POST /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: 1\r\n\r\n' > "$out/corpus-http/chunked"
printf '\x05PUT /u HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabcGET / HTTP/1.0\r\n\r\n' > "$out/corpus-http/pipelined"
printf '\x10\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58' > "$out/corpus-ws/hello"
printf '\x21\x01\x83\x00\x00\x00\x00abc\x80\x82\x00\x00\x00\x00de\x88\x82\x00\x00\x00\x00\x03\xe8' > "$out/corpus-ws/fragments"
printf '\x90\xc1\x87\x00\x00\x00\x00\xf2\x48\xcd\xc9\xc9\x07\x00' > "$out/corpus-ws/deflate"

status=0
for target in FuzzHTTPRequestParser FuzzWebSocketFrameParser; do
    corpus="$out/corpus-http"
    [ "$target" = FuzzWebSocketFrameParser ] && corpus="$out/corpus-ws"
    echo "== $target for ${seconds}s"
    if ! "$out/$target" -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 -artifact_prefix="$out/$target-" \
        "$corpus" > "$out/$target.log" 2>&1; then
        status=1
        echo "$target FAILED (see $out/$target.log)"
        grep -E "ERROR|panic|Fatal|precondition" "$out/$target.log" | head -5 || true
    fi
    grep -E "stat::number_of_executed_runs|stat::peak_rss_mb|cov:" "$out/$target.log" | tail -3
done
exit $status
