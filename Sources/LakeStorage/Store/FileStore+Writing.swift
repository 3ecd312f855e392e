import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Atomic writes, copies and deletes.
extension FileStore {
    @discardableResult
    public func put(_ key: String, bytes: [UInt8], contentType: String?) async throws -> ObjectInfo {
        try await BlockingIO.run {
            try writeAtomically(key) { descriptor, path in
                try bytes.withUnsafeBytes { try POSIXFile.writeAll(descriptor, $0, path: path) }
            }
            return Self.objectInfo(key: key, try regularFile(key))
        }
    }

    public func put(_ key: String, fileAt sourcePath: String, contentType: String?) async throws {
        try await BlockingIO.run {
            let source = try ReadOnlyFile(path: sourcePath)
            try writeAtomically(key) { descriptor, path in try Self.copyContents(of: source, to: descriptor, path: path) }
        }
    }

    public func copy(from source: String, to destination: String) async throws {
        try await BlockingIO.run {
            _ = try regularFile(source)
            let file = try ReadOnlyFile(path: try path(source))
            try writeAtomically(destination) { descriptor, path in try Self.copyContents(of: file, to: descriptor, path: path) }
        }
    }

    public func delete(_ key: String) async throws {
        try await deleteMany([key])
    }

    /// Unlinks every key, then fsyncs each directory that lost a file once (not once per file:
    /// a compaction deletes thousands of parts from one directory) and prunes directories left
    /// empty. The deletions are durable when this returns.
    public func deleteMany(_ keys: [String]) async throws {
        try await BlockingIO.run {
            var directories: Set<String> = []
            for key in keys {
                let path = try path(key)
                guard unlink(path) == 0 else {
                    if errno == ENOENT || errno == ENOTDIR { continue }
                    throw ObjectStoreError.io(path: path, operation: "unlink", errno: errno)
                }
                directories.insert((path as NSString).deletingLastPathComponent)
            }
            for directory in directories.sorted() {
                try POSIXFile.syncDirectory(directory)
                removeEmptyDirectories(from: directory)
            }
        }
    }

    /// Writes through `fill` into a temporary file beside the key, fsyncs it, renames it
    /// over the key and fsyncs the directory, and the parents of directories it had to
    /// create, so the object survives a crash once this returns.
    private func writeAtomically(_ key: String, fill: (Int32, String) throws -> Void) throws {
        let path = try path(key)
        let directory = (path as NSString).deletingLastPathComponent
        let created = try POSIXFile.makeDirectories(directory)
        if let existing = try POSIXFile.fileStatus(path), existing.st_mode & S_IFMT == S_IFDIR {
            throw ObjectStoreError.invalidKey(key, reason: "a directory of keys already uses this name")
        }
        let temporary = directory + "/" + ObjectKey.temporaryPrefix + UUID().uuidString
        let descriptor = try POSIXFile.openFile(temporary, flags: O_WRONLY | O_CREAT | O_EXCL)
        do {
            try fill(descriptor, temporary)
            try POSIXFile.sync(descriptor, path: temporary)
            close(descriptor)
            guard rename(temporary, path) == 0 else { throw ObjectStoreError.io(path: path, operation: "rename", errno: errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        try POSIXFile.syncDirectory(directory)
        for newDirectory in created.reversed() {
            try POSIXFile.syncDirectory((newDirectory as NSString).deletingLastPathComponent)
        }
    }

    private static func copyContents(of source: ReadOnlyFile, to descriptor: Int32, path: String) throws {
        var offset: Int64 = 0
        while offset < source.size {
            let chunk = try source.read(offset: offset, count: Int(min(Int64(chunkSize), source.size - offset)))
            if chunk.isEmpty { break }
            try chunk.withUnsafeBytes { try POSIXFile.writeAll(descriptor, $0, path: path) }
            offset += Int64(chunk.count)
        }
    }

    /// Removes directories left empty by a delete, up to (not including) the root, so
    /// listings do not show prefixes without objects. Stops at the first non-empty one.
    private func removeEmptyDirectories(from directory: String) {
        var current = directory
        while current.count > root.count, current.hasPrefix(root + "/"), rmdir(current) == 0 {
            current = (current as NSString).deletingLastPathComponent
        }
    }
}
