import Foundation
import Synchronization

/// Process metrics for `/status` from `/proc/self`: resident memory, CPU use since the
/// previous sample, and thread count.
final class SystemMetrics: Sendable {
    /// One reading.
    struct Sample: Encodable, Equatable {
        let memoryMB: Double
        let cpuPercent: Double
        let threads: Int

        enum CodingKeys: String, CodingKey {
            case memoryMB = "memory_mb", cpuPercent = "cpu_percent", threads
        }
    }

    private struct Previous {
        var cpuTicks: Int64
        var wallSeconds: Double
    }

    private let previous: Mutex<Previous>
    private let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    init() {
        previous = Mutex(Previous(cpuTicks: Self.cpuTicks() ?? 0, wallSeconds: Self.now()))
    }

    /// Memory and threads now; CPU as a percentage of one core since the last call.
    func sample() -> Sample {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Double? { Self.statusField(name, in: status) }
        let ticks = Self.cpuTicks() ?? 0
        let now = Self.now()
        let cpu = previous.withLock { previous -> Double in
            let elapsed = now - previous.wallSeconds
            let used = Double(ticks - previous.cpuTicks) / ticksPerSecond
            previous = Previous(cpuTicks: ticks, wallSeconds: now)
            return elapsed > 0 ? (used / elapsed * 1000).rounded() / 10 : 0
        }
        let residentKB = field("VmRSS") ?? 0
        return Sample(memoryMB: (residentKB / 1024 * 10).rounded() / 10, cpuPercent: cpu, threads: Int(field("Threads") ?? 0))
    }

    /// The number in a `/proc/PID/status` line such as `Threads:\t7` or `VmRSS:\t  34740 kB`
    /// (the kernel separates name and value with a tab, then pads with spaces).
    static func statusField(_ name: String, in status: String) -> Double? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return nil }
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Double($0) }
    }

    /// utime + stime from `/proc/self/stat` (fields 14 and 15, after the parenthesised name).
    private static func cpuTicks() -> Int64? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int64(fields[11]), let system = Int64(fields[12]) else { return nil }
        return user + system
    }

    private static func now() -> Double { Date().timeIntervalSince1970 }
}
