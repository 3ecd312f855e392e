import LakeCore

/// The meaning of a column's values, resolved from the physical type, the logical type
/// and the legacy converted type (writers set one, the other, or both).
public enum ValueKind: Hashable, Sendable {
    case boolean
    /// An integer; `bitWidth` is what the annotation says (physical INT32/INT64 otherwise).
    case integer(bitWidth: Int, isSigned: Bool)
    case float
    case double
    case string
    case binary
    /// Epoch count in `unit`; `isAdjustedToUTC == false` means wall-clock time of no zone.
    case timestamp(unit: EpochUnit, isAdjustedToUTC: Bool)
    /// Days since 1970-01-01.
    case date
    /// Time of day in `unit`.
    case time(unit: EpochUnit)
    /// Unscaled integer (INT32, INT64, or big-endian bytes) times 10^-scale.
    case decimal(scale: Int, precision: Int)
    /// Spark's INT96 timestamp.
    case int96Timestamp
    /// IEEE half precision in two little-endian bytes.
    case float16
    case uuid
    /// Always null.
    case null

    init(_ column: ColumnDescriptor) {
        if let logical = column.logicalType, let kind = ValueKind(logical, column) {
            self = kind
            return
        }
        if let converted = column.convertedType, let kind = ValueKind(converted, column) {
            self = kind
            return
        }
        self = switch column.physicalType {
        case .boolean: .boolean
        case .int32: .integer(bitWidth: 32, isSigned: true)
        case .int64: .integer(bitWidth: 64, isSigned: true)
        case .int96: .int96Timestamp
        case .float: .float
        case .double: .double
        case .byteArray, .fixedLenByteArray: .binary
        }
    }

    private init?(_ logical: LogicalType, _ column: ColumnDescriptor) {
        switch logical {
        case .string, .enumeration, .json: self = .string
        case .decimal(let scale, let precision): self = .decimal(scale: Int(scale), precision: Int(precision))
        case .date: self = .date
        case .time(_, let unit): self = .time(unit: unit)
        case .timestamp(let utc, let unit): self = .timestamp(unit: unit, isAdjustedToUTC: utc)
        case .integer(let width, let signed): self = .integer(bitWidth: Int(width), isSigned: signed)
        case .null: self = .null
        case .uuid: self = .uuid
        case .float16: self = .float16
        case .bson, .map, .list, .unsupported: return nil
        }
    }

    private init?(_ converted: ConvertedType, _ column: ColumnDescriptor) {
        switch converted {
        case .utf8, .enumeration, .json: self = .string
        case .decimal: self = .decimal(scale: column.scale, precision: column.precision)
        case .date: self = .date
        case .timeMillis: self = .time(unit: .milliseconds)
        case .timeMicros: self = .time(unit: .microseconds)
        case .timestampMillis: self = .timestamp(unit: .milliseconds, isAdjustedToUTC: true)
        case .timestampMicros: self = .timestamp(unit: .microseconds, isAdjustedToUTC: true)
        case .uint8: self = .integer(bitWidth: 8, isSigned: false)
        case .uint16: self = .integer(bitWidth: 16, isSigned: false)
        case .uint32: self = .integer(bitWidth: 32, isSigned: false)
        case .uint64: self = .integer(bitWidth: 64, isSigned: false)
        case .int8: self = .integer(bitWidth: 8, isSigned: true)
        case .int16: self = .integer(bitWidth: 16, isSigned: true)
        case .int32: self = .integer(bitWidth: 32, isSigned: true)
        case .int64: self = .integer(bitWidth: 64, isSigned: true)
        case .map, .mapKeyValue, .list, .bson, .interval: return nil
        }
    }
}
