/// Splits RFC 4180 CSV bytes into records of fields: quoted fields with `""` escapes and
/// embedded line breaks, LF / CRLF / CR line ends, an optional final line end.
///
/// Over a window of a longer input (`isFinal: false`), a record that reaches the end of the
/// window is left unread: `nextRecord` returns nil with ``needsMoreInput`` set, and
/// ``consumed`` says how many bytes the complete records took, so the caller can refill
/// from there (see ``CSVFileScanner``).
struct CSVTokenizer {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    /// 1-based physical line of the next byte.
    private(set) var line: Int
    private let separator: UInt8
    /// Whether `bytes` end the input; otherwise more may follow them.
    private let isFinal: Bool
    /// Set when `nextRecord` stopped at a record the window holds only part of.
    private(set) var needsMoreInput = false

    /// A tokenizer over `bytes` with field `separator` (`,` by default), whose first byte is
    /// on line `line` and which may skip a UTF-8 byte order mark (at the start of the input).
    init(_ bytes: UnsafeRawBufferPointer, separator: UInt8 = UInt8(ascii: ","), line: Int = 1, isFinal: Bool = true,
         skipsByteOrderMark: Bool = true) {
        self.bytes = bytes
        self.separator = separator
        self.line = line
        self.isFinal = isFinal
        // A UTF-8 byte order mark is not part of the first header name.
        if skipsByteOrderMark, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// Bytes taken by the records returned so far (and the blank lines between them).
    var consumed: Int { position }

    /// The next record's fields (unquoted, into `record`) and its starting line; nil at the
    /// end of input, or of the window when ``needsMoreInput``. Blank lines are skipped.
    mutating func nextRecord(into record: inout CSVRecord) throws(CSVError) -> Int? {
        record.removeAll()
        needsMoreInput = false
        while position < bytes.count, bytes[position] == UInt8(ascii: "\n") || bytes[position] == UInt8(ascii: "\r") {
            guard consumeLineEnd() else { return incomplete(from: position, line: line) }
        }
        let start = position, startLine = line
        guard position < bytes.count else { return isFinal ? nil : incomplete(from: start, line: startLine) }
        while true {
            if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                guard try readQuoted(into: &record.bytes, recordLine: startLine, fieldIndex: record.count) else {
                    return incomplete(from: start, line: startLine)
                }
            } else {
                let fieldStart = position
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == separator || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                    if byte == UInt8(ascii: "\"") {
                        throw CSVError(line: line, "quote inside unquoted field \(record.count + 1)")
                    }
                    position += 1
                }
                record.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[fieldStart..<position]))
            }
            record.ends.append(record.bytes.count)
            guard position < bytes.count else { return isFinal ? startLine : incomplete(from: start, line: startLine) }
            if bytes[position] == separator {
                position += 1
                continue
            }
            guard consumeLineEnd() else { return incomplete(from: start, line: startLine) }
            return startLine
        }
    }

    /// Rewinds to the start of a record the window holds only part of.
    private mutating func incomplete(from start: Int, line startLine: Int) -> Int? {
        position = start
        line = startLine
        needsMoreInput = true
        return nil
    }

    /// Reads a quoted field; false when the window ends before it is known to be complete.
    private mutating func readQuoted(into field: inout [UInt8], recordLine: Int, fieldIndex: Int) throws(CSVError) -> Bool {
        position += 1
        while true {
            guard position < bytes.count else {
                guard isFinal else { return false }
                throw CSVError(line: recordLine, "unterminated quoted field \(fieldIndex + 1)")
            }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") {
                // A quote at the window's end may be the first of an escaped `""`.
                guard position < bytes.count || isFinal else { return false }
                if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                    field.append(byte)
                    position += 1
                    continue
                }
                if position < bytes.count, bytes[position] != separator, bytes[position] != UInt8(ascii: "\n"),
                   bytes[position] != UInt8(ascii: "\r") {
                    throw CSVError(line: line, "text after the closing quote of field \(fieldIndex + 1)")
                }
                return true
            }
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && !(position < bytes.count && bytes[position] == UInt8(ascii: "\n"))) {
                line += 1
            }
            field.append(byte)
        }
    }

    /// Consumes a line end (CRLF as one); false for a CR at the end of a window, which may
    /// be the first half of a CRLF.
    private mutating func consumeLineEnd() -> Bool {
        if bytes[position] == UInt8(ascii: "\r") {
            if position + 1 < bytes.count {
                if bytes[position + 1] == UInt8(ascii: "\n") { position += 1 }
            } else if !isFinal {
                return false
            }
        }
        position += 1
        line += 1
        return true
    }
}
