import Foundation
import Synchronization

/// This process's resident anonymous memory (heap and stacks: `RssAnon` in
/// `/proc/self/status`), and a sampler that records its peak while a test runs, for tests that
/// a transfer keeps memory bounded. Pages of memory-mapped files are left out: they belong to
/// the page cache, which the kernel drops at will, and are not memory the process holds.
public final class ResidentMemory: Sendable {
    /// Resident anonymous bytes now; 0 when `/proc` cannot be read (Linux only).
    public static func current() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("RssAnon:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return kilobytes * 1024
    }

    private struct Samples {
        var peak = 0
        var running = true
    }

    private let samples = Mutex(Samples())

    /// Starts sampling every `interval` on a thread of its own.
    public init(interval: Duration = .milliseconds(10)) {
        samples.withLock { $0.peak = Self.current() }
        let thread = Thread { [self] in
            while samples.withLock({ $0.running }) {
                let now = Self.current()
                samples.withLock { $0.peak = max($0.peak, now) }
                Thread.sleep(forTimeInterval: Double(interval.components.attoseconds) / 1e18 + Double(interval.components.seconds))
            }
        }
        thread.start()
    }

    /// Stops sampling and returns the highest resident size seen, in bytes.
    public func stop() -> Int {
        let now = Self.current()
        return samples.withLock { samples in
            samples.running = false
            return max(samples.peak, now)
        }
    }
}
