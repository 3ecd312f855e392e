import LakeCore

/// A bounded, non-validating XML parser for the few document shapes S3 returns.
///
/// It handles the prolog, comments, CDATA, attributes (skipped), self-closing tags and
/// the five named plus numeric character references. Input size and nesting depth are
/// checked before anything is built; malformed input throws, never traps.
struct MiniXMLParser {
    /// Largest document accepted (a ListObjectsV2 page of 1,000 long keys is ~1 MiB).
    var maximumBytes = 64 << 20
    /// Deepest nesting accepted (S3 documents are 3–4 levels deep).
    var maximumDepth = 32

    private struct OpenElement {
        let name: String
        var text: [UInt8] = []
        var children: [XMLElement] = []
    }

    /// Parses `bytes` and returns the root element.
    func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLElement {
        guard bytes.count <= maximumBytes else { throw .tooLarge(bytes.count) }
        var stack: [OpenElement] = []
        var root: XMLElement? = nil
        var index = 0
        func fail(_ reason: String) -> XMLParseError { .malformed(offset: index, reason: reason) }
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") else {
                let end = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                if !stack.isEmpty {
                    stack[stack.count - 1].text.append(contentsOf: try Self.decodeEntities(bytes[index..<end], at: index))
                } else if bytes[index..<end].contains(where: { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }) {
                    throw fail("text outside the root element")
                }
                index = end
                continue
            }
            if Self.hasPrefix(bytes, at: index, "<?") {
                index = try Self.skip(bytes, from: index, past: "?>")
            } else if Self.hasPrefix(bytes, at: index, "<!--") {
                index = try Self.skip(bytes, from: index, past: "-->")
            } else if Self.hasPrefix(bytes, at: index, "<![CDATA[") {
                let end = try Self.skip(bytes, from: index, past: "]]>")
                guard !stack.isEmpty else { throw fail("CDATA outside the root element") }
                stack[stack.count - 1].text.append(contentsOf: bytes[(index + 9)..<(end - 3)])
                index = end
            } else if Self.hasPrefix(bytes, at: index, "<!") {
                index = try Self.skip(bytes, from: index, past: ">")
            } else if Self.hasPrefix(bytes, at: index, "</") {
                let end = try Self.skip(bytes, from: index, past: ">")
                let name = String(String(decoding: bytes[(index + 2)..<(end - 1)], as: UTF8.self).trimmingASCIIWhitespace)
                guard let open = stack.popLast(), open.name == name else { throw fail("unexpected </\(name)>") }
                let element = XMLElement(name: open.name, text: String(decoding: open.text, as: UTF8.self), children: open.children)
                if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
                index = end
            } else {
                let end = try Self.skip(bytes, from: index, past: ">")
                let selfClosing = bytes[end - 2] == UInt8(ascii: "/")
                let tag = bytes[(index + 1)..<(end - (selfClosing ? 2 : 1))]
                let nameEnd = tag.firstIndex { [0x20, 0x09, 0x0a, 0x0d].contains($0) } ?? tag.endIndex
                let name = String(decoding: tag[..<nameEnd], as: UTF8.self)
                guard !name.isEmpty else { throw fail("empty tag name") }
                guard root == nil else { throw fail("second root element <\(name)>") }
                if selfClosing {
                    let element = XMLElement(name: name, text: "", children: [])
                    if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
                } else {
                    guard stack.count < maximumDepth else { throw .tooDeep(maximumDepth) }
                    stack.append(OpenElement(name: name))
                }
                index = end
            }
        }
        guard stack.isEmpty, let root else { throw .malformed(offset: bytes.count, reason: "document ends inside an element or has none") }
        return root
    }

    private static func hasPrefix(_ bytes: [UInt8], at index: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { $0.elementsEqual(bytes[index..<(index + count)]) }
    }

    /// The index just after the next `terminator` at or after `start + 1`.
    private static func skip(_ bytes: [UInt8], from start: Int, past terminator: StaticString) throws(XMLParseError) -> Int {
        let count = terminator.utf8CodeUnitCount
        var index = start + 1
        while index + count <= bytes.count {
            if hasPrefix(bytes, at: index, terminator) { return index + count }
            index += 1
        }
        throw .malformed(offset: start, reason: "unterminated markup, expected \(terminator)")
    }

    private static func decodeEntities(_ text: ArraySlice<UInt8>, at offset: Int) throws(XMLParseError) -> [UInt8] {
        guard text.contains(UInt8(ascii: "&")) else { return Array(text) }
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == UInt8(ascii: "&") else { output.append(text[index]); index += 1; continue }
            guard let semicolon = text[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                throw .malformed(offset: index, reason: "unterminated character reference")
            }
            let entity = String(decoding: text[(index + 1)..<semicolon], as: UTF8.self)
            switch entity {
            case "lt": output.append(UInt8(ascii: "<"))
            case "gt": output.append(UInt8(ascii: ">"))
            case "amp": output.append(UInt8(ascii: "&"))
            case "quot": output.append(UInt8(ascii: "\""))
            case "apos": output.append(UInt8(ascii: "'"))
            default:
                let scalar: UInt32? = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst(), radix: 10) : nil
                guard let scalar, let unicode = Unicode.Scalar(scalar) else {
                    throw .malformed(offset: index, reason: "unknown character reference &\(entity);")
                }
                output.append(contentsOf: String(Character(unicode)).utf8)
            }
            index = semicolon + 1
        }
        return output
    }
}

/// Why an S3 response body could not be parsed.
enum XMLParseError: Error, Equatable, CustomStringConvertible {
    case tooLarge(Int)
    case tooDeep(Int)
    case malformed(offset: Int, reason: String)

    var description: String {
        switch self {
        case .tooLarge(let size): "XML document of \(size) bytes exceeds the limit"
        case .tooDeep(let depth): "XML nesting deeper than \(depth)"
        case .malformed(let offset, let reason): "malformed XML at byte \(offset): \(reason)"
        }
    }
}
