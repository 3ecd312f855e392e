import Foundation

/// ListObjectsV2.
extension S3Client {
    /// One page (at most `maxKeys`, S3 caps it at 1,000) of keys under `prefix`.
    /// With a `delimiter`, keys containing it after the prefix are grouped into common prefixes.
    public func listObjects(bucket: String, prefix: String = "", delimiter: String? = nil,
                            continuationToken: String? = nil, maxKeys: Int = 1000) async throws -> ObjectListing {
        var query: [(name: String, value: String)] = [("list-type", "2"), ("encoding-type", "url"), ("max-keys", String(maxKeys))]
        if !prefix.isEmpty { query.append(("prefix", prefix)) }
        if let delimiter { query.append(("delimiter", delimiter)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        let operation = Operation(method: "GET", bucket: bucket, query: query)
        let root = try document(try await send(operation), for: operation)
        guard root.name == "ListBucketResult" else {
            throw S3Error(kind: .invalidResponse, message: "expected ListBucketResult, got \(root.name)", resource: bucket)
        }
        // encoding-type=url makes S3 form-encode keys, so control characters survive XML.
        let encoded = root.value("EncodingType") == "url"
        func decode(_ text: String) throws -> String {
            guard encoded else { return text }
            guard let decoded = URIEncoding.decode(text.replacingOccurrences(of: "+", with: " ")) else {
                throw S3Error(kind: .invalidResponse, message: "undecodable key '\(text)' in listing", resource: bucket)
            }
            return decoded
        }
        var objects: [ObjectInfo] = []
        objects.reserveCapacity(root.children.count)
        for entry in root.children(named: "Contents") {
            guard let key = entry.value("Key"), let size = entry.value("Size").flatMap({ Int64($0) }) else {
                throw S3Error(kind: .invalidResponse, message: "listing entry without Key or Size", resource: bucket)
            }
            let modified = entry.value("LastModified").flatMap(TimestampParser.iso8601) ?? Date(timeIntervalSince1970: 0)
            objects.append(ObjectInfo(key: try decode(key), size: size, etag: Self.unquoted(entry.value("ETag") ?? ""), lastModified: modified))
        }
        let prefixes = try root.children(named: "CommonPrefixes").compactMap { try $0.value("Prefix").map(decode) }
        let truncated = root.value("IsTruncated") == "true"
        let next = truncated ? root.value("NextContinuationToken") : nil
        if truncated && next == nil {
            throw S3Error(kind: .invalidResponse, message: "truncated listing without NextContinuationToken", resource: bucket)
        }
        return ObjectListing(objects: objects, commonPrefixes: prefixes, continuationToken: next)
    }

    /// Every page under `prefix`, following continuation tokens until the end.
    public func listObjectPages(bucket: String, prefix: String = "", delimiter: String? = nil) -> ListingPages {
        ListingPages { token in
            try await self.listObjects(bucket: bucket, prefix: prefix, delimiter: delimiter, continuationToken: token)
        }
    }
}
