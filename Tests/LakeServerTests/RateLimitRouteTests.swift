import Foundation
import LakeTestSupport
import Testing

/// Seed 002's access control on the real server over real sockets: the per-IP rate limit
/// (429 with its headers and body, in seed 002's envelope on its routes; `/health` never
/// limited), seed 000's `GET /api/v1/rate-limit`, `/status`'s `rate_limit_status`, the IP
/// allowlist (403 on HTTP and on the `/ws/stream` handshake), `X-Forwarded-For` from trusted
/// proxies, and the WebSocket connections-per-IP limit. A second client is 127.0.0.2 (all of
/// 127/8 is loopback). The rate is one request a minute, so no bucket refills during a test.
@Suite(.serialized) struct RateLimitRouteTests {
    static let slow = ["RATE_LIMIT_PER_MINUTE": "1", "RATE_LIMIT_BURST": "3"]
    static let secondClient = ["--interface", "127.0.0.2"]

    @Test func aBurstPastTheLimitIsRefusedWithHeadersAndBody() async throws {
        try await ServiceHarness.with(.local, extra: Self.slow) { harness in
            var remaining: [String?] = []
            for expected in [2, 1, 0] {
                let reply = try await harness.curl("/api/v1/rate-limit")
                #expect(reply.status == 200, "\(reply.text)")
                remaining.append(reply.headers["x-ratelimit-remaining"])
                let minute = try #require(try reply.json()["minute"] as? [String: Any])
                #expect(minute["remaining"] as? Int == expected && minute["limit"] as? Int == 1)
                #expect((1...3).contains(minute["used"] as? Int ?? 0), "\(minute)")
            }
            #expect(remaining == ["2", "1", "0"])
            let refused = try await harness.curl("/api/v1/rate-limit")
            #expect(refused.status == 429)
            let retryAfter = try #require(Int(refused.headers["retry-after"] ?? ""))
            #expect((1...60).contains(retryAfter))
            #expect(refused.headers["x-ratelimit-limit"] == "1" && refused.headers["x-ratelimit-remaining"] == "0")
            let reset = try #require(Int(refused.headers["x-ratelimit-reset"] ?? ""))
            #expect(abs(reset - Int(Date().timeIntervalSince1970) - 180) <= 5, "bucket full again after three minutes")
            let body = try refused.json()
            #expect(body["error"] as? String == "RATE_LIMIT_EXCEEDED" && body["message"] as? String == "Too many requests")
            let details = try #require(body["details"] as? [String: Any])
            #expect(details["limit"] as? Int == 1 && details["remaining"] as? Int == 0 && details["reset_at"] is String)
            #expect(body["path"] as? String == "/api/v1/rate-limit" && body["request_id"] is String && body["timestamp"] is String)
            // Another client is not affected.
            #expect(try await harness.curl("/api/v1/rate-limit", Self.secondClient).status == 200)
        }
    }

    @Test func healthIsNeverLimited() async throws {
        try await ServiceHarness.with(.local, extra: Self.slow) { harness in
            for _ in 0..<3 { _ = try await harness.curl("/status") }
            #expect(try await harness.curl("/status").status == 429)
            for _ in 0..<6 {
                let health = try await harness.curl("/health")
                #expect(health.status == 200 && health.headers["x-ratelimit-limit"] == nil)
            }
        }
    }

