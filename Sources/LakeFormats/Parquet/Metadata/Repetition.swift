/// Whether a schema field must, may, or may repeatedly appear (Parquet `FieldRepetitionType`).
public enum Repetition: Int32, Sendable, CustomStringConvertible {
    case required = 0
    case optional = 1
    case repeated = 2

    /// The schema keyword: `required`, `optional` or `repeated`.
    public var description: String {
        switch self {
        case .required: "required"
        case .optional: "optional"
        case .repeated: "repeated"
        }
    }
}
