#if canImport(Glibc)
import Glibc
#endif
import LakeStorage

/// A forward-only reader of JSON text (RFC 8259) over raw bytes, for request bodies too large
/// to decode into Foundation objects one dictionary per element (100,000 trades).
///
/// It checks the grammar as it goes and hands out strings and numbers as byte ranges, so a
/// caller reads only the members it wants and skips the rest. Nesting is limited to
/// ``maximumDepth``, so no input can exhaust the stack.
///
/// ```swift
/// var cursor = JSONCursor(bytes)
/// try cursor.enter(.array)
/// var first = true
/// while try cursor.next(in: .array, isFirst: &first) { let price = try cursor.number(); … }
/// try cursor.finish()
/// ```
struct JSONCursor {
    /// Why the text is not JSON, and where.
    struct SyntaxError: Error, Sendable, CustomStringConvertible {
        /// Byte offset of the problem.
        let offset: Int
        let reason: String
        var description: String { "\(reason) at byte \(offset)" }
    }

    /// A container's kind: its opening and closing bytes.
    enum Container {
        case object, array
        var open: UInt8 { self == .object ? UInt8(ascii: "{") : UInt8(ascii: "[") }
        var close: UInt8 { self == .object ? UInt8(ascii: "}") : UInt8(ascii: "]") }
    }

    /// A string value: the bytes between its quotes, still escaped when ``hasEscapes``.
    struct StringToken {
        let range: Range<Int>
        let hasEscapes: Bool
    }

    /// The deepest nesting of arrays and objects accepted.
    static let maximumDepth = 64

    let bytes: UnsafeRawBufferPointer
    private(set) var position = 0
    private var depth = 0

