#!/usr/bin/env bash
# Builds the libFuzzer targets of LakeHTTP's parsers (an entry file compiled with the parser's
# source files, see Fuzz/helpers.sh) and runs each for SECONDS. Fails on any crash, sanitizer
# report, leak or timeout.
# Usage: Fuzz/run.sh [SECONDS]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
source Fuzz/helpers.sh
seconds="${1:-60}"
out=.build/fuzz
http=Sources/LakeHTTP/HTTP
ws=Sources/LakeHTTP/WebSocket

fuzz_target "$out/FuzzHTTPRequestParser" Fuzz/HTTPRequestParserFuzz.swift \
    $http/HTTPRequestParser.swift $http/HTTPRequestParser+Section.swift $http/HTTPRequestParser+Head.swift \
    $http/HTTPRequestParser+Chunked.swift $http/HTTPParserLimits.swift $http/HTTPRequestHead.swift \
    $http/HTTPHeaders.swift $http/HTTPCharacterClass.swift $http/HTTPMethod.swift $http/HTTPStatus.swift
fuzz_target "$out/FuzzWebSocketFrameParser" Fuzz/WebSocketFrameParserFuzz.swift \
    $ws/WebSocketFrame.swift $ws/WebSocketFrameParser.swift $ws/WebSocketMessageAssembler.swift $ws/WebSocketMessage.swift \
    $ws/UTF8Validator.swift $ws/PerMessageDeflate.swift $ws/WebSocketCloseCode.swift $http/HTTPHeaders.swift $http/HTTPCharacterClass.swift

# Seed corpora: a few valid inputs so the fuzzer starts inside the grammar.
fuzz_seed "$out/corpus-http" \
    'get=\x07GET / HTTP/1.1\r\nHost: a\r\n\r\n' \
    'chunked=\x03POST /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: 1\r\n\r\n' \
    'pipelined=\x05PUT /u HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabcGET / HTTP/1.0\r\n\r\n'
fuzz_seed "$out/corpus-ws" \
    'hello=\x10\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58' \
    'fragments=\x21\x01\x83\x00\x00\x00\x00abc\x80\x82\x00\x00\x00\x00de\x88\x82\x00\x00\x00\x00\x03\xe8' \
    'deflate=\x90\xc1\x87\x00\x00\x00\x00\xf2\x48\xcd\xc9\xc9\x07\x00'

status=0
fuzz_run "$out/FuzzHTTPRequestParser" "$out/corpus-http" "$seconds" 4096 || status=1
fuzz_run "$out/FuzzWebSocketFrameParser" "$out/corpus-ws" "$seconds" 4096 || status=1
exit $status
