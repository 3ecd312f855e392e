/// `s3://BUCKET/KEY` as the `s3` command takes it.
struct S3URI {
    let bucket: String
    let key: String

    /// Parses `s3://bucket[/key]`; a usage error otherwise.
    init(_ text: String, requireKey: Bool) throws {
        guard text.hasPrefix("s3://") else { throw UsageError("'\(text)' is not an s3://BUCKET/KEY address") }
        let rest = text.dropFirst("s3://".count)
        let slash = rest.firstIndex(of: "/")
        bucket = String(rest[..<(slash ?? rest.endIndex)])
        key = slash.map { String(rest[rest.index(after: $0)...]) } ?? ""
        guard !bucket.isEmpty else { throw UsageError("'\(text)' has no bucket") }
        if requireKey && key.isEmpty { throw UsageError("'\(text)' has no key (s3://BUCKET/KEY)") }
    }
}
