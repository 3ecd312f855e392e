/// The answer to `POST /v1/trades/ingest`, stored with the idempotency record and sent again
/// (with ``duplicate`` set) to a repeat of the same batch.
struct IngestSummary: Codable, Sendable {
    /// One Parquet part written for one UTC day of the batch.
    struct StoredObject: Codable, Sendable {
        let key, s3Path: String
        let rows: Int
        let start, end: String

        enum CodingKeys: String, CodingKey {
            case key, s3Path = "s3_path", rows, start, end
        }
    }

    /// The lake's spelling of the batch's symbol, and the exchange it was stored under.
    let symbol, exchange: String
    /// Trades stored.
    let accepted: Int
    /// First and last trade time (RFC 3339 UTC).
    let start, end: String
    let objects: [StoredObject]
    /// Whether this answer repeats an earlier one (nothing was written this time).
    var duplicate: Bool
    /// The `Idempotency-Key` header, or `sha256:` and the digest of the canonical batch.
    let idempotencyKey: String

    enum CodingKeys: String, CodingKey {
        case symbol, exchange, accepted, start, end, objects, duplicate, idempotencyKey = "idempotency_key"
    }
}