    /// Seed 002's routes answer a 429 in their `{success, data, message, timestamp, error}` envelope.
    @Test func seed002RoutesAnswer429InTheirEnvelope() async throws {
        try await ServiceHarness.with(.local, extra: Self.slow) { harness in
            for _ in 0..<3 { #expect(try await harness.curl("/api/v1/tickers/").status == 200) }
            let refused = try await harness.curl("/api/v1/tickers/")
            #expect(refused.status == 429 && refused.headers["retry-after"] != nil && refused.headers["x-ratelimit-remaining"] == "0")
            let body = try refused.json()
            #expect(body["success"] as? Bool == false && body["error"] as? String == "RATE_LIMIT_EXCEEDED")
            #expect(body["message"] as? String == "Too many requests" && body["timestamp"] is Int && body.keys.contains("data"))
        }
    }

    /// `/status` reports the limits, the clients tracked and the requests refused so far.
    @Test func statusReportsTheRateLimit() async throws {
        try await ServiceHarness.with(.local, extra: Self.slow) { harness in
            for _ in 0..<5 { _ = try await harness.curl("/api/v1/rate-limit") }
            let status = try await harness.curl("/status", Self.secondClient)
            #expect(status.status == 200, "\(status.text)")
            let block = try #require(try status.json()["rate_limit_status"] as? [String: Any])
            #expect(block["enabled"] as? Bool == true && block["requests_per_minute"] as? Int == 1 && block["burst"] as? Int == 3)
            #expect(block["tracked_clients"] as? Int == 2 && block["limited_requests"] as? Int == 2, "\(block)")
        }
    }

    /// With the limit off the route says so, and no answer carries the headers.
    @Test func disabledRateLimitIsReportedAsSuch() async throws {
        try await ServiceHarness.with(.local, extra: ["RATE_LIMIT_PER_MINUTE": "0"]) { harness in
            let reply = try await harness.curl("/api/v1/rate-limit")
            let body = try reply.json()
            #expect(body["enabled"] as? Bool == false && body["tier"] as? String == "unlimited" && body["queue_size"] as? Int == 0)
            #expect(reply.headers["x-ratelimit-limit"] == nil)
            let status = try await harness.curl("/status")
            #expect((try status.json()["rate_limit_status"] as? [String: Any])?["enabled"] as? Bool == false)
        }
    }

    /// Behind a trusted proxy the client is the address `X-Forwarded-For` names; from anyone else
    /// the header is ignored.
    @Test func forwardedForCountsOnlyFromTrustedProxies() async throws {
        try await ServiceHarness.with(.local, extra: ["TRUSTED_PROXIES": "127.0.0.1"]) { harness in
            let header = ["-H", "X-Forwarded-For: 198.51.100.7, 203.0.113.5"]
            let proxied = try await harness.curl("/api/v1/rate-limit", header)
            #expect(try proxied.json()["client_ip"] as? String == "203.0.113.5")
            let direct = try await harness.curl("/api/v1/rate-limit", header + Self.secondClient)
            #expect(try direct.json()["client_ip"] as? String == "127.0.0.2")
        }
    }

    /// Outside `ALLOWED_IPS`: 403 on every route (plain error shape, or seed 002's envelope) and
    /// on the `/ws/stream` handshake; inside it, served.
    @Test func theAllowlistRefusesOtherAddresses() async throws {
        try await ServiceHarness.with(.local, extra: ["ALLOWED_IPS": "127.0.0.2, ::1"]) { harness in
            let refused = try await harness.curl("/status")
            let body = try refused.json()
            #expect(refused.status == 403 && body["error"] as? String == "IP_NOT_ALLOWED")
            #expect((body["message"] as? String)?.contains("127.0.0.1 is not allowed") == true)
            let enveloped = try await harness.curl("/api/v1/tickers/")
            let envelope = try enveloped.json()
            #expect(enveloped.status == 403 && envelope["success"] as? Bool == false && envelope["error"] as? String == "IP_NOT_ALLOWED")
            #expect(try await harness.curl("/status", Self.secondClient).status == 200)
            let result = try await ServiceHarness.python(Self.allowlistClient, [harness.baseURL])
            #expect(result.status == 0, "\(result.output)\n\(result.standardError)")
        }
    }

    /// What both WebSocket clients start with: imports, the stream's URL, `check`.
    static let clientPrelude = #"""
        import asyncio, json, sys
        import websockets

        url = sys.argv[1].replace('http://', 'ws://') + '/ws/stream'

        def check(condition, what):
            print(('ok   ' if condition else 'FAIL ') + what, flush=True)
            if not condition:
                raise SystemExit(1)

        """#

    static let allowlistClient = clientPrelude + #"""
        async def main():
            try:
                async with websockets.connect(url):
                    check(False, 'the handshake from 127.0.0.1 was accepted')
            except websockets.exceptions.InvalidStatus as error:
                check(error.response.status_code == 403 and b'IP_NOT_ALLOWED' in error.response.body,
                      f'handshake refused: {error.response.status_code} {error.response.body!r}')
            async with websockets.connect(url, local_addr=('127.0.0.2', 0)) as ws:
                await ws.send('{"action": "ping"}')
                check('pong' in await asyncio.wait_for(ws.recv(), 10), 'served from 127.0.0.2')

        asyncio.run(main())
        """#

    /// Seed 002: at most `STREAM_MAX_CONNECTIONS_PER_IP` open `/ws/stream` connections per
    /// address; the next is told why and closed with 1008, other addresses are unaffected.
    @Test func webSocketConnectionsPerAddressAreLimited() async throws {
        try await ServiceHarness.with(.local, extra: ["STREAM_MAX_CONNECTIONS_PER_IP": "2"]) { harness in
            let result = try await ServiceHarness.python(Self.connectionLimitClient, [harness.baseURL])
            #expect(result.status == 0, "\(result.output)\n\(result.standardError)")
        }
    }

    /// Behind a trusted proxy the per-address WebSocket limit counts the forwarded-for client, not
    /// the proxy (else every client behind it would share one address's connections).
    @Test func webSocketLimitCountsTheClientBehindATrustedProxy() async throws {
        try await ServiceHarness.with(.local, extra: ["STREAM_MAX_CONNECTIONS_PER_IP": "1", "TRUSTED_PROXIES": "127.0.0.1"]) { harness in
            let result = try await ServiceHarness.python(Self.proxiedClient, [harness.baseURL])
            #expect(result.status == 0, "\(result.output)\n\(result.standardError)")
        }
    }

    static let proxiedClient = clientPrelude + #"""
        def forwarded(address):
            return websockets.connect(url, additional_headers={'X-Forwarded-For': address})

        async def main():
            async with forwarded('203.0.113.1') as first, forwarded('203.0.113.2') as second:
                for ws in (first, second):
                    await ws.send('{"action": "ping"}')
                    check('pong' in await asyncio.wait_for(ws.recv(), 10), 'two clients behind the proxy are served')
                async with forwarded('203.0.113.1') as third:
                    message = json.loads(await asyncio.wait_for(third.recv(), 10))
                    check('at most 1 WebSocket connections' in message.get('message', ''), f'a second from one client is not: {message}')

        asyncio.run(main())
        """#

    static let connectionLimitClient = clientPrelude + #"""
        async def pong(ws):
            await ws.send('{"action": "ping"}')
            return 'pong' in await asyncio.wait_for(ws.recv(), 10)

        async def main():
            first = await websockets.connect(url)
            second = await websockets.connect(url)
            check(await pong(first) and await pong(second), 'two connections from 127.0.0.1 are served')
            third = await websockets.connect(url)
            message = json.loads(await asyncio.wait_for(third.recv(), 10))
            check('at most 2 WebSocket connections' in message.get('message', ''), f'the third is told why: {message}')
            try:
                await asyncio.wait_for(third.recv(), 10)
                check(False, 'the third stayed open')
            except websockets.exceptions.ConnectionClosed as closed:
                check(closed.rcvd is not None and closed.rcvd.code == 1008, f'and closed with 1008: {closed.rcvd}')
            async with websockets.connect(url, local_addr=('127.0.0.2', 0)) as other:
                check(await pong(other), 'another address is served')
            await first.close()
            await asyncio.sleep(0.2)
            async with websockets.connect(url) as again:
                check(await pong(again), 'a closed connection frees a place')
            await second.close()

        asyncio.run(main())
        """#
}
