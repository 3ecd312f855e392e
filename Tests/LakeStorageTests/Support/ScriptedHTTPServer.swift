import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 for fault and credential tests: each request is
/// recorded and answered by the `respond` closure (or never answered, to simulate a
/// hung server). One thread per connection; keep-alive supported.
final class ScriptedHTTPServer: @unchecked Sendable {
    // `lock` guards `recorded`, `connections` and `stopped`. Only the accept thread
    // closes the listener and only a connection's own thread closes it (after removing
    // it from `connections` under the lock), so `stop()` never touches a descriptor
    // number that was closed and reused by another test's socket.
    struct Request: Sendable {
        let method: String
        let target: String
        let headers: [String: String]
        let body: [UInt8]
    }

    enum Reply: Sendable {
        case respond(status: Int, headers: [(String, String)] = [], body: [UInt8] = [])
        /// Read the request, then say nothing until the server stops.
        case hang
        /// Announce `body` in full but send only its first `sent` bytes, then close.
        case truncate(status: Int, headers: [(String, String)] = [], body: [UInt8], sent: Int)
    }

    let port: Int
    private let listener: Int32
    private let respond: @Sendable (Request, Int) -> Reply
    private let lock = NSLock()
    private var recorded: [Request] = []
    private var connections: Set<Int32> = []
    private var stopped = false

    /// Starts listening; `respond` gets each request and its 0-based index.
    init(respond: @escaping @Sendable (Request, Int) -> Reply) throws {
        self.respond = respond
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        guard bound, listen(listener, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far.
    var requests: [Request] { lock.withLock { recorded } }

    /// Closes the listener and every connection.
    func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            shutdown(listener, Int32(SHUT_RDWR))  // wakes accept(); the accept thread closes it
            for connection in connections { shutdown(connection, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                close(listener)
                return
            }
            let accepted = lock.withLock {
                guard !stopped else { return false }
                connections.insert(connection)
                return true
            }
            guard accepted else {
                close(connection)
                continue
            }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer {
            lock.withLock { _ = connections.remove(connection) }
            close(connection)
        }
        var buffer: [UInt8] = []
        while let request = readRequest(connection, buffer: &buffer) {
            let index = lock.withLock { recorded.append(request); return recorded.count - 1 }
            switch respond(request, index) {
            case .hang:
                var byte: UInt8 = 0
                _ = recv(connection, &byte, 1, 0)  // returns when the peer or stop() closes
                return
            case .truncate(let status, let headers, let body, let sent):
                var head = "HTTP/1.1 \(status) Scripted\r\nContent-Length: \(body.count)\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                let bytes = Array((head + "\r\n").utf8) + body.prefix(sent)
                _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                return
            case .respond(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) Scripted\r\nContent-Length: \(body.count)\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                let bytes = Array((head + "\r\n").utf8) + (request.method == "HEAD" ? [] : body)
                guard bytes.withUnsafeBytes({ send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else { return }
            }
        }
    }

    private func readRequest(_ connection: Int32, buffer: inout [UInt8]) -> Request? {
        let separator: [UInt8] = [13, 10, 13, 10]
        while buffer.firstRange(of: separator) == nil {
            guard receive(connection, into: &buffer) else { return nil }
        }
        let headEnd = buffer.firstRange(of: separator)!
        let lines = String(decoding: buffer[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < headEnd.upperBound + length {
            guard receive(connection, into: &buffer) else { return nil }
        }
        let body = Array(buffer[headEnd.upperBound..<(headEnd.upperBound + length)])
        buffer.removeFirst(headEnd.upperBound + length)
        return Request(method: String(requestLine[0]), target: requestLine.count > 1 ? String(requestLine[1]) : "/", headers: headers, body: body)
    }

    private func receive(_ connection: Int32, into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }
}
