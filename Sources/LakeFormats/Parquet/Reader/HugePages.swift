#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back a large, not yet touched buffer with transparent huge pages.
/// Decoding writes hundreds of MiB into fresh arrays; with 4 KiB pages the page faults
/// alone cost about as much as the decoding (Linux with THP in `madvise` mode).
enum HugePages {
    private static let size = 2 << 20

    /// Advises the 2 MiB-aligned part of `buffer`; a no-op elsewhere or for small buffers.
    static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard let base = buffer.baseAddress, buffer.count >= 2 * size else { return }
        let start = (Int(bitPattern: base) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(size - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        // Advice only: failure (e.g. THP disabled) changes nothing but speed.
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }
}
