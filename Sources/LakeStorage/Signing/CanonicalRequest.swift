/// The SigV4 canonical request (and its pieces), built straight into bytes.
///
/// ```
/// METHOD \n encoded-path \n canonical-query \n name:value\n… \n signed;headers \n payload
/// ```
struct CanonicalRequest {
    /// The canonical request text.
    var bytes: [UInt8] = []
    /// `host;x-amz-date;…`.
    var signedHeaders: [UInt8] = []

    /// Builds the canonical request. `encodedQuery` is already canonical (see `canonicalQuery`).
    init(method: String, path: String, normalizePath: Bool, canonicalQuery: [UInt8],
         headers: [(name: String, value: String)], payload: String) {
        bytes.reserveCapacity(256 + path.utf8.count + canonicalQuery.count)
        bytes.append(contentsOf: method.utf8)
        bytes.append(0x0a)
        if normalizePath {
            URIEncoding.append(Self.normalize(path), keepSlash: true, to: &bytes)
        } else {
            URIEncoding.append(path, keepSlash: true, to: &bytes)
        }
        bytes.append(0x0a)
        bytes.append(contentsOf: canonicalQuery)
        bytes.append(0x0a)
        appendHeaders(headers)
        bytes.append(0x0a)
        bytes.append(contentsOf: signedHeaders)
        bytes.append(0x0a)
        bytes.append(contentsOf: payload.utf8)
    }

    /// Lower-cases names, trims values and collapses inner whitespace, joins repeated
    /// names with `,` in their original order, and sorts by name.
    private mutating func appendHeaders(_ headers: [(name: String, value: String)]) {
        var canonical: [(name: [UInt8], value: [UInt8])] = []
        canonical.reserveCapacity(headers.count)
        for header in headers {
            let name = Self.lowercasedName(header.name)
            let value = Self.trimAll(header.value)
            if let index = canonical.firstIndex(where: { $0.name == name }) {
                canonical[index].value.append(UInt8(ascii: ","))
                canonical[index].value.append(contentsOf: value)
            } else {
                canonical.append((name, value))
            }
        }
        if canonical.count > 1 {
            canonical.sort { $0.name.lexicographicallyPrecedes($1.name) }
        }
        for (index, header) in canonical.enumerated() {
            bytes.append(contentsOf: header.name)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: header.value)
            bytes.append(0x0a)
            if index > 0 { signedHeaders.append(UInt8(ascii: ";")) }
            signedHeaders.append(contentsOf: header.name)
        }
    }

    /// The signed-header list (`host;x-amz-date`) a set of headers yields, without
    /// building a whole canonical request (presigning needs it before signing).
    static func signedHeaderList(_ headers: [(name: String, value: String)]) -> [UInt8] {
        let names = headers.map { lowercasedName($0.name) }.sorted { $0.lexicographicallyPrecedes($1) }
        var output: [UInt8] = []
        for (index, name) in names.enumerated() where index == 0 || names[index - 1] != name {
            if !output.isEmpty { output.append(UInt8(ascii: ";")) }
            output.append(contentsOf: name)
        }
        return output
    }

    /// A header name in lower case (header names are ASCII tokens).
    static func lowercasedName(_ name: String) -> [UInt8] {
        name.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
    }

    /// Whether `name` is `Host` in any case, without allocating.
    static func isHost(_ name: String) -> Bool {
        name.utf8.count == 4 && name.utf8.elementsEqual("host".utf8) { $0 | 0x20 == $1 }
    }

    /// Encodes and sorts query parameters by (key, value) bytes *after* encoding, as
    /// SigV4 specifies (sorting first orders `%`-escapes wrongly).
    static func canonicalQuery(_ pairs: [(name: [UInt8], value: [UInt8])]) -> [UInt8] {
        join(pairs.sorted {
            $0.name == $1.name ? $0.value.lexicographicallyPrecedes($1.value) : $0.name.lexicographicallyPrecedes($1.name)
        })
    }

    /// `name=value&name=value` of already encoded pairs, in the given order.
    static func join(_ pairs: [(name: [UInt8], value: [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(pairs.reduce(0) { $0 + $1.name.count + $1.value.count + 2 } + 96)
        for (index, pair) in pairs.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "&")) }
            output.append(contentsOf: pair.name)
            output.append(UInt8(ascii: "="))
            output.append(contentsOf: pair.value)
        }
        return output
    }

    /// Encodes one query pair.
    static func encodePair(_ name: String, _ value: String) -> (name: [UInt8], value: [UInt8]) {
        var encodedName: [UInt8] = [], encodedValue: [UInt8] = []
        encodedName.reserveCapacity(name.utf8.count)
        encodedValue.reserveCapacity(value.utf8.count)
        URIEncoding.append(name, keepSlash: false, to: &encodedName)
        URIEncoding.append(value, keepSlash: false, to: &encodedValue)
        return (encodedName, encodedValue)
    }

    /// RFC 3986 dot-segment removal plus collapsing of empty segments, as the generic
    /// AWS services expect; a trailing slash survives.
    static func normalize(_ path: String) -> String {
        var stack: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        for segment in segments {
            switch segment {
            case ".": continue
            case "..": if !stack.isEmpty { stack.removeLast() }
            default: stack.append(segment)
            }
        }
        var result = "/" + stack.joined(separator: "/")
        let endsInDirectory = path.hasSuffix("/") || segments.last == "." || segments.last == ".."
        if !stack.isEmpty && endsInDirectory { result += "/" }
        return result
    }

    /// Trims leading/trailing whitespace and collapses runs of spaces, tabs and line
    /// breaks to one space (the SigV4 "Trimall").
    static func trimAll(_ value: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(0x20); pendingSpace = false }
                output.append(byte)
            }
        }
        return output
    }
}
