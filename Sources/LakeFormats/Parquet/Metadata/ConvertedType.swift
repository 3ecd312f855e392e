/// The legacy annotation of a column (Parquet `ConvertedType`); still written by many
/// tools beside, or instead of, `LogicalType`.
public enum ConvertedType: Int32, Sendable {
    case utf8 = 0, map, mapKeyValue, list, enumeration, decimal, date, timeMillis, timeMicros
    case timestampMillis, timestampMicros
    case uint8, uint16, uint32, uint64, int8, int16, int32, int64
    case json, bson, interval
}
