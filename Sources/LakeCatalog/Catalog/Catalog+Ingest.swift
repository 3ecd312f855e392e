/// The outcome of registering an idempotent ingest request.
public enum IngestIdempotency: Hashable, Sendable {
    /// First time this key is seen: the response was recorded; process normally.
    case recorded
    /// The same key and the same request were seen before: replay this stored response.
    case replay(status: Int, response: [UInt8])
    /// The same key arrived with a different request: refuse (seed 003: 409/422).
    case conflict
}

extension Catalog {
    /// Records the response to an ingest request under its idempotency key, atomically with the
    /// check for an earlier one, so that two concurrent retries cannot both be processed as new.
    ///
    /// - Parameters:
    ///   - key: the client's idempotency key.
    ///   - requestHash: a digest of the request body, to tell a retry from a different request.
    ///   - status: the HTTP status to replay.
    ///   - response: the response body to replay.
    ///   - now: epoch ms, for expiry.
    public func recordIngest(key: String, requestHash: String, status: Int, response: [UInt8], now: Int64) throws -> IngestIdempotency {
        try inTransaction { database in
            let select = try database.cachedStatement(
                "SELECT request_hash, status, response FROM ingest_requests WHERE idempotency_key = ?1")
            try select.bind(key)
            defer { select.reset() }
            if try select.step() {
                guard select.string(at: 0) == requestHash else { return .conflict }
                return .replay(status: Int(select.int64(at: 1)), response: select.blob(at: 2))
            }
            let insert = try database.cachedStatement("""
                INSERT INTO ingest_requests (idempotency_key, request_hash, status, response, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
                """)
            try insert.bind(key, requestHash, status, response, now)
            try insert.run()
            return .recorded
        }
    }

    /// Forgets idempotency records created before `cutoff` (epoch ms); returns how many.
    @discardableResult
    public func purgeIngestRecords(createdBefore cutoff: Int64) throws -> Int {
        try inTransaction { database in
            let delete = try database.cachedStatement("DELETE FROM ingest_requests WHERE created_at < ?1")
            try delete.bind(cutoff)
            try delete.run()
            return database.changes
        }
    }
}
