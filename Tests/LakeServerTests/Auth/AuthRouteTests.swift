import Foundation
import LakeCatalog
import LakeServer
import LakeTestSupport
import Testing

/// `AUTH_MODE` on the real server over real sockets: 401 (with `WWW-Authenticate`, the reason,
/// our error shape or seed 002's envelope), 403 naming the scope, and service with the key
/// sent as `X-API-Key` or `Authorization: Bearer` — and on the `/ws/stream` handshake, also as
/// `?api_key=`, which no other route accepts.
@Suite(.serialized) struct AuthRouteTests {
    /// Stores a key in the service's catalog and returns its secret.
    static func addKey(_ harness: ServiceHarness, _ scopes: [String], expiresAt: Int64? = nil, revoked: Bool = false) throws -> String {
        let secret = APIKeySecret.generate()
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try harness.service.lake.catalog.insertAPIKey(APIKeyRecord(
            keyID: APIKeySecret.generateKeyID(), keyHash: APIKeySecret.hash(secret), name: "test", tier: "basic", scopes: scopes,
            createdAt: now - 10_000, expiresAt: expiresAt, revokedAt: revoked ? now : nil))
        return secret
    }

    static func key(_ secret: String) -> [String] { ["-H", "X-API-Key: \(secret)"] }
    static func bearer(_ secret: String) -> [String] { ["-H", "Authorization: Bearer \(secret)"] }

    @Test func offServesEverythingWithoutAKey() async throws {
        try await ServiceHarness.with(.local) { harness in
            let deleted = try await harness.curl("/api/v1/cache", ["-X", "DELETE"])
            let status = try await harness.curl("/status")
            #expect(deleted.status == 200 && status.status == 200)
            #expect(try status.json()["auth_mode"] as? String == "off")
        }
    }

    @Test func writesGuardsWritesAndOperationsOnly() async throws {
        try await ServiceHarness.with(.local, extra: ["AUTH_MODE": "writes"]) { harness in
            let ingest = try Self.addKey(harness, ["ingest"]), admin = try Self.addKey(harness, ["admin"])
            // Reads stay open, and /status says which mode guards the rest.
            let status = try await harness.curl("/status")
            #expect(try status.status == 200 && status.json()["auth_mode"] as? String == "writes")
            #expect(try await harness.curl("/api/v1/tickers/").status == 200)
            // Cache deletion: 401 in our error shape, 403 for an ingest key, served for admin.
            let missing = try await harness.curl("/api/v1/cache", ["-X", "DELETE"])
            #expect(missing.status == 401 && missing.headers["www-authenticate"] == "Bearer")
            let body = try missing.json()
            #expect(body["error"] as? String == "UNAUTHORIZED" && (body["message"] as? String)?.hasPrefix("API key required") == true)
            #expect(body["path"] as? String == "/api/v1/cache" && body["request_id"] is String && body["timestamp"] is String)
            let forbidden = try await harness.curl("/api/v1/cache", ["-X", "DELETE"] + Self.key(ingest))
            #expect(forbidden.status == 403 && forbidden.headers["www-authenticate"] == nil)
            #expect(try forbidden.json()["error"] as? String == "FORBIDDEN" && forbidden.text.contains("'admin'"))
            #expect(!forbidden.text.contains(ingest))
            #expect(try await harness.curl("/api/v1/cache", ["-X", "DELETE"] + Self.bearer(admin)).status == 200)
            // Ingest: refused without a key; with one the request reaches the handler (which refuses the empty batch).
            #expect(try await harness.curl("/v1/trades/ingest", ["-X", "POST"]).status == 401)
            let reached = try await harness.curl("/v1/trades/ingest", ["-X", "POST", "-H", "Content-Type: application/json",
                                                                          "--data-binary", "{}"] + Self.key(ingest))
            #expect(![401, 403].contains(reached.status), "\(reached.text)")
            #expect(try await harness.curl("/upload", ["-X", "POST"]).status == 401)
            #expect(try await harness.curl("/presign/download", ["-X", "POST"]).status == 401)
        }
    }

