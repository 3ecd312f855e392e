/// What ``Catalog/claimIngest(key:requestHash:now:)`` found for an idempotency key.
public enum IngestClaim: Hashable, Sendable {
    /// First time this key is seen: it is now reserved for the caller, who processes the
    /// request and then calls ``Catalog/completeIngest(key:status:response:)`` (or
    /// ``Catalog/releaseIngest(key:)`` if processing failed, so that a retry can run).
    case claimed
    /// The same key and request completed before: send this stored response again.
    case replay(status: Int, response: [UInt8])
    /// The same key and request are being processed right now by another call (HTTP 409).
    case inProgress
    /// The same key arrived earlier with a different request body (HTTP 422).
    case conflict
}

extension Catalog {
    /// Reserves an idempotency key for a request, atomically with the check for an earlier
    /// use of it, so that two concurrent retries can never both be processed.
    ///
    /// - Parameters:
    ///   - key: the client's idempotency key.
    ///   - requestHash: a digest of the request body, to tell a retry from a different request.
    ///   - now: epoch ms, for expiry by ``purgeIngestRecords(createdBefore:)``.
    public func claimIngest(key: String, requestHash: String, now: Int64) throws -> IngestClaim {
        try inTransaction { database in
            let select = try database.cachedStatement(
                "SELECT request_hash, status, response FROM ingest_requests WHERE idempotency_key = ?1")
            try select.bind(key)
            defer { select.reset() }
            if try select.step() {
                guard select.string(at: 0) == requestHash else { return .conflict }
                let status = Int(select.int64(at: 1))
                return status == Self.ingestInProgress ? .inProgress : .replay(status: status, response: select.blob(at: 2))
            }
            let insert = try database.cachedStatement("""
                INSERT INTO ingest_requests (idempotency_key, request_hash, status, response, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
                """)
            try insert.bind(key, requestHash, Self.ingestInProgress, [UInt8](), now)
            try insert.run()
            return .claimed
        }
    }

    /// Stores the response to a claimed request; later claims with the same key replay it.
    public func completeIngest(key: String, status: Int, response: [UInt8]) throws {
        precondition(status != Self.ingestInProgress, "status 0 marks a request in progress")
        try withWriter { database in
            let update = try database.cachedStatement("UPDATE ingest_requests SET status = ?2, response = ?3 WHERE idempotency_key = ?1")
            try update.bind(key, status, response)
            try update.run()
        }
    }

    /// Gives up a claim whose processing failed, so that the client's retry is processed anew.
    public func releaseIngest(key: String) throws {
        try withWriter { database in
            let delete = try database.cachedStatement("DELETE FROM ingest_requests WHERE idempotency_key = ?1 AND status = ?2")
            try delete.bind(key, Self.ingestInProgress)
            try delete.run()
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

    /// The stored status of a claimed request not yet completed.
    private static let ingestInProgress = 0
}
