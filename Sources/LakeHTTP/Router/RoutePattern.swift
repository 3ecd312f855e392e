/// One segment of a route pattern.
enum RouteSegment: Hashable, Sendable {
    /// Matches exactly this (decoded) text.
    case literal(String)
    /// `{name}`: matches any one segment and captures it.
    case parameter(String)
    /// `*`: matches any one segment.
    case wildcard
    /// `**`: matches the rest of the path (zero or more segments), captured as `"**"`.
    case catchAll

    /// The trie key: literals by text, the rest by kind.
    var key: String {
        switch self {
        case .literal(let text): return text
        case .parameter: return "\u{0}{}"
        case .wildcard: return "\u{0}*"
        case .catchAll: return "\u{0}**"
        }
    }
}

/// A parsed route pattern such as `/api/v1/bars/{symbol}/**`.
struct RoutePattern: Sendable, CustomStringConvertible {
    let segments: [RouteSegment]
    let description: String

    /// Parses `pattern`; a malformed pattern is a programmer error.
    init(_ pattern: String) {
        description = pattern
        segments = pattern.split(separator: "/").map { part in
            if part == "*" { return .wildcard }
            if part == "**" { return .catchAll }
            if part.hasPrefix("{") && part.hasSuffix("}") && part.count > 2 {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            precondition(!part.contains("{") && !part.contains("}"), "malformed route segment '\(part)' in \(pattern)")
            return .literal(String(part))
        }
        if let index = segments.firstIndex(of: .catchAll) {
            precondition(index == segments.count - 1, "** must be the last segment of \(pattern)")
        }
    }

    /// `"/a/b"` for a pattern of literals only, which a request path matches exactly when it
    /// is this text (nil when a literal holds `%`: the path is compared percent-decoded).
    var literalPath: String? {
        var texts: [String] = []
        for segment in segments {
            guard case .literal(let text) = segment, !text.contains("%") else { return nil }
            texts.append(text)
        }
        return "/" + texts.joined(separator: "/")
    }

    /// Names of the captured values in capture order (`*` captures nothing).
    var parameterNames: [String] {
        segments.compactMap { segment in
            switch segment {
            case .parameter(let name): return name
            case .catchAll: return "**"
            case .literal, .wildcard: return nil
            }
        }
    }
}
