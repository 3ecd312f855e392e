extension ParquetFileReader {
    /// Fetches `ranges` from `source` with up to `concurrency` requests in flight (object
    /// stores answer each with latency, not bandwidth, as the limit); returns each chunk's
    /// bytes by plan key.
    static func fetch(_ ranges: [ReadPlan.FetchRange], from source: any ParquetByteSource,
                      concurrency: Int) async throws -> [Int: [UInt8]] {
        try await withThrowingTaskGroup(of: [Int: [UInt8]].self) { group in
            var fetched: [Int: [UInt8]] = [:]
            var next = 0
            func start() {
                let range = ranges[next]
                next += 1
                group.addTask {
                    let bytes = try await source.read(offset: range.offset, length: range.length)
                    guard bytes.count == range.length else {
                        throw ParquetError(.io, "short read of \(bytes.count) of \(range.length) bytes")
                    }
                    var chunks: [Int: [UInt8]] = [:]
                    for (key, location) in range.chunks {
                        let start = location.offset - range.offset
                        chunks[key] = Array(bytes[start..<start + location.length])
                    }
                    return chunks
                }
            }
            while next < min(max(concurrency, 1), ranges.count) { start() }
            while let chunks = try await group.next() {
                fetched.merge(chunks) { first, _ in first }
                if next < ranges.count { start() }
            }
            return fetched
        }
    }
}
