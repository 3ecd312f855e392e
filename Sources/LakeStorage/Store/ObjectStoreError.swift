#if canImport(Glibc)
import Glibc
#endif

/// Failures every `ObjectStore` reports the same way (backends add their own, such as
/// `S3Error` for S3 service errors).
public struct ObjectStoreError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case notFound(String)
        case invalidKey(String, String)
        case unsupported(String)
        case io(String, String, Int32)
        case partialDelete([String])
        case invalidRange(String, String, Int64?)
    }
    private let kind: Kind

    /// The key does not exist.
    public static func notFound(key: String) -> ObjectStoreError { ObjectStoreError(kind: .notFound(key)) }
    /// The key is not acceptable (`..`, leading `/`, empty segment, …).
    public static func invalidKey(_ key: String, reason: String) -> ObjectStoreError { ObjectStoreError(kind: .invalidKey(key, reason)) }
    /// The backend cannot do this (yet); the message says why.
    public static func unsupported(_ message: String) -> ObjectStoreError { ObjectStoreError(kind: .unsupported(message)) }
    /// A file-system call failed.
    public static func io(path: String, operation: String, errno: Int32) -> ObjectStoreError { ObjectStoreError(kind: .io(path, operation, errno)) }
    /// Some keys of a batch delete were not deleted.
    public static func partialDelete(failedKeys: [String]) -> ObjectStoreError { ObjectStoreError(kind: .partialDelete(failedKeys)) }

    /// `range` starts at or beyond the end of the object (S3's 416 InvalidRange); `size`
    /// when the backend knows it.
    public static func invalidRange(key: String, range: ByteRange, size: Int64?) -> ObjectStoreError {
        ObjectStoreError(kind: .invalidRange(key, range.headerValue, size))
    }

    /// Whether this is a missing key.
    public var isNotFound: Bool {
        if case .notFound = kind { return true }
        return false
    }

    /// Whether this is a rejected key.
    public var isInvalidKey: Bool {
        if case .invalidKey = kind { return true }
        return false
    }

    /// Whether a requested range lies outside the object.
    public var isInvalidRange: Bool {
        if case .invalidRange = kind { return true }
        return false
    }

    /// Whether the operation is not supported by the backend.
    public var isUnsupported: Bool {
        if case .unsupported = kind { return true }
        return false
    }

    public var description: String {
        switch kind {
        case .notFound(let key): "no object with key '\(key)'"
        case .invalidKey(let key, let reason): "invalid key '\(key)': \(reason)"
        case .unsupported(let message): message
        case .io(let path, let operation, let code): "\(operation) \(path) failed: \(String(cString: strerror(code)))"
        case .invalidRange(let key, let range, let size): "range \(range) is outside '\(key)'\(size.map { " (\($0) bytes)" } ?? "")"
        case .partialDelete(let keys): "\(keys.count) key(s) could not be deleted, first: '\(keys.first ?? "")'"
        }
    }
}
