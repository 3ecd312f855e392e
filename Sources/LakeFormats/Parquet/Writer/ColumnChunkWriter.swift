/// Encodes one column's rows of one row group as a column chunk: an optional dictionary
/// page, then format-v1 data pages (definition levels + values), each compressed and
/// checksummed, plus the chunk's metadata.
struct ColumnChunkWriter {
    let column: Column
    let rows: Range<Int>
    let options: ParquetWriterOptions
    /// Where `file[0]` lies in the whole Parquet file (the metadata records file offsets).
    var fileOffset = 0

    /// Appends the chunk to `file` and returns its metadata.
    func write(to file: inout [UInt8]) throws(ParquetError) -> ColumnChunk {
        let descriptor = column.descriptor
        var encodings: Set<ParquetEncoding> = [.rle]
        var dictionaryOffset: Int64?
        var uncompressedTotal = 0
        let chunkStart = file.count
        var dictionaryIndices: [UInt32]?
        if case .bytes(let values) = column.values, options.dictionaryForStrings,
           let (dictionary, indices) = buildDictionary(values) {
            dictionaryOffset = Int64(fileOffset + file.count)
            var plain: [UInt8] = []
            for index in 0..<dictionary.count { appendPlainBytes(dictionary[index], to: &plain) }
            let header = PageHeader.DictionaryPage(numValues: Int32(dictionary.count), encoding: .plain)
            uncompressedTotal += try appendPage(.dictionaryPage, plain, dictionaryPage: header, to: &file)
            dictionaryIndices = indices
            encodings.insert(.plain)
            encodings.insert(.rleDictionary)
        } else {
            encodings.insert(.plain)
        }
        let dataOffset = Int64(fileOffset + file.count)
        let rowsPerPage = max(1, options.pageSize / max(1, valueWidth))
        var pageStart = rows.lowerBound
        var dictionaryPosition = 0
        while pageStart < rows.upperBound || (rows.isEmpty && pageStart == rows.lowerBound) {
            let pageRows = pageStart..<min(rows.upperBound, pageStart + rowsPerPage)
            var body: [UInt8] = []
            if descriptor.maxDefinitionLevel > 0 {
                let levels = RLEHybridEncoder.encode(pageRows.map { column.isNull($0) ? 0 : 1 }, bitWidth: 1)
                body.append(contentsOf: ColumnStatistics.plain(UInt32(levels.count).littleEndian))
                body.append(contentsOf: levels)
            }
            let validRows = pageRows.filter { !column.isNull($0) }
            let encoding: ParquetEncoding
            if let dictionaryIndices {
                let indices = Array(dictionaryIndices[dictionaryPosition..<dictionaryPosition + validRows.count])
                dictionaryPosition += validRows.count
                let width = RLEHybridEncoder.bitWidth(for: indices.max() ?? 0)
                body.append(UInt8(width))
                body.append(contentsOf: RLEHybridEncoder.encode(indices, bitWidth: width))
                encoding = .rleDictionary
            } else {
                appendPlainValues(validRows, to: &body)
                encoding = .plain
            }
            let header = PageHeader.DataPage(numValues: Int32(pageRows.count), encoding: encoding,
                                             definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
            uncompressedTotal += try appendPage(.dataPage, body, dataPage: header, to: &file)
            pageStart = pageRows.upperBound
            if rows.isEmpty { break }
        }
        let meta = ColumnMetaData(
            type: descriptor.physicalType, encodings: encodings.sorted { $0.rawValue < $1.rawValue }, pathInSchema: [descriptor.name],
            codec: options.codec, numValues: Int64(rows.count), totalUncompressedSize: Int64(uncompressedTotal),
            totalCompressedSize: Int64(file.count - chunkStart), dataPageOffset: dataOffset,
            dictionaryPageOffset: dictionaryOffset, statistics: ColumnStatistics.compute(column, rows: rows))
        return ColumnChunk(fileOffset: Int64(fileOffset + chunkStart), metaData: meta)
    }

    /// Bytes per value in PLAIN form, for sizing pages.
    private var valueWidth: Int {
        switch column.values {
        case .boolean: 1
        case .int32, .float: 4
        case .int64, .double: 8
        case .int96: 12
        case .bytes(let values): values.count == 0 ? 16 : max(1, values.bytes.count / values.count + 4)
        }
    }

    /// Compresses and appends one page with its header; returns the uncompressed size
    /// including the header (what `total_uncompressed_size` counts).
    private func appendPage(_ type: PageType, _ body: [UInt8], dataPage: PageHeader.DataPage? = nil,
                            dictionaryPage: PageHeader.DictionaryPage? = nil, to file: inout [UInt8]) throws(ParquetError) -> Int {
        let compressed = try body.withUnsafeBufferPointer { buffer throws(ParquetError) in
            try PageCodec.compress(options.codec, UnsafeRawBufferPointer(buffer), zstdLevel: options.zstdLevel)
        }
        let header = PageHeader(type: type, uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(compressed.count),
                                crc: options.pageChecksums ? CRC32.checksum(compressed) : nil,
                                dataPage: dataPage, dictionaryPage: dictionaryPage).encoded()
        file.append(contentsOf: header)
        file.append(contentsOf: compressed)
        return header.count + body.count
    }

    /// Distinct values and each valid row's index, or nil when the dictionary grows too big
    /// (or barely repeats, where PLAIN is smaller).
    private func buildDictionary(_ values: ByteArrayColumn) -> (ByteArrayColumn, [UInt32])? {
        var positions: [ArraySlice<UInt8>: UInt32] = [:]
        var dictionary = ByteArrayColumn()
        var indices: [UInt32] = []
        indices.reserveCapacity(rows.count)
        for row in rows where !column.isNull(row) {
            let value = values[row]
            if let index = positions[value] {
                indices.append(index)
                continue
            }
            let index = UInt32(dictionary.count)
            positions[value] = index
            dictionary.append(value)
            guard dictionary.bytes.count <= options.maximumDictionarySize else { return nil }
            indices.append(index)
        }
        guard dictionary.count * 2 <= max(indices.count, 1) else { return nil }
        return (dictionary, indices)
    }

    private func appendPlainBytes(_ value: ArraySlice<UInt8>, to output: inout [UInt8]) {
        if column.descriptor.physicalType == .byteArray {
            output.append(contentsOf: ColumnStatistics.plain(UInt32(value.count).littleEndian))
        }
        output.append(contentsOf: value)
    }

    /// PLAIN values of `rows` (only the non-null ones).
    private func appendPlainValues(_ rows: [Int], to output: inout [UInt8]) {
        switch column.values {
        case .boolean(let values):
            var byte: UInt8 = 0
            for (position, row) in rows.enumerated() {
                if values[row] { byte |= 1 << UInt8(position & 7) }
                if position & 7 == 7 { output.append(byte); byte = 0 }
            }
            if rows.count & 7 != 0 { output.append(byte) }
        case .int32(let values): appendFixed(values, rows, to: &output)
        case .int64(let values): appendFixed(values, rows, to: &output)
        case .float(let values): appendFixed(values, rows, to: &output)
        case .double(let values): appendFixed(values, rows, to: &output)
        case .int96(let values):
            for row in rows {
                output.append(contentsOf: ColumnStatistics.plain(values[row].nanosecondsOfDay.littleEndian))
                output.append(contentsOf: ColumnStatistics.plain(values[row].julianDay.littleEndian))
            }
        case .bytes(let values):
            for row in rows { appendPlainBytes(values[row], to: &output) }
        }
    }

    /// Fixed-width values: one bulk copy when no row is skipped.
    private func appendFixed<T: BitwiseCopyable>(_ values: [T], _ rows: [Int], to output: inout [UInt8]) {
        if let first = rows.first, rows.count == rows.last! - first + 1 {
            values.withUnsafeBytes { raw in
                let stride = MemoryLayout<T>.stride
                output.append(contentsOf: raw[(first * stride)..<((first + rows.count) * stride)])
            }
            return
        }
        for row in rows { withUnsafeBytes(of: values[row]) { output.append(contentsOf: $0) } }
    }
}
