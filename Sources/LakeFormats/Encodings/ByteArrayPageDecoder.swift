/// Decodes BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY pages into a growing `ByteArrayColumn`:
/// PLAIN, dictionary, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and (fixed) BYTE_STREAM_SPLIT.
struct ByteArrayPageDecoder: ColumnPageDecoder {
    /// Every row decoded so far (null rows are empty values).
    private(set) var column: ByteArrayColumn
    /// Width of FIXED_LEN_BYTE_ARRAY values; nil for BYTE_ARRAY.
    private let fixedWidth: Int?
    private var dictionary: ByteArrayColumn?

    /// A decoder for `rows` values; `fixedWidth` for FIXED_LEN_BYTE_ARRAY.
    init(rows: Int, fixedWidth: Int?) {
        column = ByteArrayColumn(capacity: rows)
        self.fixedWidth = fixedWidth
    }

    mutating func loadDictionary(_ bytes: UnsafeRawBufferPointer, count: Int) throws(ParquetError) {
        // Every PLAIN entry takes at least its 4-byte length (or its fixed width): a count the
        // page cannot hold is refused before room is reserved for it.
        guard count >= 0, count <= bytes.count / max(fixedWidth ?? 4, 1) else {
            throw ParquetError.corrupt("dictionary page of \(bytes.count) bytes declares \(count) values")
        }
        var entries = ByteArrayColumn(capacity: count)
        try appendPlain(bytes, count: count, to: &entries)
        dictionary = entries
    }

    mutating func decodeValues(_ bytes: UnsafeRawBufferPointer, encoding: ParquetEncoding, valueCount: Int,
                               row: Int, rows: Int, validity: UnsafePointer<Bool>?) throws(ParquetError) {
        guard validity != nil && valueCount < rows else {
            try decode(bytes, encoding: encoding, count: valueCount, into: &column)
            return
        }
        var dense = ByteArrayColumn(capacity: valueCount)
        try decode(bytes, encoding: encoding, count: valueCount, into: &dense)
        var next = 0
        for index in 0..<rows {
            if validity![index] {
                column.append(dense[next])
                next += 1
            } else {
                column.append(EmptyCollection<UInt8>())
            }
        }
    }

    private func decode(_ bytes: UnsafeRawBufferPointer, encoding: ParquetEncoding, count: Int,
                                 into output: inout ByteArrayColumn) throws(ParquetError) {
        switch encoding {
        case .plain: try appendPlain(bytes, count: count, to: &output)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw ParquetError.corrupt("dictionary-encoded page without a dictionary") }
            var indices = [UInt32](repeating: 0, count: count)
            try indices.withUnsafeMutableBufferPointer { buffer throws(ParquetError) in
                try DictionaryIndices.decode(bytes, count: count, dictionaryCount: dictionary.count, into: buffer.baseAddress!)
                for index in 0..<count { output.append(dictionary[Int(buffer[index])]) }
            }
        case .deltaLengthByteArray:
            let (lengths, consumed) = try DeltaBinaryPackedDecoder.decodeAll(bytes, limit: count)
            var cursor = ByteCursor(bytes, position: consumed)
            for index in 0..<count {
                let length = index < lengths.count ? Int(lengths[index]) : -1
                let start = cursor.position
                try cursor.skip(length)
                output.append(bytes.baseAddress! + start, count: length)
            }
        case .deltaByteArray: try appendDeltaByteArray(bytes, count: count, to: &output)
        case .byteStreamSplit where fixedWidth != nil:
            let width = fixedWidth!
            guard count * width <= bytes.count else { throw ParquetError.corrupt("BYTE_STREAM_SPLIT page too short") }
            var value = [UInt8](repeating: 0, count: width)
            for index in 0..<count {
                for stream in 0..<width { value[stream] = bytes[stream * count + index] }
                output.append(value)
            }
        default:
            throw ParquetError(.unsupported, "encoding \(encoding) for byte array values")
        }
    }

    /// PLAIN: fixed-width values back to back, or a 4-byte length before each value.
    private func appendPlain(_ bytes: UnsafeRawBufferPointer, count: Int, to output: inout ByteArrayColumn) throws(ParquetError) {
        var cursor = ByteCursor(bytes)
        for _ in 0..<count {
            let length: Int
            if let fixedWidth { length = fixedWidth } else { length = Int(try cursor.readUInt32()) }
            let start = cursor.position
            try cursor.skip(length)
            if length > 0 { output.append(bytes.baseAddress! + start, count: length) } else { output.append(EmptyCollection<UInt8>()) }
        }
    }

    /// DELTA_BYTE_ARRAY: prefix lengths and suffix lengths (both delta-packed), then suffixes;
    /// each value is the previous value's prefix followed by its suffix.
    private func appendDeltaByteArray(_ bytes: UnsafeRawBufferPointer, count: Int,
                                      to output: inout ByteArrayColumn) throws(ParquetError) {
        let (prefixes, prefixBytes) = try DeltaBinaryPackedDecoder.decodeAll(bytes, limit: count)
        let rest = UnsafeRawBufferPointer(rebasing: bytes[prefixBytes...])
        let (suffixes, suffixBytes) = try DeltaBinaryPackedDecoder.decodeAll(rest, limit: count)
        guard prefixes.count >= count, suffixes.count >= count else { throw ParquetError.corrupt("DELTA_BYTE_ARRAY counts") }
        var cursor = ByteCursor(rest, position: suffixBytes)
        var previous: [UInt8] = []
        for index in 0..<count {
            let prefix = Int(prefixes[index]), suffix = Int(suffixes[index])
            guard prefix >= 0, prefix <= previous.count else { throw ParquetError.corrupt("DELTA_BYTE_ARRAY prefix \(prefix)") }
            let start = cursor.position
            try cursor.skip(suffix)
            previous.removeSubrange(prefix...)
            previous.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[start..<start + suffix]))
            output.append(previous)
        }
    }
}
