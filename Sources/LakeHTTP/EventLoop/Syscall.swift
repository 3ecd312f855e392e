import Glibc

/// What a non-blocking system call did: it ran, or it would have blocked.
enum IOResult<Value> {
    case processed(Value)
    case wouldBlock
}

/// The one wrapper every system call of this module goes through.
///
/// It retries `EINTR`, maps `EAGAIN` to ``IOResult/wouldBlock``, traps on `EBADF`/`EFAULT`
/// (a closed or wild descriptor or pointer is a bug here, never the peer's doing) and
/// throws ``IOError`` for everything else.
enum Syscall {
    @inline(__always)
    static func run<Result: FixedWidthInteger>(
        _ name: StaticString, _ body: () -> Result
    ) throws(IOError) -> IOResult<Result> {
        while true {
            let result = body()
            if result >= 0 { return .processed(result) }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN:
                return .wouldBlock
            case EBADF, EFAULT:
                fatalError("\(name) failed with errno \(code): a bug in LakeHTTP's descriptor handling")
            default:
                throw IOError(code: code, call: "\(name)")
            }
        }
    }

    /// Like ``run(_:_:)`` for calls that never legitimately return `EAGAIN`.
    @inline(__always)
    @discardableResult
    static func blocking<Result: FixedWidthInteger>(
        _ name: StaticString, _ body: () -> Result
    ) throws(IOError) -> Result {
        switch try run(name, body) {
        case .processed(let value): return value
        case .wouldBlock: throw IOError(code: EAGAIN, call: "\(name)")
        }
    }

    /// Closes a descriptor. `EINTR` is not retried: on Linux the descriptor is already
    /// gone by then, and a retry could close a descriptor another thread just opened.
    static func close(_ descriptor: Int32) {
        if Glibc.close(descriptor) == -1 && errno == EBADF {
            fatalError("close(\(descriptor)) failed with EBADF: closed twice")
        }
    }
}
