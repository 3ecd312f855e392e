/// Walks the pages of one column chunk: decodes each header, verifies its CRC, decompresses,
/// splits definition levels from values, and hands values to a `ColumnPageDecoder`.
struct ColumnChunkDecoder {
    let descriptor: ColumnDescriptor
    let codec: CompressionCodec
    let limits: ParquetReaderLimits
    /// Whether page CRCs are checked when present.
    let verifyChecksums: Bool

    /// Decodes all pages of `chunk` (its bytes, dictionary page first) holding `rows` rows;
    /// writes null flags into `validity` (room for `rows`) for optional columns. Without
    /// `validity` an optional column must have no nulls.
    func decode<Decoder: ColumnPageDecoder>(_ chunk: UnsafeRawBufferPointer, rows: Int, into decoder: inout Decoder,
                                            validity: UnsafeMutablePointer<Bool>?) throws(ParquetError) {
        var position = 0
        var row = 0
        var scratch: [UInt8] = []
        var levels: [UInt32] = []
        while row < rows {
            guard position < chunk.count else {
                throw ParquetError.corrupt("column \(descriptor.name): chunk ends after \(row) of \(rows) rows")
            }
            var reader = ThriftCompactReader(chunk, offset: position)
            let header = try ThriftCompactReader.decode("page header of \(descriptor.name)") { try PageHeader(from: &reader) }
            let start = reader.position
            let size = Int(header.compressedPageSize)
            guard size <= chunk.count - start else {
                throw ParquetError.corrupt("column \(descriptor.name): page of \(size) bytes overruns its chunk")
            }
            let page = UnsafeRawBufferPointer(rebasing: chunk[start..<start + size])
            position = start + size
            if verifyChecksums, let crc = header.crc, CRC32.checksum(page) != crc {
                throw ParquetError(.checksumMismatch, "column \(descriptor.name): page at byte \(start) fails its CRC")
            }
            switch header.type {
            case .dictionaryPage:
                guard let info = header.dictionaryPage else { throw ParquetError.metadata("dictionary page without its header") }
                try withDecompressed(page, header: header, scratch: &scratch) { bytes throws(ParquetError) in
                    try decoder.loadDictionary(bytes, count: Int(info.numValues))
                }
            case .dataPage:
                guard let info = header.dataPage else { throw ParquetError.metadata("data page without its header") }
                let count = try checkedRows(Int(info.numValues), row: row, rows: rows)
                let placed = try decodePlainPageInPlace(page, header: header, info: info, count: count, row: row,
                                                        into: &decoder, levels: &levels, validity: validity)
                if !placed {
                    try withDecompressed(page, header: header, scratch: &scratch) { bytes throws(ParquetError) in
                        let (valueCount, valuesStart) = try splitLevels(bytes, info: info, count: count, row: row,
                                                                        levels: &levels, validity: validity)
                        try decoder.decodeValues(UnsafeRawBufferPointer(rebasing: bytes[valuesStart...]), encoding: info.encoding,
                                                 valueCount: valueCount, row: row, rows: count,
                                                 validity: validity.map { UnsafePointer($0 + row) })
                    }
                }
                row += count
            case .dataPageV2:
                guard let info = header.dataPageV2 else { throw ParquetError.metadata("data page v2 without its header") }
                let count = try checkedRows(Int(info.numValues), row: row, rows: rows)
                let repetitionLength = Int(info.repetitionLevelsByteLength)
                let definitionLength = Int(info.definitionLevelsByteLength)
                guard repetitionLength + definitionLength <= page.count else {
                    throw ParquetError.corrupt("column \(descriptor.name): level lengths exceed the page")
                }
                var valueCount = count
                if descriptor.maxDefinitionLevel > 0 {
                    let levelBytes = UnsafeRawBufferPointer(rebasing: page[repetitionLength..<repetitionLength + definitionLength])
                    valueCount = try decodeLevels(levelBytes, encoding: .rle, count: count, levels: &levels,
                                                  validity: validity.map { $0 + row })
                }
                let values = UnsafeRawBufferPointer(rebasing: page[(repetitionLength + definitionLength)...])
                let uncompressedValues = Int(header.uncompressedPageSize) - repetitionLength - definitionLength
                try withDecompressed(values, uncompressedSize: uncompressedValues,
                                     compressed: info.isCompressed, scratch: &scratch) { bytes throws(ParquetError) in
                    try decoder.decodeValues(bytes, encoding: info.encoding, valueCount: valueCount, row: row, rows: count,
                                             validity: validity.map { UnsafePointer($0 + row) })
                }
                row += count
            case .indexPage:
                continue
            }
        }
    }

