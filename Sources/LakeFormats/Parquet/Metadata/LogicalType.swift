import LakeCore

/// The meaning of a column's bytes (Parquet `LogicalType` union).
public enum LogicalType: Hashable, Sendable {
    case string
    case map
    case list
    case enumeration
    case decimal(scale: Int32, precision: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: EpochUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: EpochUnit)
    case integer(bitWidth: Int8, isSigned: Bool)
    /// Always null (Parquet's `UNKNOWN`/NullType).
    case null
    case json
    case bson
    case uuid
    case float16
    /// A type this reader does not know (a newer writer); the raw union field id.
    case unsupported(fieldID: Int16)

    init(from reader: inout ThriftCompactReader) throws {
        var result = LogicalType.unsupported(fieldID: 0)
        try reader.readStruct { reader, field, _ in
            // Marker types are empty structs: note the case and let readStruct skip the body.
            switch field {
            case 1: result = .string; return false
            case 2: result = .map; return false
            case 3: result = .list; return false
            case 4: result = .enumeration; return false
            case 5:
                var scale: Int32 = 0, precision: Int32 = 0
                try reader.readStruct { reader, field, _ in
                    switch field {
                    case 1: scale = try reader.readI32()
                    case 2: precision = try reader.readI32()
                    default: return false
                    }
                    return true
                }
                result = .decimal(scale: scale, precision: precision)
            case 6: result = .date; return false
            case 7, 8:
                let (utc, unit) = try LogicalType.readTimeParameters(&reader)
                result = field == 7 ? .time(isAdjustedToUTC: utc, unit: unit) : .timestamp(isAdjustedToUTC: utc, unit: unit)
            case 10:
                var width: Int8 = 0, signed = true
                try reader.readStruct { reader, field, _ in
                    switch field {
                    case 1: width = try reader.readI8()
                    case 2: signed = try reader.readBool()
                    default: return false
                    }
                    return true
                }
                result = .integer(bitWidth: width, isSigned: signed)
            case 11: result = .null; return false
            case 12: result = .json; return false
            case 13: result = .bson; return false
            case 14: result = .uuid; return false
            case 15: result = .float16; return false
            default: result = .unsupported(fieldID: field); return false
            }
            return true
        }
        self = result
    }

    private static func readTimeParameters(_ reader: inout ThriftCompactReader) throws -> (Bool, EpochUnit) {
        var utc = true, unit = EpochUnit.milliseconds
        try reader.readStruct { reader, field, _ in
            switch field {
            case 1: utc = try reader.readBool()
            case 2:
                try reader.readStruct { _, field, _ in
                    switch field {
                    case 1: unit = .milliseconds
                    case 2: unit = .microseconds
                    case 3: unit = .nanoseconds
                    default: return false
                    }
                    return false
                }
            default: return false
            }
            return true
        }
        return (utc, unit)
    }

    func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .string: writer.writeField(1) { _ in }
        case .decimal(let scale, let precision):
            writer.writeField(5) { writer in
                writer.writeField(1, i32: scale)
                writer.writeField(2, i32: precision)
            }
        case .date: writer.writeField(6) { _ in }
        case .timestamp(let utc, let unit), .time(let utc, let unit):
            let id: Int16 = if case .time = self { 7 } else { 8 }
            writer.writeField(id) { writer in
                writer.writeField(1, bool: utc)
                writer.writeField(2) { writer in
                    let unitID: Int16 = switch unit {
                    case .milliseconds, .seconds: 1
                    case .microseconds: 2
                    case .nanoseconds: 3
                    }
                    writer.writeField(unitID) { _ in }
                }
            }
        case .integer(let width, let signed):
            writer.writeField(10) { writer in
                writer.writeField(1, i8: width)
                writer.writeField(2, bool: signed)
            }
        case .map: writer.writeField(2) { _ in }
        case .list: writer.writeField(3) { _ in }
        case .enumeration: writer.writeField(4) { _ in }
        case .null: writer.writeField(11) { _ in }
        case .json: writer.writeField(12) { _ in }
        case .bson: writer.writeField(13) { _ in }
        case .uuid: writer.writeField(14) { _ in }
        case .float16: writer.writeField(15) { _ in }
        case .unsupported: break
        }
        writer.endStruct()
    }
}
