/// Where one column chunk's bytes lie in the file, checked against the file's data area.
struct ChunkLocation: Sendable, Hashable {
    let offset: Int
    let length: Int

    /// The chunk's range, or an error if the metadata points outside `dataEnd` (where the footer starts).
    init(_ metaData: ColumnMetaData, dataEnd: Int, column: String) throws(ParquetError) {
        let start = metaData.chunkStart
        let length = metaData.totalCompressedSize
        guard start >= 4, length >= 0, start <= Int64(dataEnd), length <= Int64(dataEnd) - start else {
            throw ParquetError.metadata("column \(column): chunk at \(start)+\(length) lies outside the data area")
        }
        offset = Int(start)
        self.length = Int(length)
    }
}
