import CLinux

/// glibc malloc thresholds that keep freed memory in the heap for reuse.
///
/// By default glibc serves every allocation above 128 KiB with its own `mmap` and returns it
/// to the kernel when freed (and trims the heap top above 128 KiB), so a server building a
/// ~150 KB response per request pays for ~35 freshly zeroed pages each time — page faults
/// that cost more than writing the JSON. Raising both thresholds makes such buffers come from
/// the heap and stay there, as jemalloc or mimalloc would do. The settings are process-wide.
public struct MallocThresholds: Sendable, Equatable {
    /// Allocations at least this large get their own `mmap` (glibc's maximum: 32 MiB).
    public var mmapThreshold: Int32 = 32 * 1024 * 1024
    /// Free memory at the heap top above which glibc gives it back to the kernel.
    public var trimThreshold: Int32 = 256 * 1024 * 1024

    /// The defaults above.
    public init() {}

    /// Sets the thresholds with `mallopt`, unless `GLIBC_TUNABLES` already tunes malloc (the
    /// operator's choice wins). Returns whether they were set.
    @discardableResult
    public func apply(environment: [String: String]) -> Bool {
        if let tunables = environment["GLIBC_TUNABLES"], tunables.contains("glibc.malloc.") { return false }
        return mallopt(M_MMAP_THRESHOLD, mmapThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, trimThreshold) == 1
    }
}
