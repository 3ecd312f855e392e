/// A stored API key. Only a hash of the secret is kept; the secret is shown once, at creation.
public struct APIKeyRecord: Hashable, Sendable {
    /// Public identifier (safe to log).
    public var keyID: String
    /// Hex digest of the secret (e.g. SHA-256), the lookup key on each request.
    public var keyHash: String
    /// Human label.
    public var name: String
    /// Rate-limit tier ("basic", "advanced", …).
    public var tier: String
    /// Granted scopes ("read", "ingest", "admin").
    public var scopes: [String]
    /// Creation time (epoch ms).
    public var createdAt: Int64
    /// Expiry (epoch ms), if any.
    public var expiresAt: Int64?
    /// Revocation time (epoch ms), if revoked.
    public var revokedAt: Int64?
    /// Last successful use (epoch ms).
    public var lastUsedAt: Int64?

    /// A key record.
    public init(keyID: String, keyHash: String, name: String, tier: String, scopes: [String], createdAt: Int64,
                expiresAt: Int64? = nil, revokedAt: Int64? = nil, lastUsedAt: Int64? = nil) {
        (self.keyID, self.keyHash, self.name, self.tier, self.scopes) = (keyID, keyHash, name, tier, scopes)
        (self.createdAt, self.expiresAt, self.revokedAt, self.lastUsedAt) = (createdAt, expiresAt, revokedAt, lastUsedAt)
    }

    /// Whether the key may be used at `now` (epoch ms): not revoked and not expired.
    public func isUsable(at now: Int64) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }

    static let columns = "key_id, key_hash, name, tier, scopes, created_at, expires_at, revoked_at, last_used_at"

    init(row: SQLiteStatement) {
        self.init(keyID: row.string(at: 0), keyHash: row.string(at: 1), name: row.string(at: 2), tier: row.string(at: 3),
                  scopes: row.string(at: 4).split(separator: " ").map(String.init), createdAt: row.int64(at: 5),
                  expiresAt: row.optionalInt64(at: 6), revokedAt: row.optionalInt64(at: 7), lastUsedAt: row.optionalInt64(at: 8))
    }
}

extension Catalog {
    /// Stores a new key. - Throws: ``SQLiteError`` (a constraint violation) when the id or hash exists.
    public func insertAPIKey(_ key: APIKeyRecord) throws {
        precondition(key.scopes.allSatisfy { !$0.contains(" ") && !$0.isEmpty }, "scopes are single words")
        try withWriter { database in
            let insert = try database.cachedStatement("INSERT INTO api_keys (\(APIKeyRecord.columns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
            try insert.bind(key.keyID, key.keyHash, key.name, key.tier, key.scopes.joined(separator: " "), key.createdAt,
                            key.expiresAt, key.revokedAt, key.lastUsedAt)
            try insert.run()
        }
    }

    /// The key whose secret hashes to `keyHash` (usable or not; check ``APIKeyRecord/isUsable(at:)``).
    public func apiKey(hash keyHash: String) throws -> APIKeyRecord? {
        try withReader { database in
            let select = try database.cachedStatement("SELECT \(APIKeyRecord.columns) FROM api_keys WHERE key_hash = ?1")
            try select.bind(keyHash)
            return try Self.collect(select, APIKeyRecord.init(row:)).first
        }
    }

    /// Every key, by id.
    public func apiKeys() throws -> [APIKeyRecord] {
        try withReader { database in
            try Self.collect(try database.cachedStatement("SELECT \(APIKeyRecord.columns) FROM api_keys ORDER BY key_id"),
                             APIKeyRecord.init(row:))
        }
    }

    /// Marks key `keyID` revoked at `now`; returns whether a usable key was revoked.
    @discardableResult
    public func revokeAPIKey(id keyID: String, now: Int64) throws -> Bool {
        try updateAPIKey("UPDATE api_keys SET revoked_at = ?2 WHERE key_id = ?1 AND revoked_at IS NULL", keyID, now)
    }

    /// Records a successful use of key `keyID` at `now`.
    public func touchAPIKey(id keyID: String, now: Int64) throws {
        _ = try updateAPIKey("UPDATE api_keys SET last_used_at = ?2 WHERE key_id = ?1", keyID, now)
    }

    private func updateAPIKey(_ sql: String, _ keyID: String, _ time: Int64) throws -> Bool {
        try withWriter { database in
            let update = try database.cachedStatement(sql)
            try update.bind(keyID, time)
            try update.run()
            return database.changes > 0
        }
    }
}
