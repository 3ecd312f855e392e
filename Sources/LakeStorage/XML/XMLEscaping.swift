/// Text made safe for XML element content (request bodies we build).
enum XMLEscaping {
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\u{0}"..."\u{1F}" where scalar != "\t" && scalar != "\n" && scalar != "\r":
                // XML 1.0 cannot carry other control characters, even escaped; S3 accepts
                // the numeric reference in its XML 1.1-tolerant parser.
                output += "&#\(scalar.value);"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
