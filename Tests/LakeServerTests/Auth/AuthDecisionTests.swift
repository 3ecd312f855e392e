import LakeHTTP
import LakeServer
import Testing

/// The pure decision of `AUTH_MODE` × route class × key state → status, row by row, and the
/// refusals it produces (401 with its challenge and reason, 403 naming the scope).
struct AuthDecisionTests {
    struct Row: Sendable, CustomStringConvertible {
        let mode: AuthMode
        let access: RouteAccess
        let key: APIKeyState
        let status: Int
        var description: String { "\(mode) \(access) \(key) → \(status)" }
    }

    static let readKey = APIKeyState.valid(keyID: "key_r", scopes: [.read])
    static let ingestKey = APIKeyState.valid(keyID: "key_i", scopes: [.ingest])
    static let readIngestKey = APIKeyState.valid(keyID: "key_ri", scopes: [.read, .ingest])
    static let adminKey = APIKeyState.valid(keyID: "key_a", scopes: [.admin])

    static let rows: [Row] = [
        // off: nothing is asked, whatever the key.
        Row(mode: .off, access: .admin, key: .missing, status: 200),
        Row(mode: .off, access: .ingest, key: .revoked(keyID: "key_x"), status: 200),
        Row(mode: .off, access: .read, key: .unknown, status: 200),
        // writes: reads open, writes and operations need their scope.
        Row(mode: .writes, access: .read, key: .missing, status: 200),
        Row(mode: .writes, access: .health, key: .missing, status: 200),
        Row(mode: .writes, access: .presigned, key: .missing, status: 200),
        Row(mode: .writes, access: .ingest, key: .missing, status: 401),
        Row(mode: .writes, access: .ingest, key: .unknown, status: 401),
        Row(mode: .writes, access: .ingest, key: .revoked(keyID: "key_x"), status: 401),
        Row(mode: .writes, access: .ingest, key: .expired(keyID: "key_x"), status: 401),
        Row(mode: .writes, access: .ingest, key: readKey, status: 403),
        Row(mode: .writes, access: .ingest, key: ingestKey, status: 200),
        Row(mode: .writes, access: .ingest, key: adminKey, status: 200),
        Row(mode: .writes, access: .admin, key: .missing, status: 401),
        Row(mode: .writes, access: .admin, key: readIngestKey, status: 403),
        Row(mode: .writes, access: .admin, key: adminKey, status: 200),
        // all: reads need `read` too; health and presigned targets stay open.
        Row(mode: .all, access: .health, key: .missing, status: 200),
        Row(mode: .all, access: .presigned, key: .missing, status: 200),
        Row(mode: .all, access: .read, key: .missing, status: 401),
        Row(mode: .all, access: .read, key: .expired(keyID: "key_x"), status: 401),
        Row(mode: .all, access: .read, key: ingestKey, status: 403),
        Row(mode: .all, access: .read, key: readKey, status: 200),
        Row(mode: .all, access: .read, key: adminKey, status: 200),
        Row(mode: .all, access: .ingest, key: readKey, status: 403),
        Row(mode: .all, access: .ingest, key: readIngestKey, status: 200),
        Row(mode: .all, access: .admin, key: ingestKey, status: 403),
        Row(mode: .all, access: .admin, key: adminKey, status: 200),
    ]

    @Test(arguments: rows) func decision(_ row: Row) {
        let decision = AuthDecision.decide(mode: row.mode, access: row.access, key: row.key)
        #expect(Int(decision.status.code) == row.status)
        #expect((decision.error == nil) == (row.status == 200))
    }

    /// Each 401 says which of the four reasons applies and carries `WWW-Authenticate: Bearer`.
    @Test(arguments: [(APIKeyState.missing, "API key required"), (.unknown, "Invalid API key"),
                      (.revoked(keyID: "key_x"), "API key revoked"), (.expired(keyID: "key_x"), "API key expired")])
    func unauthorizedNamesTheReason(_ key: APIKeyState, _ message: String) throws {
        let error = try #require(AuthDecision.decide(mode: .writes, access: .admin, key: key).error)
        #expect(error.status == .unauthorized && error.code == "UNAUTHORIZED" && error.message.hasPrefix(message))
        #expect(error.headers["WWW-Authenticate"] == "Bearer")
    }

    @Test func forbiddenNamesTheScope() throws {
        let decision = AuthDecision.decide(mode: .writes, access: .admin, key: Self.ingestKey)
        #expect(decision == .forbidden(keyID: "key_i", needed: .admin))
        let error = try #require(decision.error)
        #expect(error.status == .forbidden && error.code == "FORBIDDEN" && error.message.contains("'admin'"))
        #expect(error.detailValues["required_scope"] == .string("admin"))
    }

    @Test func anAllowedKeyIsNamedForTheLog() {
        #expect(AuthDecision.decide(mode: .all, access: .read, key: Self.readKey) == .allow(keyID: "key_r"))
        #expect(AuthDecision.decide(mode: .writes, access: .read, key: Self.readKey) == .allow(keyID: nil))
    }

    @Test(arguments: [("read,ingest", [APIScope.read, .ingest]), (" admin , read ,admin", [.read, .admin]), ("INGEST", [.ingest])])
    func scopeListsParse(_ text: String, _ scopes: [APIScope]) throws {
        #expect(try APIScope.parseList(text) == scopes)
    }

    @Test(arguments: ["", ",", "read,write", "everything"]) func badScopeListsAreRefused(_ text: String) {
        #expect(throws: APIKeyError.self) { try APIScope.parseList(text) }
    }
}
