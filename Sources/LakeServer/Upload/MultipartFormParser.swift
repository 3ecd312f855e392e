import Glibc

/// An incremental, bounded `multipart/form-data` parser (RFC 7578 over RFC 2046 §5.1).
///
/// Feed the body in chunks of any size; the parser reports each part's headers, its content
/// in pieces as they arrive (holding back at most one delimiter's length, so a file part
/// streams to disk instead of collecting in memory), and its end. Limits on the number of
/// parts and on header bytes are checked on every chunk before anything is stored.
///
/// ```swift
/// var parser = try MultipartFormParser(contentType: request.headers["content-type"])
/// try parser.feed(chunk) { event in … }
/// try parser.finish()
/// ```
struct MultipartFormParser {
    /// The bounds the parser enforces.
    struct Limits {
        /// Most parts in one form. Default 32.
        var maximumParts = 32
        /// Most header bytes of one part. Default 8 KiB.
        var maximumHeaderBytes = 8 * 1024
    }

    /// What the parser found.
    enum Event: Equatable {
        /// A part starts.
        case partStart(MultipartPartHeaders)
        /// The next bytes of the current part's content.
        case content(ArraySlice<UInt8>)
        /// The current part ended.
        case partEnd
    }

    private enum State {
        case preamble, afterBoundary, headers, content, epilogue
    }

    private static let blankLine: [UInt8] = Array("\r\n\r\n".utf8)
    private let limits: Limits
    /// `--boundary` (the first delimiter may start the body without the leading CRLF).
    private let dashBoundary: [UInt8]
    /// `\r\n--boundary`, which ends every part's content.
    private let delimiter: [UInt8]
    private var state = State.preamble
    private var pending: [UInt8] = []
    private var parts = 0

    /// A parser for `boundary` (1–70 characters, RFC 2046).
    init(boundary: String, limits: Limits = Limits()) throws(MultipartError) {
        guard (1...70).contains(boundary.utf8.count), boundary.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), boundary.utf8.last != 0x20 else {
            throw MultipartError("boundary must be 1–70 printable characters")
        }
        self.limits = limits
        dashBoundary = Array("--\(boundary)".utf8)
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// A parser for the boundary named by a `multipart/form-data; boundary=…` Content-Type.
    init(contentType: String?, limits: Limits = Limits()) throws(MultipartError) {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else {
            throw MultipartError("Content-Type must be multipart/form-data")
        }
        guard let boundary = HeaderParameters(contentType)["boundary"] else {
            throw MultipartError("Content-Type has no boundary parameter")
        }
        try self.init(boundary: boundary, limits: limits)
    }

    /// Consumes `bytes`, reporting events to `handle` in order.
    mutating func feed(_ bytes: some Collection<UInt8>, _ handle: (Event) throws -> Void) throws {
        pending.append(contentsOf: bytes)
        var offset = 0
        defer { pending.removeFirst(offset) }
        while true {
            switch state {
            case .preamble:
                // The body normally starts with the delimiter; anything before it is a preamble.
                guard let found = Self.search(dashBoundary, in: pending, from: offset) else {
                    offset = max(offset, pending.count - dashBoundary.count)
                    return
                }
                offset = found + dashBoundary.count
                state = .afterBoundary
            case .afterBoundary:
                guard pending.count - offset >= 2 else { return }
                let next = (pending[offset], pending[offset + 1])
                if next == (UInt8(ascii: "-"), UInt8(ascii: "-")) {
                    state = .epilogue
                    offset = pending.count
                    return
                }
                // Transport padding (spaces/tabs) may follow a delimiter before its CRLF.
                var index = offset
                while index < pending.count, pending[index] == UInt8(ascii: " ") || pending[index] == UInt8(ascii: "\t") { index += 1 }
                guard pending.count - index >= 2 else { return }
                guard pending[index] == UInt8(ascii: "\r"), pending[index + 1] == UInt8(ascii: "\n") else {
                    throw MultipartError("delimiter is not followed by CRLF")
                }
                parts += 1
                guard parts <= limits.maximumParts else { throw MultipartError("more than \(limits.maximumParts) parts") }
                offset = index
                state = .headers
            case .headers:
                // `offset` is at the CRLF ending the delimiter line; the headers end at the first
                // CRLF CRLF from there (immediately, for a part without headers).
                guard let end = Self.search(Self.blankLine, in: pending, from: offset) else {
                    guard pending.count - offset <= limits.maximumHeaderBytes else {
                        throw MultipartError("part headers exceed \(limits.maximumHeaderBytes) bytes")
                    }
                    return
                }
                guard end - offset <= limits.maximumHeaderBytes else {
                    throw MultipartError("part headers exceed \(limits.maximumHeaderBytes) bytes")
                }
                try handle(.partStart(try MultipartPartHeaders(parsing: pending[(offset + 2)..<(end + 2)])))
                offset = end + 4
                state = .content
            case .content:
                if let found = Self.search(delimiter, in: pending, from: offset) {
                    if found > offset { try handle(.content(pending[offset..<found])) }
                    try handle(.partEnd)
                    offset = found + delimiter.count
                    state = .afterBoundary
                } else {
                    // Everything but a possible delimiter prefix at the end is content.
                    let safeEnd = max(offset, pending.count - (delimiter.count - 1))
                    if safeEnd > offset { try handle(.content(pending[offset..<safeEnd])) }
                    offset = safeEnd
                    return
                }
            case .epilogue:
                offset = pending.count
                return
            }
        }
    }

    /// Checks that the closing delimiter arrived.
    func finish() throws(MultipartError) {
        guard state == .epilogue else { throw MultipartError("body ends before the closing boundary") }
    }

    /// The first index of `needle` in `haystack` at or after `start`. `memchr` finds each
    /// candidate first byte (a vectorised scan: file content is mostly not `\r`), `memcmp`
    /// checks the rest.
    static func search(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count - start >= needle.count else { return nil }
        return haystack.withUnsafeBytes { hay -> Int? in
            needle.withUnsafeBytes { pattern -> Int? in
                guard let base = hay.baseAddress, let wanted = pattern.baseAddress else { return nil }
                let last = hay.count - pattern.count
                var index = start
                while index <= last {
                    guard let candidate = memchr(base + index, Int32(first), last - index + 1) else { return nil }
                    let position = base.distance(to: UnsafeRawPointer(candidate))
                    if memcmp(candidate, wanted, pattern.count) == 0 { return position }
                    index = position + 1
                }
                return nil
            }
        }
    }
}

/// A malformed or over-limit multipart body.
struct MultipartError: Error, Equatable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
