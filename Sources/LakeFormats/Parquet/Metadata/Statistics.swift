/// Column-chunk or page statistics: min/max in the column's PLAIN byte form, plus counts.
public struct Statistics: Hashable, Sendable {
    /// Legacy max (signed byte order, written by old tools).
    public var legacyMax: [UInt8]?
    /// Legacy min.
    public var legacyMin: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    /// Max under the column's sort order.
    public var maxValue: [UInt8]?
    /// Min under the column's sort order.
    public var minValue: [UInt8]?

    /// Statistics from their parts.
    public init(minValue: [UInt8]? = nil, maxValue: [UInt8]? = nil, nullCount: Int64? = nil, distinctCount: Int64? = nil) {
        self.minValue = minValue
        self.maxValue = maxValue
        self.nullCount = nullCount
        self.distinctCount = distinctCount
    }

    /// The min to trust: the new field, else the legacy one.
    public var min: [UInt8]? { minValue ?? legacyMin }
    /// The max to trust: the new field, else the legacy one.
    public var max: [UInt8]? { maxValue ?? legacyMax }

    init(from reader: inout ThriftCompactReader) throws {
        try reader.readStruct { reader, field, _ in
            switch field {
            case 1: legacyMax = try reader.readBinary()
            case 2: legacyMin = try reader.readBinary()
            case 3: nullCount = try reader.readI64()
            case 4: distinctCount = try reader.readI64()
            case 5: maxValue = try reader.readBinary()
            case 6: minValue = try reader.readBinary()
            default: return false
            }
            return true
        }
    }

    func encode(to writer: inout ThriftCompactWriter) {
        if let legacyMax { writer.writeField(1, binary: legacyMax) }
        if let legacyMin { writer.writeField(2, binary: legacyMin) }
        if let nullCount { writer.writeField(3, i64: nullCount) }
        if let distinctCount { writer.writeField(4, i64: distinctCount) }
        if let maxValue { writer.writeField(5, binary: maxValue) }
        if let minValue { writer.writeField(6, binary: minValue) }
    }
}
