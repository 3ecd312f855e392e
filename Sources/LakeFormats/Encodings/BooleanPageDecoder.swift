/// Decodes BOOLEAN pages: PLAIN (one bit per value, LSB first) or RLE (a 4-byte length,
/// then the hybrid encoding with bit width 1).
struct BooleanPageDecoder: ColumnPageDecoder {
    private let output: UnsafeMutablePointer<Bool>
    private var scratch: [UInt32] = []

    /// A decoder writing into `output`, which has room for all rows of the chunk.
    init(output: UnsafeMutablePointer<Bool>) {
        self.output = output
    }

    mutating func loadDictionary(_ bytes: UnsafeRawBufferPointer, count: Int) throws(ParquetError) {
        throw ParquetError(.unsupported, "dictionary pages for BOOLEAN columns")
    }

    mutating func decodeValues(_ bytes: UnsafeRawBufferPointer, encoding: ParquetEncoding, valueCount: Int,
                               row: Int, rows: Int, validity: UnsafePointer<Bool>?) throws(ParquetError) {
        let target = output + row
        switch encoding {
        case .plain:
            guard (valueCount + 7) / 8 <= bytes.count else { throw ParquetError.corrupt("PLAIN boolean page too short") }
            for index in 0..<valueCount { target[index] = bytes[index >> 3] >> UInt8(index & 7) & 1 == 1 }
        case .rle:
            var cursor = ByteCursor(bytes)
            let length = Int(try cursor.readUInt32())
            guard length <= cursor.remaining else { throw ParquetError.corrupt("RLE boolean length exceeds the page") }
            var decoder = try RLEHybridDecoder(UnsafeRawBufferPointer(rebasing: bytes[4..<4 + length]), bitWidth: 1)
            if scratch.count < valueCount { scratch = [UInt32](repeating: 0, count: valueCount) }
            try scratch.withUnsafeMutableBufferPointer { buffer throws(ParquetError) in
                try decoder.decode(count: valueCount, into: buffer.baseAddress!)
                for index in 0..<valueCount { target[index] = buffer[index] != 0 }
            }
        default:
            throw ParquetError(.unsupported, "encoding \(encoding) for BOOLEAN values")
        }
        if let validity, valueCount < rows {
            spreadOverValidRows(target, rows: rows, valueCount: valueCount, validity: validity, zero: false)
        }
    }
}
