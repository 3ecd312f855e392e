import Foundation
import LakeCatalog
import LakeServer
import LakeTestSupport
import Testing

/// `candlelake keys create|list|revoke` as a user runs them (the built executable), and
/// `candlelake serve` with `AUTH_MODE=writes` honouring the key while its access log names the
/// key id and never the secret.
struct KeysCommandTests {
    /// A data directory of its own for each test (the catalog lives in it).
    struct Workspace {
        let directory: URL
        var environment: [String: String] { ["DATA_DIR": directory.path, "LOG_LEVEL": "info", "SYNC_INTERVAL": "0"] }

        init() throws { directory = try TestEnvironment.temporaryDirectory("keys-cli") }

        func keys(_ arguments: String...) throws -> ProcessResult {
            try ServeProcess.command(["keys"] + arguments, environment: environment)
        }

        /// `keys create`'s key id and secret.
        func create(_ arguments: String...) throws -> (keyID: String, secret: String) {
            let result = try ServeProcess.command(["keys", "create"] + arguments, environment: environment)
            #expect(result.status == 0, "\(result.standardError)")
            var fields: [String: String] = [:]
            for line in result.output.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2 { fields[parts[0]] = parts[1] }
            }
            return (try #require(fields["key_id"]), try #require(fields["secret"]))
        }

        func catalog() throws -> Catalog { try Catalog(path: directory.appendingPathComponent("catalog.sqlite").path) }
    }

    @Test func createListRevoke() throws {
        let workspace = try Workspace()
        let (keyID, secret) = try workspace.create("--name", "loader", "--scopes", "ingest,read", "--expires-days", "30")
        #expect(keyID.hasPrefix("key_") && secret.hasPrefix("cl_") && secret.count == 46)
        // Only the hash is stored, with the scopes and a 30-day expiry.
        let stored = try #require(try workspace.catalog().apiKeys().first)
        #expect(stored.keyID == keyID && stored.keyHash == APIKeySecret.hash(secret) && stored.scopes == ["read", "ingest"])
        #expect(stored.expiresAt == stored.createdAt + 30 * 86_400_000)
        let (otherID, _) = try workspace.create("--name", "ops", "--scopes", "admin")

        let listing = try workspace.keys("list")
        #expect(listing.status == 0)
        #expect(!listing.output.contains(secret) && !listing.output.contains(stored.keyHash))
        let lines = listing.output.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        let row = try #require(lines.first { $0.first == keyID })
        #expect(row[1] == "active" && row[2] == "read,ingest" && row[4] != "never" && row.last == "loader")
        #expect(lines.contains { $0.first == otherID && $0[4] == "never" })

        let revoked = try workspace.keys("revoke", keyID)
        #expect(revoked.status == 0 && revoked.output.contains(keyID))
        let after = try workspace.keys("list").output.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(after.first { $0.first == keyID }?[1] == "revoked")
        #expect(after.first { $0.first == otherID }?[1] == "active")
        // A second revocation, or an unknown id, is an error.
        #expect(try workspace.keys("revoke", keyID).status == 1)
        #expect(try workspace.keys("revoke", "key_0000000000000000").status == 1)
    }

    @Test(arguments: [["--scopes", "read"], ["--name", "x"], ["--name", "x", "--scopes", "write"],
                      ["--name", "x", "--scopes", "read", "--expires-days", "0"]])
    func badCreateArgumentsAreUsageErrors(_ arguments: [String]) throws {
        let workspace = try Workspace()
        let result = try ServeProcess.command(["keys", "create"] + arguments, environment: workspace.environment)
        #expect(result.status == 2, "\(result.output) \(result.standardError)")
        #expect(try workspace.catalog().apiKeys().isEmpty)
    }

    @Test func theServerHonoursTheKeyAndLogsItsIDNotItsSecret() throws {
        let workspace = try Workspace()
        let (keyID, secret) = try workspace.create("--name", "ops", "--scopes", "admin")
        let server = try ServeProcess(arguments: [], environment: workspace.environment.merging(["AUTH_MODE": "writes"]) { $1 })
        defer { server.stop() }
        let url = server.baseURL + "/api/v1/cache"
        let refused = try ProcessRunner.run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "DELETE", url])
        #expect(refused.output == "401")
        let served = try ProcessRunner.run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "DELETE", "-H", "X-API-Key: \(secret)", url])
        #expect(served.output == "200", "\(server.logText)")
        server.stop()
        let log = server.logText
        #expect(log.contains("\"key_id\":\"\(keyID)\""), "\(log)")
        #expect(!log.contains(secret))
    }
}
