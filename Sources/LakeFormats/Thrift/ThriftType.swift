/// The compact protocol's wire types (the low nibble of a field header).
public enum ThriftType: UInt8, Sendable {
    case stop = 0
    case booleanTrue = 1
    case booleanFalse = 2
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12

    /// Fewest bytes one element of this type takes on the wire: bounds a declared list
    /// size against the bytes that remain before anything is allocated.
    var minimumSize: Int {
        switch self {
        case .double: 8
        default: 1
        }
    }
}
