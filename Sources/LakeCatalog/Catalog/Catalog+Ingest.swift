/// What the catalog holds for an idempotency key of the ingest API.
public struct IngestRecord: Hashable, Sendable {
    /// A digest of the request it answered, to tell a retry from a different request.
    public let requestHash: String
    /// The HTTP status it was answered with.
    public let status: Int
    /// The response body it was answered with, sent again to a retry.
    public let response: [UInt8]

    /// A record from its parts.
    public init(requestHash: String, status: Int, response: [UInt8]) {
        (self.requestHash, self.status, self.response) = (requestHash, status, response)
    }
}

extension Catalog {
    /// The record of an ingest request answered under `key`, if any.
    public func ingestRecord(key: String) throws -> IngestRecord? {
        try withReader { database in try Self.ingestRecord(key: key, in: database) }
    }

    /// Indexes the objects an ingest request stored and records its answer under `key`, in one
    /// transaction: after a crash either both are there or neither is, so an acknowledged
    /// request is never processed twice and an unacknowledged one leaves no record.
    ///
    /// Call it only after the store acknowledged every object.
    /// - Returns: nil when committed; the record already under `key` (committed meanwhile by
    ///   another process sharing the catalog) when there was one — then nothing is written.
    public func commitIngest(key: String, record: IngestRecord, objects: some Collection<ObjectRecord> & Sendable,
                             now: Int64) throws -> IngestRecord? {
        try inTransaction { database in
            if let existing = try Self.ingestRecord(key: key, in: database) { return existing }
            try Self.replaceObjects(objects, in: database)
            let insert = try database.cachedStatement("""
                INSERT INTO ingest_requests (idempotency_key, request_hash, status, response, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
                """)
            try insert.bind(key, record.requestHash, record.status, record.response, now)
            try insert.run()
            return nil
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

    private static func ingestRecord(key: String, in database: SQLiteDatabase) throws -> IngestRecord? {
        let select = try database.cachedStatement("SELECT request_hash, status, response FROM ingest_requests WHERE idempotency_key = ?1")
        try select.bind(key)
        defer { select.reset() }
        guard try select.step() else { return nil }
        return IngestRecord(requestHash: select.string(at: 0), status: Int(select.int64(at: 1)), response: select.blob(at: 2))
    }
}
