/// Whether a schema field must, may, or may repeatedly appear (Parquet `FieldRepetitionType`).
public enum Repetition: Int32, Sendable {
    case required = 0
    case optional = 1
    case repeated = 2
}
