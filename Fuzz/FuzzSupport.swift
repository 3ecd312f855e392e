import Glibc

// Helpers compiled into the targets of Fuzz/run-modules.sh.

/// `precondition` that keeps its message in optimised builds: prints what broke, then aborts,
/// so that libFuzzer saves the input.
func require(_ holds: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !holds() { propertyFailed(message()) }
}

/// Reports a broken property and aborts.
func propertyFailed(_ message: String) -> Never {
    var line = "fuzz property failed: \(message)\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    abort()
}

/// Runs `body` with the path of a file holding `bytes`, for readers that take a path; the file
/// is removed afterwards.
func withTemporaryFile<Result>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (String) throws -> Result) rethrows -> Result {
    let path = "/tmp/candlelake-fuzz-\(getpid()).input"
    let file = fopen(path, "wb")!
    require(fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count, "cannot write \(path)")
    fclose(file)
    defer { unlink(path) }
    return try body(path)
}
