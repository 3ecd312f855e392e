import Dispatch

/// Runs blocking file-system work off Swift's cooperative thread pool (which has one
/// thread per core: a slow disk would otherwise stall every task). The queue is
/// concurrent and targets an overcommitting global queue, so it adds threads while
/// work is blocked.
enum BlockingIO {
    private static let queue = DispatchQueue(label: "candlelake.blocking-io", qos: .userInitiated, attributes: .concurrent)

    /// `work`'s result, computed on the I/O queue.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
