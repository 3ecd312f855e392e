/// The fields of one record, back to back in one reusable buffer (no allocation per field).
public struct CSVRecord: Sendable {
    /// Every field's bytes (unquoted, unescaped), concatenated.
    var bytes: [UInt8] = []
    /// `ends[i]`: where field `i` ends in `bytes` (it starts where field `i - 1` ends).
    var ends: [Int] = []

    /// An empty record, to be filled by a reader.
    public init() {}

    /// Number of fields.
    public var count: Int { ends.count }

    /// Field `index`'s bytes.
    public subscript(index: Int) -> ArraySlice<UInt8> { bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]] }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
