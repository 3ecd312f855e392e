import Foundation
import LakeCatalog
import LakeServer
import LakeTestSupport
import Synchronization
import Testing

/// The verifier over a real catalog with an injected clock: what each key state comes to,
/// revocation seen within the cache's TTL (and not sooner), exact expiry, `last_used_at`
/// written at most once a minute.
struct APIKeyVerifierTests {
    /// A clock the test moves by hand (epoch ms).
    final class ManualClock: Sendable {
        private let time = Mutex<Int64>(1_800_000_000_000)
        var now: Int64 { time.withLock { $0 } }
        func advance(_ milliseconds: Int64) { time.withLock { $0 += milliseconds } }
    }

    struct Fixture {
        let catalog: Catalog
        let clock = ManualClock()
        let verifier: APIKeyVerifier

        init() throws {
            let directory = try TestEnvironment.temporaryDirectory("apikeys")
            catalog = try Catalog(path: directory.appendingPathComponent("catalog.sqlite").path)
            var settings = APIKeyVerifier.Settings()
            settings.cacheTTLMilliseconds = 5_000
            let clock = clock
            verifier = APIKeyVerifier(catalog: catalog, settings: settings) { clock.now }
        }

        /// Stores a key and returns its secret.
        func addKey(_ keyID: String, scopes: [String] = ["read"], expiresIn: Int64? = nil) throws -> String {
            let secret = APIKeySecret.generate()
            try catalog.insertAPIKey(APIKeyRecord(keyID: keyID, keyHash: APIKeySecret.hash(secret), name: keyID, tier: "basic",
                                                  scopes: scopes, createdAt: clock.now, expiresAt: expiresIn.map { clock.now + $0 }))
            return secret
        }
    }

    @Test func secretsAreLongRandomAndStoredOnlyAsTheirHash() throws {
        let first = APIKeySecret.generate(), second = APIKeySecret.generate()
        #expect(first != second && first.hasPrefix("cl_") && first.count == 46)
        #expect(first.dropFirst(3).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        // SHA-256 of "abc" (FIPS 180-2 test vector).
        #expect(APIKeySecret.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(APIKeySecret.generateKeyID().count == 20)
    }

    @Test func keyStates() throws {
        let fixture = try Fixture()
        let secret = try fixture.addKey("key_a", scopes: ["read", "ingest"])
        #expect(try fixture.verifier.verify(secret: secret) == .valid(keyID: "key_a", scopes: [.read, .ingest]))
        #expect(try fixture.verifier.verify(secret: APIKeySecret.generate()) == .unknown)
        #expect(try fixture.verifier.verify(secret: String(repeating: "x", count: APIKeySecret.maximumLength + 1)) == .unknown)
        #expect(try fixture.verifier.verify(secret: "") == .unknown)
    }

    @Test func revocationTakesEffectWithinTheTTL() throws {
        let fixture = try Fixture()
        let secret = try fixture.addKey("key_r")
        #expect(try fixture.verifier.verify(secret: secret) == .valid(keyID: "key_r", scopes: [.read]))
        #expect(try fixture.catalog.revokeAPIKey(id: "key_r", now: fixture.clock.now))
        // Cached: still accepted until the entry is 5 s old, then the revocation is seen.
        fixture.clock.advance(4_999)
        #expect(try fixture.verifier.verify(secret: secret) == .valid(keyID: "key_r", scopes: [.read]))
        fixture.clock.advance(1)
        #expect(try fixture.verifier.verify(secret: secret) == .revoked(keyID: "key_r"))
    }

    @Test func aKeyCreatedAfterAMissIsFoundWithinTheTTL() throws {
        let fixture = try Fixture()
        let secret = APIKeySecret.generate()
        #expect(try fixture.verifier.verify(secret: secret) == .unknown)
        try fixture.catalog.insertAPIKey(APIKeyRecord(keyID: "key_n", keyHash: APIKeySecret.hash(secret), name: "n", tier: "basic",
                                                      scopes: ["admin"], createdAt: fixture.clock.now))
        fixture.clock.advance(5_000)
        #expect(try fixture.verifier.verify(secret: secret) == .valid(keyID: "key_n", scopes: [.admin]))
    }

    @Test func expiryIsExactEvenWhenCached() throws {
        let fixture = try Fixture()
        let secret = try fixture.addKey("key_e", expiresIn: 1_000)
        #expect(try fixture.verifier.verify(secret: secret) == .valid(keyID: "key_e", scopes: [.read]))
        fixture.clock.advance(999)
        #expect(try fixture.verifier.verify(secret: secret) == .valid(keyID: "key_e", scopes: [.read]))
        fixture.clock.advance(1)
        #expect(try fixture.verifier.verify(secret: secret) == .expired(keyID: "key_e"))
    }

    @Test func lastUseIsWrittenAtMostOnceAMinute() throws {
        let fixture = try Fixture()
        let secret = try fixture.addKey("key_u")
        let start = fixture.clock.now
        func lastUsed() throws -> Int64? { try fixture.catalog.apiKeys().first { $0.keyID == "key_u" }?.lastUsedAt }
        _ = try fixture.verifier.verify(secret: secret)
        #expect(try lastUsed() == start)
        fixture.clock.advance(59_999)
        _ = try fixture.verifier.verify(secret: secret)
        #expect(try lastUsed() == start)
        fixture.clock.advance(1)
        _ = try fixture.verifier.verify(secret: secret)
        #expect(try lastUsed() == start + 60_000)
    }

    @Test func theCacheStaysBounded() throws {
        let fixture = try Fixture()
        var settings = APIKeyVerifier.Settings()
        settings.maximumEntries = 2
        let clock = fixture.clock
        let verifier = APIKeyVerifier(catalog: fixture.catalog, settings: settings) { clock.now }
        let secret = try fixture.addKey("key_b")
        #expect(try verifier.verify(secret: secret) == .valid(keyID: "key_b", scopes: [.read]))
        #expect(try fixture.catalog.revokeAPIKey(id: "key_b", now: clock.now))
        // Two more secrets fill the cache, which is then emptied: the revoked key is looked up again at once.
        for _ in 0..<2 { #expect(try verifier.verify(secret: APIKeySecret.generate()) == .unknown) }
        #expect(try verifier.verify(secret: secret) == .revoked(keyID: "key_b"))
    }
}
