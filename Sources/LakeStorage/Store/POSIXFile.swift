import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Thin wrappers over the POSIX calls `FileStore` needs: EINTR retried, failures thrown
/// as `ObjectStoreError.io` naming the path and the call.
enum POSIXFile {
    static func openFile(_ path: String, flags: Int32, mode: mode_t = 0o644) throws -> Int32 {
        while true {
            let descriptor = open(path, flags | O_CLOEXEC, mode)
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { throw ObjectStoreError.io(path: path, operation: "open", errno: errno) }
        }
    }

    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ObjectStoreError.io(path: path, operation: "write", errno: errno)
            }
            offset += written
        }
    }

    static func sync(_ descriptor: Int32, path: String) throws {
        guard fsync(descriptor) == 0 else { throw ObjectStoreError.io(path: path, operation: "fsync", errno: errno) }
    }

    /// fsyncs a directory so a rename or unlink inside it survives a crash.
    static func syncDirectory(_ path: String) throws {
        let descriptor = try openFile(path, flags: O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        try sync(descriptor, path: path)
    }

    static func fileStatus(_ path: String) throws -> stat? {
        var info = stat()
        if stat(path, &info) == 0 { return info }
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw ObjectStoreError.io(path: path, operation: "stat", errno: errno)
    }

    /// `mkdir -p`; returns the directories it created, outermost first.
    @discardableResult
    static func makeDirectories(_ path: String) throws -> [String] {
        if mkdir(path, 0o755) == 0 { return [path] }
        if errno == EEXIST { return [] }
        guard errno == ENOENT else { throw ObjectStoreError.io(path: path, operation: "mkdir", errno: errno) }
        var created = try makeDirectories((path as NSString).deletingLastPathComponent)
        if mkdir(path, 0o755) == 0 {
            created.append(path)
        } else if errno != EEXIST {
            throw ObjectStoreError.io(path: path, operation: "mkdir", errno: errno)
        }
        return created
    }

    /// Names in a directory (without `.` and `..`), and whether each is a directory.
    static func entries(_ path: String) throws -> [(name: String, isDirectory: Bool)] {
        guard let directory = opendir(path) else {
            if errno == ENOENT || errno == ENOTDIR { return [] }
            throw ObjectStoreError.io(path: path, operation: "opendir", errno: errno)
        }
        defer { closedir(directory) }
        var result: [(name: String, isDirectory: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            if name == "." || name == ".." { continue }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                isDirectory = (try fileStatus(path + "/" + name)).map { $0.st_mode & S_IFMT == S_IFDIR } ?? false
            }
            result.append((name, isDirectory))
        }
        return result
    }
}
