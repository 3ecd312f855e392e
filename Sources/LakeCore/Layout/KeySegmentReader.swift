/// Walks the `/`-separated segments of a key's bytes: `name=value` fields in order, then
/// the file name. Values are percent-decoded; `=` may itself be written `%3D`.
struct KeySegmentReader {
    private let bytes: [UInt8]
    private let key: String
    /// Segment byte ranges not yet consumed.
    private var segments: ArraySlice<Range<Int>>
    private var lastField = "the prefix"

    /// Splits `bytes`, refusing empty (`//`, trailing `/`), `.` and `..` segments.
    init(bytes: [UInt8], key: String) throws(LayoutError) {
        self.bytes = bytes
        self.key = key
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(12)
        var start = 0
        for index in 0...bytes.count {
            guard index == bytes.count || bytes[index] == UInt8(ascii: "/") else { continue }
            let segment = bytes[start..<index]
            if segment.isEmpty {
                throw LayoutError(.emptySegment, "key '\(key)' has an empty segment ('//' or a trailing '/')")
            }
            if segment.count <= 2 && segment.first == UInt8(ascii: ".") && segment.last == UInt8(ascii: ".") {
                throw LayoutError(.traversal, "key '\(key)' has a '\(String(decoding: segment, as: UTF8.self))' segment")
            }
            ranges.append(start..<index)
            start = index + 1
        }
        segments = ranges[...]
    }

    /// Drops the segments that lie before byte `offset` (the base prefix).
    mutating func skip(toByte offset: Int) {
        while let first = segments.first, first.lowerBound < offset { segments = segments.dropFirst() }
    }

    /// The decoded value of the required field `name`, which must come next.
    mutating func take(_ name: String) throws(LayoutError) -> String {
        guard let segment = segments.first else {
            throw LayoutError(.missingSegment, "key ends after \(lastField); expected '\(name)=…'")
        }
        guard let valueStart = valueStart(of: segment, named: name) else {
            throw LayoutError(.unexpectedSegment, "expected '\(name)=…' after \(lastField), found '\(text(segment))'")
        }
        segments = segments.dropFirst()
        lastField = "\(name)="
        return try decoded(valueStart..<segment.upperBound)
    }

    /// The decoded value of the optional field `name` if it comes next.
    mutating func takeIfPresent(_ name: String) throws(LayoutError) -> String? {
        guard let segment = segments.first, valueStart(of: segment, named: name) != nil else { return nil }
        return try take(name)
    }

    /// The last segment, decoded: the file name.
    func fileName() throws(LayoutError) -> String {
        guard let file = segments.first else {
            throw LayoutError(.missingSegment, "key ends after \(lastField) without a file name")
        }
        guard segments.count == 1 else {
            throw LayoutError(.unexpectedSegment, "unexpected segment '\(text(file))' after \(lastField)")
        }
        guard !bytes[file].contains(UInt8(ascii: "=")) else {
            throw LayoutError(.missingSegment, "key ends at '\(text(file))' without a file name")
        }
        return try decoded(file)
    }

    /// Where the value starts when `segment` is `name=…` or `name%3D…`.
    private func valueStart(of segment: Range<Int>, named name: String) -> Int? {
        var index = segment.lowerBound
        for byte in name.utf8 {
            guard index < segment.upperBound, bytes[index] == byte else { return nil }
            index += 1
        }
        if index < segment.upperBound, bytes[index] == UInt8(ascii: "=") { return index + 1 }
        if index + 2 < segment.upperBound, bytes[index] == UInt8(ascii: "%"), bytes[index + 1] == UInt8(ascii: "3"),
           bytes[index + 2] | 0x20 == UInt8(ascii: "d") {
            return index + 3
        }
        return nil
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Decodes `%XX` escapes; the result must be UTF-8 and hold no `/`, `\` or control character.
    private func decoded(_ range: Range<Int>) throws(LayoutError) -> String {
        let raw = bytes[range]
        guard raw.contains(UInt8(ascii: "%")) else { return String(decoding: raw, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            guard raw[index] == UInt8(ascii: "%") else { output.append(raw[index]); index += 1; continue }
            guard index + 2 < raw.endIndex, let high = Self.hexValue(raw[index + 1]), let low = Self.hexValue(raw[index + 2]) else {
                throw LayoutError(.badEscape, "segment '\(text(range))' has a '%' not followed by two hex digits")
            }
            output.append(high << 4 | low)
            index += 3
        }
        guard let value = String(validating: output, as: UTF8.self),
              !output.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 < 0x20 || $0 == 0x7F }) else {
            throw LayoutError(.badEscape, "segment '\(text(range))' decodes to a character a key may not hold")
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
