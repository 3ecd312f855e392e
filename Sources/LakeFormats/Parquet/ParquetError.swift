/// Everything that can go wrong reading or writing Parquet, with a one-line reason.
///
/// Callers switch on `kind`; `description` is what a person sees (the CLI prints it as-is).
public struct ParquetError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: String, Sendable {
        /// Not a Parquet file at all (magic bytes, too short).
        case notParquet = "not a Parquet file"
        /// The footer or a page header does not decode or is inconsistent.
        case corruptMetadata = "corrupt metadata"
        /// Page data does not decode (bad lengths, codec failure, out-of-range index).
        case corruptData = "corrupt data"
        /// A page checksum does not match its bytes.
        case checksumMismatch = "checksum mismatch"
        /// A valid feature this reader does not implement (codec, encoding, type).
        case unsupported = "unsupported"
        /// The caller asked for something the file does not have (column name, type).
        case invalidRequest = "invalid request"
        /// Reading or writing bytes failed.
        case io = "I/O error"
    }

    /// The class of failure.
    public let kind: Kind
    /// What exactly, for people.
    public let message: String

    /// An error of `kind` saying `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }

    static func corrupt(_ message: String) -> ParquetError { ParquetError(.corruptData, message) }
    static func metadata(_ message: String) -> ParquetError { ParquetError(.corruptMetadata, message) }
}

extension ThriftCompactReader {
    /// Decodes a Thrift structure, turning Thrift errors into metadata errors.
    static func decode<T>(_ what: String, _ body: () throws -> T) throws(ParquetError) -> T {
        do { return try body() } catch let error as ParquetError { throw error } catch {
            throw ParquetError.metadata("\(what): \(error)")
        }
    }
}
