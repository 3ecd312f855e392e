import Foundation
import LakeCatalog
import LakeHTTP
import LakeServer

/// `candlelake keys create|list|revoke`: manage the API keys `AUTH_MODE` asks for, in the
/// catalog the service uses (same configuration as `serve` and `catalog`: `--config`,
/// `--data-dir`, `--catalog`, environment).
///
/// `create` prints the key id and the secret once; the catalog keeps only the secret's
/// SHA-256, so a lost secret is replaced (create another, revoke the old), never recovered.
///
/// ```
/// candlelake keys create --name loader --scopes ingest --expires-days 90
/// candlelake keys list
/// candlelake keys revoke key_3f9a0c1d2e4b5a69
/// ```
enum KeysCommand: Subcommand {
    static let name = "keys"
    static let summary = "API keys: create --name NAME --scopes read,ingest,admin [--expires-days N] [--tier T] "
        + "(prints the secret once), list, revoke KEY_ID"

    static func run(_ arguments: CommandArguments) async throws -> Int32 {
        var arguments = arguments
        let action = try arguments.positional("ACTION")
        switch action {
        case "create":
            let name = try arguments.option("name")
            let scopes = try arguments.option("scopes")
            let expiresDays = try arguments.option("expires-days", as: Int.self)
            let tier = try arguments.option("tier") ?? "basic"
            let catalog = try openCatalog(&arguments)
            guard let name, !name.isEmpty else { throw UsageError("--name is required") }
            guard let scopes else { throw UsageError("--scopes is required (read, ingest, admin, comma-separated)") }
            if let expiresDays, !(1...36_500).contains(expiresDays) { throw UsageError("--expires-days must be 1…36500") }
            return try create(in: catalog, name: name, scopes: scopes, expiresDays: expiresDays, tier: tier)
        case "list":
            let catalog = try openCatalog(&arguments)
            list(try catalog.apiKeys(), now: now())
            return 0
        case "revoke":
            let keyID = try arguments.positional("KEY_ID")
            let catalog = try openCatalog(&arguments)
            guard try catalog.revokeAPIKey(id: keyID, now: now()) else {
                FileHandle.standardError.write(Data("candlelake: no unrevoked key '\(keyID)' (see 'candlelake keys list')\n".utf8))
                return 1
            }
            print("revoked \(keyID) (running services refuse it within seconds)")
            return 0
        default:
            throw UsageError("unknown action '\(action)' (create, list or revoke)")
        }
    }

    private static func create(in catalog: Catalog, name: String, scopes scopeList: String, expiresDays: Int?, tier: String) throws -> Int32 {
        let scopes: [APIScope]
        do {
            scopes = try APIScope.parseList(scopeList)
        } catch {
            throw UsageError(error.description)
        }
        let secret = APIKeySecret.generate()
        let created = now()
        let record = APIKeyRecord(keyID: APIKeySecret.generateKeyID(), keyHash: APIKeySecret.hash(secret), name: name, tier: tier,
                                  scopes: scopes.map(\.rawValue), createdAt: created,
                                  expiresAt: expiresDays.map { created + Int64($0) * 86_400_000 })
        try catalog.insertAPIKey(record)
        print("key_id: \(record.keyID)")
        print("secret: \(secret)")
        FileHandle.standardError.write(Data("The secret is shown only now; the catalog keeps only its SHA-256.\n".utf8))
        return 0
    }

    /// One line per key: id, state, scopes, dates, name — never a secret or its hash.
    private static func list(_ keys: [APIKeyRecord], now: Int64) {
        print(["KEY_ID", "STATE", "SCOPES", "CREATED", "EXPIRES", "LAST_USED", "NAME"].joined(separator: "\t"))
        for key in keys {
            let state = key.revokedAt != nil ? "revoked" : key.isUsable(at: now) ? "active" : "expired"
            print([key.keyID, state, key.scopes.joined(separator: ","), date(key.createdAt), key.expiresAt.map(date) ?? "never",
                   key.lastUsedAt.map(date) ?? "never", key.name].joined(separator: "\t"))
        }
    }

    private static func openCatalog(_ arguments: inout CommandArguments) throws -> Catalog {
        let configuration = try ConfigurationArguments.resolve(&arguments)
        try arguments.finish()
        return try Lake.open(configuration).catalog
    }

    private static func date(_ milliseconds: Int64) -> String { RFC3339.format(seconds: Int(milliseconds / 1000)) }

    private static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
