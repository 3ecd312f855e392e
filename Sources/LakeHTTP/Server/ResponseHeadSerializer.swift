/// Writes a response's status line and header section.
enum ResponseHeadSerializer {
    /// How the body that follows the head is delimited.
    enum Framing: Equatable {
        case contentLength(Int)
        case chunked
        /// The body ends when the connection closes (HTTP/1.0 clients, unknown length).
        case untilClose
        /// 1xx, 204, 304: no body and no length header.
        case none
    }

    /// Appends the head bytes to `head`: status line, `Server`, `Date`, the response's own
    /// fields, framing and `Connection`. Header validity was checked when the response left its
    /// handler.
    static func serialize(_ response: borrowing HTTPResponse, framing: Framing, keepAlive: Bool, http10: Bool,
                          serverLine: [UInt8], dateLine: [UInt8], into head: inout [UInt8]) {
        head.reserveCapacity(head.count + 256)
        head.append(ascii: "HTTP/1.1 ")
        head.append(decimal: response.status.code)
        head.append(UInt8(ascii: " "))
        head.append(ascii: response.status.reason)
        head.append(ascii: "\r\n")
        head.append(bytesOf: serverLine)
        head.append(bytesOf: dateLine)
        let fields = response.headers.fields
        for index in fields.indices {
            head.append(ascii: fields[index].name)
            head.append(ascii: ": ")
            head.append(ascii: fields[index].value)
            head.append(ascii: "\r\n")
        }
        switch framing {
        case .contentLength(let length):
            head.append(ascii: "Content-Length: ")
            head.append(decimal: length)
            head.append(ascii: "\r\n")
        case .chunked:
            head.append(ascii: "Transfer-Encoding: chunked\r\n")
        case .untilClose, .none:
            break
        }
        if response.status.code != 101 {
            if !keepAlive {
                head.append(ascii: "Connection: close\r\n")
            } else if http10 {
                head.append(ascii: "Connection: keep-alive\r\n")
            }
        }
        head.append(ascii: "\r\n")
    }
}
