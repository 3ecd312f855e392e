/// Locates and decodes the footer at the end of a Parquet file:
/// `… footer | footer length (4 bytes LE) | "PAR1"`.
enum ParquetFooter {
    static let magic: [UInt8] = Array("PAR1".utf8)

    /// Bytes to fetch from the end first: most footers fit, saving a second round trip.
    static let speculativeTailSize = 64 << 10

    /// The footer's length from the last 8 bytes of a file of `fileSize` bytes.
    static func footerLength(tail: UnsafeRawBufferPointer, fileSize: Int, limits: ParquetReaderLimits) throws(ParquetError) -> Int {
        guard fileSize >= 12, tail.count >= 8 else { throw ParquetError(.notParquet, "file of \(fileSize) bytes is too short") }
        let end = tail.count
        guard Array(tail[(end - 4)...]) == magic else { throw ParquetError(.notParquet, "missing PAR1 magic at the end") }
        let length = Int(UInt32(littleEndian: tail.loadUnaligned(fromByteOffset: end - 8, as: UInt32.self)))
        guard length > 0, length <= fileSize - 12 else {
            throw ParquetError.metadata("footer length \(length) does not fit a \(fileSize)-byte file")
        }
        guard length <= limits.maximumFooterSize else {
            throw ParquetError.metadata("footer of \(length) bytes exceeds the \(limits.maximumFooterSize)-byte limit")
        }
        return length
    }

    /// Decodes the footer from the file's last bytes (`tail` ends at the end of the file).
    /// Returns the footer and its length.
    static func decode(tail: UnsafeRawBufferPointer, fileSize: Int, limits: ParquetReaderLimits) throws(ParquetError) -> (FileMetaData, Int) {
        let length = try footerLength(tail: tail, fileSize: fileSize, limits: limits)
        guard tail.count >= length + 8 else { throw ParquetError.metadata("footer not within the bytes read") }
        let start = tail.count - 8 - length
        return (try FileMetaData(decoding: UnsafeRawBufferPointer(rebasing: tail[start..<(tail.count - 8)])), length)
    }
}
