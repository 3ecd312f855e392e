/// Inflates gzip data of unknown decompressed size held in memory, with a size limit,
/// following concatenated members.
enum GzipStream {
    /// The inflated bytes of `input`; throws past `limit` bytes or on corrupt data.
    static func inflate(_ input: [UInt8], limit: Int) throws(ParquetError) -> [UInt8] {
        let inflater = try GzipInflater()
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while true {
            let (consumed, produced) = try input.withUnsafeBufferPointer { source throws(ParquetError) in
                try chunk.withUnsafeMutableBufferPointer { buffer throws(ParquetError) in
                    try inflater.inflate(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: source[offset...])), into: UnsafeMutableRawBufferPointer(buffer))
                }
            }
            offset += consumed
            output.append(contentsOf: chunk[0..<produced])
            guard output.count <= limit else { throw ParquetError.corrupt("gzip: inflates to more than \(limit) bytes") }
            if offset == input.count, produced < chunk.count {
                guard inflater.isAtMemberEnd else { throw ParquetError.corrupt("gzip: truncated stream") }
                return output
            }
        }
    }
}
