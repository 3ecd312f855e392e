extension Int96: FixedWidthValue {
    static var plainWidth: Int { 12 }
    static var zero: Int96 { Int96(nanosecondsOfDay: 0, julianDay: 0) }
    static var isInteger: Bool { false }
    init(deltaDecoded value: Int64) { self.init(nanosecondsOfDay: value, julianDay: 0) }

    /// INT96 is 12 packed bytes but 16 in memory, so PLAIN values load one by one.
    static func loadPlain(_ source: UnsafeRawPointer, count: Int, into output: UnsafeMutablePointer<Int96>) {
        for index in 0..<count {
            let base = index * 12
            output[index] = Int96(
                nanosecondsOfDay: Int64(littleEndian: source.loadUnaligned(fromByteOffset: base, as: Int64.self)),
                julianDay: Int32(littleEndian: source.loadUnaligned(fromByteOffset: base + 8, as: Int32.self)))
        }
    }
}
