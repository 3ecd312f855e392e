/// Splits RFC 4180 CSV bytes into records of fields: quoted fields with `""` escapes and
/// embedded line breaks, LF / CRLF / CR line ends, an optional final line end.
struct CSVTokenizer {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    /// 1-based physical line of the next byte.
    private(set) var line = 1
    private let separator: UInt8

    /// A tokenizer over `bytes` with field `separator` (`,` by default).
    init(_ bytes: UnsafeRawBufferPointer, separator: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.separator = separator
        // A UTF-8 byte order mark is not part of the first header name.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// The next record's fields (unquoted, into `record`) and its starting line; nil at the
    /// end of input. Blank lines are skipped.
    mutating func nextRecord(into record: inout CSVRecord) throws(CSVError) -> Int? {
        record.removeAll()
        while position < bytes.count, bytes[position] == UInt8(ascii: "\n") || bytes[position] == UInt8(ascii: "\r") {
            consumeLineEnd()
        }
        guard position < bytes.count else { return nil }
        let startLine = line
        while true {
            if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                try readQuoted(into: &record.bytes, recordLine: startLine, fieldIndex: record.count)
            } else {
                let start = position
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == separator || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
                    if byte == UInt8(ascii: "\"") {
                        throw CSVError(line: line, "quote inside unquoted field \(record.count + 1)")
                    }
                    position += 1
                }
                record.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
            }
            record.ends.append(record.bytes.count)
            guard position < bytes.count else { return startLine }
            if bytes[position] == separator {
                position += 1
                continue
            }
            consumeLineEnd()
            return startLine
        }
    }

    private mutating func readQuoted(into field: inout [UInt8], recordLine: Int, fieldIndex: Int) throws(CSVError) {
        position += 1
        while true {
            guard position < bytes.count else {
                throw CSVError(line: recordLine, "unterminated quoted field \(fieldIndex + 1)")
            }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") {
                if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                    field.append(byte)
                    position += 1
                    continue
                }
                if position < bytes.count, bytes[position] != separator, bytes[position] != UInt8(ascii: "\n"),
                   bytes[position] != UInt8(ascii: "\r") {
                    throw CSVError(line: line, "text after the closing quote of field \(fieldIndex + 1)")
                }
                return
            }
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && !(position < bytes.count && bytes[position] == UInt8(ascii: "\n"))) {
                line += 1
            }
            field.append(byte)
        }
    }

    private mutating func consumeLineEnd() {
        if bytes[position] == UInt8(ascii: "\r"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\n") {
            position += 1
        }
        position += 1
        line += 1
    }
}
