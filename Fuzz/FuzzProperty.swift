import Glibc

/// `precondition` that keeps its message in optimised builds: prints what broke, then aborts,
/// so that libFuzzer saves the input. Compiled into the targets of Fuzz/run-modules.sh.
func require(_ holds: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !holds() { propertyFailed(message()) }
}

/// Reports a broken property and aborts.
func propertyFailed(_ message: String) -> Never {
    var line = "fuzz property failed: \(message)\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    abort()
}
