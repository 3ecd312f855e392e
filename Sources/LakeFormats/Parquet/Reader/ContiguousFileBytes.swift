#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Immutable bytes of a whole file: memory-mapped read-only, or a heap copy.
///
/// `@unchecked Sendable`: the memory is never written after `init` and lives until `deinit`,
/// so concurrent reads from any thread are safe.
public final class ContiguousFileBytes: @unchecked Sendable {
    /// The file's bytes, valid for the lifetime of this object.
    public let bytes: UnsafeRawBufferPointer
    private let isMapped: Bool

    /// A heap copy of `source`.
    public init(copying source: [UInt8]) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(source.count, 1), alignment: 16)
        source.withUnsafeBytes { memory.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(memory)[0..<source.count])
        isMapped = false
    }

    /// Maps the file at `path` read-only. `prefault` reads the whole file in at once (right
    /// for reading most of it); without it, only the pages touched are read, so a reader of a
    /// footer and one column keeps its resident memory to those.
    public init(mapping path: String, prefault: Bool = true) throws(ParquetError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ParquetError(.io, "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ParquetError(.io, "cannot stat \(path)") }
        let size = Int(status.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            isMapped = false
            return
        }
        #if os(Linux)
        // Fault the whole file in at once: much cheaper than a page fault per 4 KiB later.
        let flags = prefault ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, descriptor, 0), address != MAP_FAILED else {
            throw ParquetError(.io, "cannot map \(path): \(String(cString: strerror(errno)))")
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
        isMapped = true
    }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else if let base = bytes.baseAddress {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    /// A copy of `length` bytes at `offset`, which must lie inside the file.
    public func slice(offset: Int, length: Int) throws(ParquetError) -> [UInt8] {
        guard offset >= 0, length >= 0, offset <= bytes.count - length else {
            throw ParquetError(.io, "range \(offset)+\(length) outside the \(bytes.count)-byte file")
        }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]))
    }
}
