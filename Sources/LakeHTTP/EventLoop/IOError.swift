import Glibc

/// A failed system call: which call and the `errno` it set.
///
/// Only errors the network or the peer can cause end up here; `EBADF` and `EFAULT` mean a
/// bug in this module and trap instead (see ``Syscall``).
public struct IOError: Error, CustomStringConvertible, Sendable {
    /// The `errno` value.
    public let code: Int32
    /// The name of the system call that failed.
    public let call: String

    /// Wraps `errno` of `call`.
    public init(code: Int32, call: String) {
        self.code = code
        self.call = call
    }

    /// `"recv: Connection reset by peer (errno 104)"`.
    public var description: String {
        "\(call): \(String(cString: strerror(code))) (errno \(code))"
    }
}
