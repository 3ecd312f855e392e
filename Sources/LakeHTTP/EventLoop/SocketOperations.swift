import CLinux
import Glibc

/// Thin, typed wrappers over the socket calls the server needs, all through ``Syscall``.
enum SocketOperations {
    /// Opens the listening socket (non-blocking, `SO_REUSEADDR`). Every loop registers this
    /// one socket with `EPOLLEXCLUSIVE`, so a connection wakes a single loop — and a second
    /// server on the same port fails with `EADDRINUSE` instead of silently sharing it, as it
    /// would with `SO_REUSEPORT`.
    static func listen(host: String, port: Int, backlog: Int32) throws(IOError) -> (socket: Int32, port: Int) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let info = list else {
            throw IOError(code: EINVAL, call: "getaddrinfo(\(host)): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        let fd = try Syscall.blocking("socket") {
            socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        do throws(IOError) {
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
            try Syscall.blocking("bind") { bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) }
            try Syscall.blocking("listen") { Glibc.listen(fd, backlog) }
            return (fd, try localPort(fd))
        } catch {
            Syscall.close(fd)
            throw error
        }
    }

    /// Accepts one pending connection, non-blocking and close-on-exec, with its peer address.
    static func accept(_ listener: Int32) throws(IOError) -> IOResult<(Int32, String)> {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = try withUnsafeMutablePointer(to: &address) { pointer throws(IOError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress throws(IOError) in
                try Syscall.run("accept4") {
                    accept4(listener, socketAddress, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
        }
        guard case .processed(let fd) = result else { return .wouldBlock }
        return .processed((fd, describe(address)))
    }

    /// Reads into `buffer`; `.processed(0)` is the peer's end of stream.
    @inline(__always)
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> IOResult<Int> {
        try Syscall.run("recv") { recv(fd, buffer.baseAddress, buffer.count, 0) }
    }

    /// Writes up to two buffers in one call (a response head and its body, say): `send` for
    /// one, `sendmsg` for two — `send` skips copying in and checking a message header, which
    /// shows when one frame goes out to thousands of sockets.
    /// `MSG_NOSIGNAL` turns a closed peer into `EPIPE` rather than a process-killing SIGPIPE.
    @inline(__always)
    static func write(_ fd: Int32, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer?) throws(IOError) -> IOResult<Int> {
        guard let second else {
            return try Syscall.run("send") { send(fd, first.baseAddress, first.count, Int32(MSG_NOSIGNAL)) }
        }
        var vectors = (iovec(iov_base: UnsafeMutableRawPointer(mutating: first.baseAddress), iov_len: first.count),
                       iovec(iov_base: UnsafeMutableRawPointer(mutating: second.baseAddress), iov_len: second.count))
        return try withUnsafeMutableBytes(of: &vectors) { raw throws(IOError) in
            var message = msghdr()
            message.msg_iov = raw.baseAddress!.assumingMemoryBound(to: iovec.self)
            message.msg_iovlen = 2
            return try Syscall.run("sendmsg") { sendmsg(fd, &message, Int32(MSG_NOSIGNAL)) }
        }
    }

    /// Sets an integer socket option.
    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) throws(IOError) {
        var value = value
        try Syscall.blocking("setsockopt") { setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) }
    }

    private static func localPort(_ fd: Int32) throws(IOError) -> Int {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &address) { pointer throws(IOError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress throws(IOError) in
                try Syscall.blocking("getsockname") { getsockname(fd, socketAddress, &length) }
            }
        }
        return withUnsafeBytes(of: &address) { raw in
            let family = raw.load(as: sa_family_t.self)
            let port = family == sa_family_t(AF_INET6)
                ? raw.load(as: sockaddr_in6.self).sin6_port : raw.load(as: sockaddr_in.self).sin_port
            return Int(UInt16(bigEndian: port))
        }
    }

    private static func decodeCString(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `"127.0.0.1:53211"` or `"[::1]:53211"`.
    private static func describe(_ address: sockaddr_storage) -> String {
        var address = address
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        return withUnsafeBytes(of: &address) { raw in
            if raw.load(as: sa_family_t.self) == sa_family_t(AF_INET6) {
                var v6 = raw.load(as: sockaddr_in6.self)
                inet_ntop(AF_INET6, &v6.sin6_addr, &text, socklen_t(text.count))
                return "[\(decodeCString(text))]:\(UInt16(bigEndian: v6.sin6_port))"
            }
            var v4 = raw.load(as: sockaddr_in.self)
            inet_ntop(AF_INET, &v4.sin_addr, &text, socklen_t(text.count))
            return "\(decodeCString(text)):\(UInt16(bigEndian: v4.sin_port))"
        }
    }
}
