/// How values or levels in a page are encoded (Parquet `Encoding`).
public enum ParquetEncoding: Int32, Sendable, CaseIterable {
    case plain = 0
    /// Dictionary indices (legacy spelling, data pages of format v1).
    case plainDictionary = 2
    /// RLE / bit-packed hybrid (levels, booleans, dictionary indices).
    case rle = 3
    /// Deprecated bit-packing for levels.
    case bitPacked = 4
    case deltaBinaryPacked = 5
    case deltaLengthByteArray = 6
    case deltaByteArray = 7
    case rleDictionary = 8
    case byteStreamSplit = 9

    /// Whether data pages with this encoding hold dictionary indices.
    var isDictionary: Bool { self == .plainDictionary || self == .rleDictionary }
}
