import Foundation
import Glibc

/// What the machine is and how much of it this process holds, read from the kernel each time
/// it is asked: the system (`uname`), online processors, memory (`/proc/meminfo`) and the
/// process's resident set and threads (`/proc/self/status`).
struct MachineInfo: Encodable, Equatable {
    /// `uname(2)`'s answer.
    struct OperatingSystem: Encodable, Equatable {
        let name, release, version, machine, hostname: String
    }

    /// Memory of the machine (`MemTotal`, `MemAvailable`) and of this process (`VmRSS`), in bytes.
    struct Memory: Encodable, Equatable {
        let totalBytes, availableBytes, processResidentBytes: Int64

        enum CodingKeys: String, CodingKey {
            case totalBytes = "total_bytes", availableBytes = "available_bytes", processResidentBytes = "process_resident_bytes"
        }
    }

    let os: OperatingSystem
    let cpuCount: Int
    let memory: Memory
    /// Threads of this process (not encoded here: the service block reports them).
    let processThreads: Int

    enum CodingKeys: String, CodingKey {
        case os, cpuCount = "cpu_count", memory
    }

    /// The values now.
    static func current() -> MachineInfo {
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func kilobytes(_ name: String, in text: String) -> Int64 { Int64(SystemMetrics.statusField(name, in: text) ?? 0) * 1024 }
        return MachineInfo(os: operatingSystem(), cpuCount: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))),
                           memory: Memory(totalBytes: kilobytes("MemTotal", in: meminfo), availableBytes: kilobytes("MemAvailable", in: meminfo),
                                          processResidentBytes: kilobytes("VmRSS", in: status)),
                           processThreads: Int(SystemMetrics.statusField("Threads", in: status) ?? 0))
    }

    /// `uname(2)`: kernel name, release, version, hardware and node name.
    static func operatingSystem() -> OperatingSystem {
        var names = utsname()
        guard uname(&names) == 0 else { return OperatingSystem(name: "", release: "", version: "", machine: "", hostname: "") }
        // Each field is a fixed-size, NUL-terminated C array imported as a tuple.
        func text<Field>(_ field: Field) -> String {
            withUnsafeBytes(of: field) { bytes in String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return OperatingSystem(name: text(names.sysname), release: text(names.release), version: text(names.version),
                               machine: text(names.machine), hostname: text(names.nodename))
    }
}