    /// Decompresses a compressed v1 PLAIN page of fixed-width values straight into the
    /// column's memory, and returns false (having done nothing) when it cannot.
    ///
    /// The page's bytes are its definition levels (a few bytes when nothing is null), then
    /// the values, which must end where the page's rows end. So the page is decompressed
    /// into the rows' memory shifted back by that prefix, over the end of rows this chunk
    /// already decoded: those bytes are saved first and put back once the levels are read,
    /// and no other thread writes them. If nulls make the values shorter, they are moved to
    /// the page's first row. This saves copying every value out of a scratch buffer.
    private func decodePlainPageInPlace<Decoder: ColumnPageDecoder>(
        _ page: UnsafeRawBufferPointer, header: PageHeader, info: PageHeader.DataPage, count: Int, row: Int,
        into decoder: inout Decoder, levels: inout [UInt32], validity: UnsafeMutablePointer<Bool>?
    ) throws(ParquetError) -> Bool {
        let uncompressedSize = Int(header.uncompressedPageSize)
        guard info.encoding == .plain, codec != .uncompressed, count > 0,
              let (target, width) = decoder.plainDestination(row: row) else { return false }
        let prefix = uncompressedSize - count * width
        let maximumPrefix = 64
        guard prefix >= 0, prefix <= min(maximumPrefix, row * width),
              limits.plausible(uncompressed: uncompressedSize, compressed: page.count, codec: codec) else { return false }
        let region = UnsafeMutableRawBufferPointer(start: target - prefix, count: uncompressedSize)
        return try withUnsafeTemporaryAllocation(byteCount: maximumPrefix, alignment: 8) { saved throws(ParquetError) in
            saved.baseAddress!.copyMemory(from: region.baseAddress!, byteCount: prefix)
            var restored = false
            defer { if !restored { region.baseAddress!.copyMemory(from: saved.baseAddress!, byteCount: prefix) } }
            try PageCodec.decompress(codec, page, into: region)
            let (valueCount, valuesStart) = try splitLevels(UnsafeRawBufferPointer(region), info: info, count: count, row: row,
                                                            levels: &levels, validity: validity)
            let valueBytes = valueCount * width
            guard valuesStart + valueBytes <= uncompressedSize else { throw ParquetError.corrupt("PLAIN page too short") }
            if valuesStart != prefix { target.copyMemory(from: region.baseAddress! + valuesStart, byteCount: valueBytes) }
            region.baseAddress!.copyMemory(from: saved.baseAddress!, byteCount: prefix)
            restored = true
            try decoder.decodeValues(UnsafeRawBufferPointer(start: target, count: valueBytes), encoding: .plain,
                                     valueCount: valueCount, row: row, rows: count,
                                     validity: validity.map { UnsafePointer($0 + row) })
            return true
        }
    }

    /// Reads a v1 page's definition levels (an optional column's) from the front of its
    /// uncompressed bytes; returns how many values are present and where they start.
    private func splitLevels(_ bytes: UnsafeRawBufferPointer, info: PageHeader.DataPage, count: Int, row: Int,
                             levels: inout [UInt32], validity: UnsafeMutablePointer<Bool>?) throws(ParquetError)
        -> (valueCount: Int, valuesStart: Int) {
        guard descriptor.maxDefinitionLevel > 0 else { return (count, 0) }
        var cursor = ByteCursor(bytes)
        let length = Int(try cursor.readUInt32())
        try cursor.skip(length)
        let valueCount = try decodeLevels(UnsafeRawBufferPointer(rebasing: bytes[4..<4 + length]),
                                          encoding: info.definitionLevelEncoding, count: count,
                                          levels: &levels, validity: validity.map { $0 + row })
        return (valueCount, cursor.position)
    }

