import Dispatch
import Synchronization

/// Runs numbered jobs on up to `threads` threads, stopping at the first error.
enum ParallelJobs {
    /// Calls `body(0) … body(count - 1)`, in order on the calling thread when `threads <= 1`,
    /// else spread over worker threads that each take the next unclaimed job.
    static func run(count: Int, threads: Int, _ body: (Int) throws(ParquetError) -> Void) throws(ParquetError) {
        guard threads > 1, count > 1 else {
            for job in 0..<count { try body(job) }
            return
        }
        let next = Atomic<Int>(0)
        let failure = Mutex<ParquetError?>(nil)
        withoutActuallyEscaping(body) { body in
            // The closure only runs during concurrentPerform, which returns after all workers finish.
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
                while true {
                    let job = next.add(1, ordering: .relaxed).oldValue
                    guard job < count, failure.withLock({ $0 == nil }) else { return }
                    do throws(ParquetError) { try work(job) } catch {
                        failure.withLock { if $0 == nil { $0 = error } }
                        return
                    }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
