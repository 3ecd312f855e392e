/// A value type decoded from fixed-width Parquet bytes (INT32, INT64, INT96, FLOAT, DOUBLE).
protocol FixedWidthValue: BitwiseCopyable, Sendable {
    /// Bytes per value in PLAIN encoding.
    static var plainWidth: Int { get }
    /// The value of all-zero bytes, used for null slots.
    static var zero: Self { get }
    /// Whether DELTA_BINARY_PACKED can encode this type.
    static var isInteger: Bool { get }
    /// The value a delta-decoded 64-bit integer stands for (truncated for INT32).
    init(deltaDecoded value: Int64)
    /// Copies `count` PLAIN values from `source` (which holds `count * plainWidth` bytes).
    static func loadPlain(_ source: UnsafeRawPointer, count: Int, into output: UnsafeMutablePointer<Self>)
}

extension FixedWidthValue {
    /// Copies `count` PLAIN values from `source`: one memcpy when the in-memory layout is
    /// the PLAIN layout (little-endian, no padding), which it is for every type but INT96.
    @inline(__always)
    static func loadPlain(_ source: UnsafeRawPointer, count: Int, into output: UnsafeMutablePointer<Self>) {
        UnsafeMutableRawPointer(output).copyMemory(from: source, byteCount: count * plainWidth)
    }
}

extension Int32: FixedWidthValue {
    static var plainWidth: Int { 4 }
    static var zero: Int32 { 0 }
    static var isInteger: Bool { true }
    init(deltaDecoded value: Int64) { self.init(truncatingIfNeeded: value) }
}

extension Int64: FixedWidthValue {
    static var plainWidth: Int { 8 }
    static var zero: Int64 { 0 }
    static var isInteger: Bool { true }
    init(deltaDecoded value: Int64) { self = value }
}

extension Float: FixedWidthValue {
    static var plainWidth: Int { 4 }
    static var isInteger: Bool { false }
    init(deltaDecoded value: Int64) { self.init(bitPattern: UInt32(truncatingIfNeeded: value)) }
}

extension Double: FixedWidthValue {
    static var plainWidth: Int { 8 }
    static var isInteger: Bool { false }
    init(deltaDecoded value: Int64) { self.init(bitPattern: UInt64(bitPattern: value)) }
}
