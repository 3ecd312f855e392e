import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An `ObjectStore` in a local directory: the embedded default, no S3 needed.
///
/// Keys map to relative paths under `root`. Writes go to a temporary file in the target
/// directory, are fsynced, renamed over the key, and the directory is fsynced, so a
/// reader (or a crash) sees the old object or the new one, never a torn one. A key and
/// a "directory" of keys cannot share a name (`a` and `a/b`), unlike on S3.
///
/// ETags are derived from size and modification time (cheap to compute on HEAD); they
/// change whenever the object is rewritten, which is what the catalog sync needs.
public struct FileStore: ObjectStore {
    /// The directory holding the objects.
    public let root: String
    /// Chunk size for streaming reads and copies.
    static let chunkSize = 1 << 20

    /// A store in `root`, created if missing.
    public init(root: String) throws {
        var root = (root as NSString).standardizingPath
        if root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        try POSIXFile.makeDirectories(root)
        self.root = root
    }

    func path(_ key: String) throws -> String {
        try ObjectKey.validate(key)
        return root + "/" + key
    }

    public func head(_ key: String) async throws -> ObjectInfo {
        try await BlockingIO.run { Self.objectInfo(key: key, try regularFile(key)) }
    }

    /// The status of the regular file holding `key`; `.notFound` for anything else.
    func regularFile(_ key: String) throws -> stat {
        guard let info = try POSIXFile.fileStatus(try path(key)), info.st_mode & S_IFMT == S_IFREG else { throw ObjectStoreError.notFound(key: key) }
        return info
    }

    static func objectInfo(key: String, _ info: stat) -> ObjectInfo {
        let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return ObjectInfo(key: key, size: Int64(info.st_size), etag: String(nanoseconds, radix: 16) + "-" + String(info.st_size, radix: 16),
                          lastModified: Date(timeIntervalSince1970: Double(nanoseconds) / 1e9))
    }

    public func get(_ key: String, range: ByteRange?) async throws -> [UInt8] {
        try await BlockingIO.run {
            var bytes: [UInt8] = []
            _ = try readObject(key, range: range) { bytes.append(contentsOf: $0) }
            return bytes
        }
    }

    /// Streams to `sink` on the file-I/O thread, in chunks of `chunkSize`.
    public func get(_ key: String, range: ByteRange?, into sink: @escaping HTTPBodySink) async throws -> ObjectInfo {
        try await BlockingIO.run { try readObject(key, range: range) { chunk in try chunk.withUnsafeBytes { try sink($0) } } }
    }

    /// Reads `range` of `key` in chunks; returns the object's info.
    private func readObject(_ key: String, range: ByteRange?, chunk: ([UInt8]) throws -> Void) throws -> ObjectInfo {
        let path = try path(key)
        _ = try regularFile(key)
        let file = try ReadOnlyFile(path: path)
        let first = range?.first ?? 0
        let end = min(file.size, (range?.last).map { $0 + 1 } ?? file.size)
        if let range, range.first >= file.size, file.size > 0 || range.first > 0 {
            throw ObjectStoreError.invalidRange(key: key, range: range, size: file.size)
        }
        var offset = first
        while offset < end {
            let piece = try file.read(offset: offset, count: Int(min(Int64(Self.chunkSize), end - offset)))
            if piece.isEmpty { break }
            try chunk(piece)
            offset += Int64(piece.count)
        }
        guard let info = try POSIXFile.fileStatus(path) else { throw ObjectStoreError.notFound(key: key) }
        return Self.objectInfo(key: key, info)
    }

    public func presignedURL(method: PresignMethod, key: String, expires: Int) async throws -> String {
        throw ObjectStoreError.unsupported("the local file store cannot presign URLs yet (CandleLake's HTTP server will serve them); configure S3 (AWS_ENDPOINT_URL_S3 or AWS credentials) to presign")
    }

    public func presignedPost(key: String, expires: Int, maxBytes: Int?, contentType: String?) async throws -> PresignedPost {
        throw ObjectStoreError.unsupported("the local file store cannot presign POST uploads yet (CandleLake's HTTP server will accept them); configure S3 to presign")
    }
}