    private func checkedRows(_ count: Int, row: Int, rows: Int) throws(ParquetError) -> Int {
        guard count >= 0, count <= rows - row else {
            throw ParquetError.corrupt("column \(descriptor.name): page of \(count) values exceeds the row group's \(rows) rows")
        }
        return count
    }

    /// Decodes `count` definition levels (bit width 1) into `validity`; returns the number
    /// of non-null values.
    private func decodeLevels(_ bytes: UnsafeRawBufferPointer, encoding: ParquetEncoding, count: Int,
                              levels: inout [UInt32], validity: UnsafeMutablePointer<Bool>?) throws(ParquetError) -> Int {
        if encoding == .rle, Self.isSingleRunOfOnes(bytes, count: count) { return count }   // no nulls: validity stays true
        if levels.count < count { levels = [UInt32](repeating: 0, count: count) }
        return try levels.withUnsafeMutableBufferPointer { buffer throws(ParquetError) -> Int in
            let output = buffer.baseAddress!
            switch encoding {
            case .rle:
                var decoder = try RLEHybridDecoder(bytes, bitWidth: 1)
                try decoder.decode(count: count, into: output)
            case .bitPacked:
                guard (count + 7) / 8 <= bytes.count else { throw ParquetError.corrupt("bit-packed levels too short") }
                for index in 0..<count { output[index] = UInt32(bytes[index >> 3] >> UInt8(7 - index & 7) & 1) }
            default:
                throw ParquetError(.unsupported, "definition level encoding \(encoding)")
            }
            var present = 0
            for index in 0..<count {
                let level = output[index]
                guard level <= 1 else { throw ParquetError.corrupt("definition level \(level) above the maximum 1") }
                validity?[index] = level == 1
                present &+= Int(level)
            }
            guard validity != nil || present == count else {
                throw ParquetError.corrupt("column \(descriptor.name): nulls in a chunk whose statistics declare none")
            }
            return present
        }
    }

    /// Whether RLE levels start with one run of `1` covering all `count` values, the common
    /// shape of a page without nulls, which then needs no per-value work.
    private static func isSingleRunOfOnes(_ bytes: UnsafeRawBufferPointer, count: Int) -> Bool {
        var cursor = ByteCursor(bytes)
        guard let header = try? cursor.readVarint(), header & 1 == 0, header >> 1 >= UInt64(count),
              let value = try? cursor.readByte() else { return false }
        return value == 1
    }

    /// Runs `body` over the page's bytes uncompressed (the page itself when not compressed).
    private func withDecompressed(_ page: UnsafeRawBufferPointer, header: PageHeader, scratch: inout [UInt8],
                                  _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> Void) throws(ParquetError) {
        try withDecompressed(page, uncompressedSize: Int(header.uncompressedPageSize), compressed: true,
                             scratch: &scratch, body)
    }

    private func withDecompressed(_ page: UnsafeRawBufferPointer, uncompressedSize: Int, compressed: Bool,
                                  scratch: inout [UInt8],
                                  _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> Void) throws(ParquetError) {
        // An empty v2 values section is legitimately empty even when the codec says otherwise.
        guard compressed, codec != .uncompressed, !(page.isEmpty && uncompressedSize == 0) else {
            try body(page)
            return
        }
        guard uncompressedSize >= 0,
              limits.plausible(uncompressed: uncompressedSize, compressed: page.count, codec: codec) else {
            throw ParquetError.corrupt("column \(descriptor.name): page claims \(uncompressedSize) bytes from \(page.count)")
        }
        if scratch.count < uncompressedSize { scratch = [UInt8](repeating: 0, count: uncompressedSize) }
        try scratch.withUnsafeMutableBufferPointer { buffer throws(ParquetError) in
            let output = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[0..<uncompressedSize])
            try PageCodec.decompress(codec, page, into: output)
            try body(UnsafeRawBufferPointer(output))
        }
    }
}
