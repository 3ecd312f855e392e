import Foundation
import LakeHTTP

/// A temporary file an upload is written to before it is validated and stored, so that
/// nothing reaches the store before it is known good. Removed by ``discard()`` (callers use
/// `defer`); stale spool files older than `CACHE_TTL` are swept at start-up (``ScratchFile``).
final class UploadSpool {
    /// The file's path.
    let path: String
    /// Bytes written so far.
    private(set) var size = 0
    private let limit: Int
    private let field: String
    private let handle: FileHandle

    /// A new empty spool file in `directory`, accepting at most `limit` bytes.
    init(directory: String, limit: Int, field: String) throws {
        do {
            path = try ScratchFile.create(in: directory, prefix: ScratchFile.uploadPrefix)
        } catch {
            throw HTTPError(.internalServerError, message: "cannot create an upload spool file")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        self.limit = limit
        self.field = field
    }

    /// Appends `bytes`. - Throws: `HTTPError` 413 naming the field once the limit is crossed.
    func write(_ bytes: some DataProtocol) throws {
        guard size + bytes.count <= limit else { throw Self.tooLarge(field: field, limit: limit) }
        try handle.write(contentsOf: bytes)
        size += bytes.count
    }

    /// The 413 for a `field` of more than `limit` bytes.
    static func tooLarge(field: String, limit: Int) -> HTTPError {
        HTTPError(.contentTooLarge, code: "UPLOAD_TOO_LARGE", message: "\(field): larger than the \(limit)-byte upload limit",
                  details: [field: ["larger than \(limit) bytes"]])
    }

    /// Closes the file for reading. No fsync: the spool is scratch space that a crash loses
    /// along with the request; durability comes from the store, which syncs what it keeps.
    func close() throws {
        try handle.close()
    }

    /// Deletes the file.
    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path)
    }
}