    /// A cursor at the start of `bytes`, which must outlive it.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The next significant byte without consuming it; nil at the end.
    mutating func peek() -> UInt8? {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return byte }
            position += 1
        }
        return nil
    }

    /// Consumes the opening bracket of `container`.
    mutating func enter(_ container: Container) throws(SyntaxError) {
        guard peek() == container.open else { throw fail("expected '\(Character(UnicodeScalar(container.open)))'") }
        guard depth < Self.maximumDepth else { throw fail("nested deeper than \(Self.maximumDepth) levels") }
        depth += 1
        position += 1
    }

    /// Whether another element (or member) of the open `container` follows: consumes the `,`
    /// before it, or the closing bracket (then false). Pass `true` in `isFirst` for the first call.
    mutating func next(in container: Container, isFirst: inout Bool) throws(SyntaxError) -> Bool {
        let byte = peek()
        if byte == container.close {
            position += 1
            depth -= 1
            return false
        }
        if isFirst {
            isFirst = false
            guard byte != nil else { throw fail("unexpected end of input") }
            return true
        }
        guard byte == UInt8(ascii: ",") else { throw fail("expected ',' or '\(Character(UnicodeScalar(container.close)))'") }
        position += 1
        return true
    }

    /// A member name and its `:`.
    mutating func key() throws(SyntaxError) -> StringToken {
        let name = try string()
        guard peek() == UInt8(ascii: ":") else { throw fail("expected ':' after a member name") }
        position += 1
        return name
    }

    /// A string value.
    mutating func string() throws(SyntaxError) -> StringToken {
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a string") }
        position += 1
        let start = position
        var hasEscapes = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return StringToken(range: start..<(position - 1), hasEscapes: hasEscapes)
            }
            if byte < 0x20 { throw fail("control character in a string") }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                position += 1
                guard position < bytes.count else { break }
                switch bytes[position] {
                case UInt8(ascii: "u"):
                    guard position + 4 < bytes.count, (1...4).allSatisfy({ Hex.value(ofDigit: bytes[position + $0]) != nil }) else {
                        throw fail("bad \\u escape")
                    }
                    position += 4
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): break
                default: throw fail("bad escape")
                }
            }
            position += 1
        }
        throw fail("unterminated string")
    }

    /// A number value's text, checked against JSON's grammar.
    mutating func number() throws(SyntaxError) -> Range<Int> {
        _ = peek()
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        guard skipDigits() > 0 else { throw fail("expected a value") }
        if bytes[integerStart] == UInt8(ascii: "0"), position - integerStart > 1 { throw fail("leading zero in a number") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard skipDigits() > 0 else { throw fail("expected digits after '.'") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard skipDigits() > 0 else { throw fail("expected digits in an exponent") }
        }
        return start..<position
    }

    /// Skips one value of any kind.
    mutating func skipValue() throws(SyntaxError) {
        switch peek() {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"):
            try enter(.object)
            var first = true
            while try next(in: .object, isFirst: &first) {
                _ = try key()
                try skipValue()
            }
        case UInt8(ascii: "["):
            try enter(.array)
            var first = true
            while try next(in: .array, isFirst: &first) { try skipValue() }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case nil: throw fail("unexpected end of input")
        default: _ = try number()
        }
    }

    /// Checks that only whitespace follows the value.
    mutating func finish() throws(SyntaxError) {
        guard peek() == nil else { throw fail("unexpected text after the JSON value") }
    }

    /// The value of a number token, or nil when it overflows a Double.
    func double(_ range: Range<Int>) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: range.count + 1) { buffer in
            for (offset, index) in range.enumerated() { buffer[offset] = CChar(bitPattern: bytes[index]) }
            buffer[range.count] = 0
            let value = strtod(buffer.baseAddress!, nil)
            return value.isFinite ? value : nil
        }
    }

    /// The value of decimal digits with an optional leading `-` (a number token written as an
    /// integer, or a string of digits) when it fits in Int64; nil for anything else.
    static func integer(_ text: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < text.count else { return nil }
        var value: Int64 = 0
        while index < text.count {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = shifted.addingReportingOverflow(negative ? -Int64(digit) : Int64(digit))
            guard !overflow, !overflowSum else { return nil }
            value = sum
            index += 1
        }
        return value
    }

    /// The unescaped UTF-8 bytes of a string token.
    func unescaped(_ token: StringToken) -> [UInt8] {
        guard token.hasEscapes else { return Array(bytes[token.range]) }
        var output: [UInt8] = []
        output.reserveCapacity(token.range.count)
        var index = token.range.lowerBound
        var pendingHighSurrogate: UInt32?
        while index < token.range.upperBound {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let escape = bytes[index + 1]
            index += 2
            guard escape == UInt8(ascii: "u") else {
                let simple: [UInt8: UInt8] = [UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
                                              UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09]
                output.append(simple[escape] ?? escape)
                continue
            }
            let unit = (0..<4).reduce(UInt32(0)) { $0 << 4 | UInt32(Hex.value(ofDigit: bytes[index + $1])!) }
            index += 4
            var scalar = unit
            if (0xD800...0xDBFF).contains(unit) {
                pendingHighSurrogate = unit
                continue
            }
            if (0xDC00...0xDFFF).contains(unit), let high = pendingHighSurrogate {
                scalar = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
            }
            pendingHighSurrogate = nil
            output.append(contentsOf: Array(String(UnicodeScalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
        }
        return output
    }

    /// Whether a string token is exactly `text` (after unescaping).
    func matches(_ token: StringToken, _ text: StaticString) -> Bool {
        guard !token.hasEscapes else { return unescaped(token).elementsEqual(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        guard token.range.count == text.utf8CodeUnitCount else { return false }
        return memcmp(bytes.baseAddress! + token.range.lowerBound, text.utf8Start, token.range.count) == 0
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count, memcmp(bytes.baseAddress! + position, word.utf8Start, count) == 0 else {
            throw fail("expected a value")
        }
        position += count
    }

    private mutating func skipDigits() -> Int {
        let start = position
        while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
        return position - start
    }

    private func fail(_ reason: String) -> SyntaxError {
        SyntaxError(offset: position, reason: reason)
    }
}
