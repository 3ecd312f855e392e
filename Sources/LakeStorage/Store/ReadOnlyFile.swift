import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file opened for positional reads (`pread`), safe to share between tasks because
/// `pread` does not move a shared offset. Closed when the last reference goes away.
final class ReadOnlyFile: Sendable {
    private let descriptor: Int32
    /// Size when opened.
    let size: Int64
    let path: String

    init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ObjectStoreError.io(path: path, operation: "open", errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw ObjectStoreError.io(path: path, operation: "fstat", errno: code)
        }
        self.descriptor = descriptor
        self.size = Int64(info.st_size)
        self.path = path
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes from `offset` (fewer only at end of file).
    func read(offset: Int64, count: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = output.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            if result < 0 {
                if errno == EINTR { continue }
                throw ObjectStoreError.io(path: path, operation: "read", errno: errno)
            }
            if result == 0 { break }
            done += result
        }
        if done < count { output.removeLast(count - done) }
        return output
    }
}
