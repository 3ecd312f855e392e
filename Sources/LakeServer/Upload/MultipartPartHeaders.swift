/// The headers of one form part: its field name, the file name of a file field, and its
/// content type.
struct MultipartPartHeaders: Equatable {
    /// `name` of `Content-Disposition: form-data; name="…"`.
    let name: String
    /// `filename` when the part is a file.
    let fileName: String?
    /// `Content-Type` of the part, if given.
    let contentType: String?

    /// Parses CRLF-terminated header lines.
    init(parsing bytes: ArraySlice<UInt8>) throws(MultipartError) {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw MultipartError("part headers are not UTF-8") }
        var disposition: String?
        var contentType: String?
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else { throw MultipartError("malformed part header line") }
            let name = line[..<colon].lowercased()
            let value = String(line[line.index(after: colon)...].trimmingWhitespace)
            switch name {
            case "content-disposition": disposition = value
            case "content-type": contentType = value
            default: continue
            }
        }
        guard let disposition, disposition.lowercased().hasPrefix("form-data") else {
            throw MultipartError("part has no Content-Disposition: form-data header")
        }
        let parameters = HeaderParameters(disposition)
        guard let name = parameters["name"], !name.isEmpty else { throw MultipartError("part has no field name") }
        self.name = name
        self.fileName = parameters["filename"]
        self.contentType = contentType
    }

    /// A part description (tests).
    init(name: String, fileName: String? = nil, contentType: String? = nil) {
        self.name = name
        self.fileName = fileName
        self.contentType = contentType
    }
}

/// The `; key=value` parameters after a header's first value (`form-data; name="a"`),
/// with quoted values unescaped. Keys are matched case-insensitively.
struct HeaderParameters {
    private var values: [(String, String)] = []

    init(_ header: String) {
        var rest = Substring(header)
        guard let firstSemicolon = rest.firstIndex(of: ";") else { return }
        rest = rest[rest.index(after: firstSemicolon)...]
        while !rest.isEmpty {
            rest = rest.trimmingWhitespace
            guard let equals = rest.firstIndex(of: "=") else { return }
            let key = rest[..<equals].trimmingWhitespace.lowercased()
            rest = rest[rest.index(after: equals)...].trimmingWhitespace
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped { value.append(character); escaped = false; continue }
                    if character == "\\" { escaped = true; continue }
                    if character == "\"" { break }
                    value.append(character)
                }
                if let semicolon = rest.firstIndex(of: ";") { rest = rest[rest.index(after: semicolon)...] } else { rest = "" }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = String(rest[..<end].trimmingWhitespace)
                rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
            }
            values.append((key, value))
        }
    }

    /// The value of `key`.
    subscript(key: String) -> String? { values.first { $0.0 == key.lowercased() }?.1 }
}
