/// Decodes INT32, INT64, INT96, FLOAT and DOUBLE pages straight into the column's output
/// memory: PLAIN is a bulk copy, dictionaries a gather, BYTE_STREAM_SPLIT a byte transpose.
struct FixedWidthPageDecoder<Value: FixedWidthValue>: ColumnPageDecoder {
    /// Rows of this row group, written in order.
    private let output: UnsafeMutablePointer<Value>
    /// The dictionary's entries, padded with zeros to `DictionaryIndices.paddedDictionaryCount`.
    private var dictionary: [Value]?
    private var dictionaryCount = 0

    /// A decoder writing into `output`, which has room for all rows of the chunk.
    init(output: UnsafeMutablePointer<Value>) {
        self.output = output
    }

    mutating func loadDictionary(_ bytes: UnsafeRawBufferPointer, count: Int) throws(ParquetError) {
        guard count >= 0, count <= bytes.count / Value.plainWidth else { throw ParquetError.corrupt("dictionary page too short") }
        var entries = [Value](repeating: Value.zero, count: DictionaryIndices.paddedDictionaryCount(count))
        if count > 0 {
            entries.withUnsafeMutableBufferPointer { Value.loadPlain(bytes.baseAddress!, count: count, into: $0.baseAddress!) }
        }
        dictionary = entries
        dictionaryCount = count
    }

    mutating func decodeValues(_ bytes: UnsafeRawBufferPointer, encoding: ParquetEncoding, valueCount: Int,
                               row: Int, rows: Int, validity: UnsafePointer<Bool>?) throws(ParquetError) {
        let target = output + row
        switch encoding {
        case .plain:
            guard valueCount * Value.plainWidth <= bytes.count else { throw ParquetError.corrupt("PLAIN page too short") }
            // A page decompressed straight into place is already where it belongs.
            if valueCount > 0 && bytes.baseAddress != UnsafeRawPointer(target) {
                Value.loadPlain(bytes.baseAddress!, count: valueCount, into: target)
            }
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw ParquetError.corrupt("dictionary-encoded page without a dictionary") }
            try dictionary.withUnsafeBufferPointer { entries throws(ParquetError) in
                try DictionaryIndices.gather(bytes, count: valueCount, dictionary: entries, entries: dictionaryCount,
                                            into: target)
            }
        case .byteStreamSplit:
            try decodeByteStreamSplit(bytes, count: valueCount, into: target)
        case .deltaBinaryPacked where Value.isInteger:
            let (values, _) = try DeltaBinaryPackedDecoder.decodeAll(bytes, limit: max(valueCount, 0))
            guard values.count >= valueCount else { throw ParquetError.corrupt("delta page holds \(values.count) of \(valueCount) values") }
            for index in 0..<valueCount { target[index] = Value(deltaDecoded: values[index]) }
        default:
            throw ParquetError(.unsupported, "encoding \(encoding) for \(Value.self) values")
        }
        if let validity, valueCount < rows {
            spreadOverValidRows(target, rows: rows, valueCount: valueCount, validity: validity, zero: Value.zero)
        }
    }

    func plainDestination(row: Int) -> (pointer: UnsafeMutableRawPointer, width: Int)? {
        // INT96 packs 12 bytes into a 16-byte value; every other type's PLAIN bytes are its memory.
        Value.plainWidth == MemoryLayout<Value>.stride ? (UnsafeMutableRawPointer(output + row), Value.plainWidth) : nil
    }

    private func decodeByteStreamSplit(_ bytes: UnsafeRawBufferPointer, count: Int,
                                       into target: UnsafeMutablePointer<Value>) throws(ParquetError) {
        let width = Value.plainWidth
        guard count * width <= bytes.count else { throw ParquetError.corrupt("BYTE_STREAM_SPLIT page too short") }
        guard count > 0 else { return }
        // Reassemble PLAIN bytes, then load them like a PLAIN page.
        var plain = [UInt8](repeating: 0, count: count * width)
        plain.withUnsafeMutableBytes { out in
            for stream in 0..<width {
                let base = stream * count
                for index in 0..<count { out[index * width + stream] = bytes[base + index] }
            }
            Value.loadPlain(UnsafeRawPointer(out.baseAddress!), count: count, into: target)
        }
    }
}
