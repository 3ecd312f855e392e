/// The rules a key must follow in a `FileStore` (where it becomes a relative path).
enum ObjectKey {
    /// S3's key limit; also keeps paths well below PATH_MAX.
    static let maximumBytes = 1024
    /// Most file systems' name limit.
    static let maximumSegmentBytes = 255
    /// Names the store uses for its own temporary files; no key segment may start so.
    static let temporaryPrefix = ".candlelake-tmp-"

    /// Throws `ObjectStoreError.invalidKey` unless `key` is a safe relative path:
    /// non-empty, no leading `/`, no empty, `.` or `..` segments, no NUL.
    static func validate(_ key: String) throws {
        func reject(_ reason: String) -> ObjectStoreError { .invalidKey(key, reason: reason) }
        guard !key.isEmpty else { throw reject("empty key") }
        guard key.utf8.count <= maximumBytes else { throw reject("longer than \(maximumBytes) bytes") }
        guard !key.hasPrefix("/") else { throw reject("leading '/'") }
        guard !key.utf8.contains(0) else { throw reject("NUL byte") }
        for segment in key.split(separator: "/", omittingEmptySubsequences: false) {
            guard !segment.isEmpty else { throw reject("empty path segment") }
            guard segment != ".", segment != ".." else { throw reject("'\(segment)' segment") }
            guard segment.utf8.count <= maximumSegmentBytes else { throw reject("segment longer than \(maximumSegmentBytes) bytes") }
            guard !segment.hasPrefix(temporaryPrefix) else { throw reject("reserved name '\(temporaryPrefix)…'") }
        }
    }

    /// Byte-wise (UTF-8) order, which is S3's listing order; Swift's `<` on `String`
    /// compares Unicode canonical equivalents and would differ.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