    /// Seed 002's admin route answers 401/403 in its `{success, data, message, timestamp, error}` envelope.
    @Test func seed002RoutesRefuseInTheirEnvelope() async throws {
        try await ServiceHarness.with(.local, extra: ["AUTH_MODE": "writes"]) { harness in
            let read = try Self.addKey(harness, ["read"]), admin = try Self.addKey(harness, ["admin"])
            let refused = try await harness.curl("/api/v1/admin/system/sync", ["-X", "POST"] + Self.key(APIKeySecret.generate()))
            #expect(refused.status == 401 && refused.headers["www-authenticate"] == "Bearer")
            let body = try refused.json()
            #expect(body["success"] as? Bool == false && body["error"] as? String == "UNAUTHORIZED")
            #expect(body["message"] as? String == "Invalid API key" && body["timestamp"] is Int && body.keys.contains("data"))
            let forbidden = try await harness.curl("/api/v1/admin/system/sync", ["-X", "POST"] + Self.key(read))
            #expect(forbidden.status == 403)
            #expect(try forbidden.json()["error"] as? String == "FORBIDDEN")
            let served = try await harness.curl("/api/v1/admin/system/sync", ["-X", "POST"] + Self.key(admin))
            #expect((200..<300).contains(served.status), "\(served.text)")
        }
    }

    @Test func allGuardsReadsButNotHealth() async throws {
        try await ServiceHarness.with(.local, extra: ["AUTH_MODE": "all"]) { harness in
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let read = try Self.addKey(harness, ["read"]), ingest = try Self.addKey(harness, ["ingest"])
            let revoked = try Self.addKey(harness, ["read"], revoked: true)
            let expired = try Self.addKey(harness, ["read"], expiresAt: now - 1)
            #expect(try await harness.curl("/health").status == 200)
            let refusals: [([String], String)] = [([], "API key required"), (Self.key("cl_not-a-key"), "Invalid API key"),
                                                  (Self.key(revoked), "API key revoked"), (Self.bearer(expired), "API key expired")]
            for (arguments, message) in refusals {
                let reply = try await harness.curl("/status", arguments)
                #expect(reply.status == 401, "\(reply.text)")
                let said = try reply.json()["message"] as? String ?? ""
                #expect(said.hasPrefix(message), "\(said)")
                #expect(!reply.text.contains("cl_"), "the secret is never echoed")
            }
            #expect(try await harness.curl("/status", Self.key(ingest)).status == 403)
            let status = try await harness.curl("/status", Self.key(read))
            #expect(try status.status == 200 && status.json()["auth_mode"] as? String == "all")
            #expect(try await harness.curl("/symbols", Self.bearer(read)).status == 200)
            // The query-string key is for the WebSocket handshake only.
            #expect(try await harness.curl("/status?api_key=\(read)").status == 401)
        }
    }

    @Test func theStreamHandshakeTakesTheKeyAsHeaderOrQuery() async throws {
        try await ServiceHarness.with(.local, extra: ["AUTH_MODE": "all"]) { harness in
            let read = try Self.addKey(harness, ["read"]), ingest = try Self.addKey(harness, ["ingest"])
            let result = try await ServiceHarness.python(Self.streamClient, [harness.baseURL, read, ingest])
            #expect(result.status == 0, "\(result.output)\n\(result.standardError)")
        }
    }

    static let streamClient = RateLimitRouteTests.clientPrelude + #"""
        read_key, ingest_key = sys.argv[2], sys.argv[3]

        async def refused(status, code, **options):
            try:
                async with websockets.connect(url, **options):
                    check(False, f'handshake accepted with {options}')
            except websockets.exceptions.InvalidStatus as error:
                check(error.response.status_code == status and code in error.response.body,
                      f'{status}: {error.response.status_code} {error.response.body!r}')

        async def served(target, **options):
            async with websockets.connect(target, **options) as ws:
                await ws.send('{"action": "ping"}')
                check('pong' in await asyncio.wait_for(ws.recv(), 10), f'served with {options or target}')

        async def main():
            await refused(401, b'UNAUTHORIZED')
            await refused(403, b'FORBIDDEN', additional_headers={'X-API-Key': ingest_key})
            await served(url, additional_headers={'X-API-Key': read_key})
            await served(url, additional_headers={'Authorization': 'Bearer ' + read_key})
            await served(url + '?api_key=' + read_key)

        asyncio.run(main())
        """#
}
