/// How a column's values are stored (Parquet `Type`).
public enum PhysicalType: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    /// 12 bytes: nanoseconds of the day (8, LE) then Julian day (4, LE); Spark's legacy timestamp.
    case int96 = 3
    case float = 4
    case double = 5
    case byteArray = 6
    case fixedLenByteArray = 7

    /// Bytes per value in PLAIN encoding, nil for variable or bit-packed types.
    var plainWidth: Int? {
        switch self {
        case .int32, .float: 4
        case .int64, .double: 8
        case .int96: 12
        case .boolean, .byteArray, .fixedLenByteArray: nil
        }
    }

    /// The name parquet-format and parquet-tools use.
    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .int96: "INT96"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLenByteArray: "FIXED_LEN_BYTE_ARRAY"
        }
    }
}
