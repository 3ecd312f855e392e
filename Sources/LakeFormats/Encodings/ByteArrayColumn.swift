/// Variable-length values (strings, binary, fixed-length bytes) in two contiguous arrays:
/// value `i` is `bytes[offsets[i]..<offsets[i + 1]]`. A missing row is an empty value.
public struct ByteArrayColumn: Sendable, Hashable {
    /// `count + 1` offsets into `bytes`, starting at 0.
    public private(set) var offsets: [Int]
    /// All values back to back.
    public private(set) var bytes: [UInt8]

    /// An empty column, with room reserved for `capacity` values.
    public init(capacity: Int = 0) {
        offsets = [0]
        offsets.reserveCapacity(capacity + 1)
        bytes = []
    }

    /// A column of the given values.
    public init(_ values: [[UInt8]]) {
        self.init(capacity: values.count)
        for value in values { append(value) }
    }

    /// A column of the UTF-8 of the given strings.
    public init(strings: [String]) {
        self.init(strings.map { Array($0.utf8) })
    }

    /// Number of values.
    @inlinable public var count: Int { offsets.count - 1 }

    /// Value `index` as bytes.
    public subscript(index: Int) -> ArraySlice<UInt8> { bytes[offsets[index]..<offsets[index + 1]] }

    /// Value `index` decoded as UTF-8.
    public func string(at index: Int) -> String { String(decoding: self[index], as: UTF8.self) }

    /// Appends one value.
    public mutating func append(_ value: some Collection<UInt8>) {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    /// Appends one value from raw memory.
    mutating func append(_ pointer: UnsafeRawPointer, count: Int) {
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: count))
        offsets.append(bytes.count)
    }

    /// Appends every value of `other`.
    public mutating func append(contentsOf other: ByteArrayColumn) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        offsets.append(contentsOf: other.offsets.dropFirst().lazy.map { $0 + base })
    }
}
