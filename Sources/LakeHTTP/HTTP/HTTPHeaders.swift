/// An ordered list of header fields with case-insensitive lookup.
///
/// The request parser stores names in lowercase; names added by handlers are written out as
/// given. Values are validated when a response is written (see ``HTTPHeaders/isValidField(name:value:)``),
/// so CR/LF injection turns into a 500 instead of a split response.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields in order.
    public private(set) var fields: [(name: String, value: String)]

    /// An empty header list.
    public init() { fields = [] }

    /// Headers from `(name, value)` pairs, kept in order.
    public init(_ fields: [(name: String, value: String)]) { self.fields = fields }

    /// Just `Content-Type`, with room for the few fields the server adds (`X-Request-ID`,
    /// CORS), so a response's headers are allocated once.
    init(contentType: String) {
        fields = []
        fields.reserveCapacity(4)
        fields.append((name: "Content-Type", value: contentType))
    }

    /// `["Content-Type": "text/plain"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Iterates `(name, value)` pairs in order.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    /// The first value of `name` (case-insensitive), or nil; setting replaces every field of
    /// that name (nil removes them).
    public subscript(name: String) -> String? {
        get { fields.first { HTTPHeaders.namesMatch($0.name, name) }?.value }
        set {
            // One scan in the common case (the name is not there yet): every response gets its
            // X-Request-ID this way.
            guard let index = fields.firstIndex(where: { HTTPHeaders.namesMatch($0.name, name) }) else {
                if let newValue { fields.append((name: name, value: newValue)) }
                return
            }
            if let newValue {
                fields[index].value = newValue
                let later = index + 1
                if fields[later...].contains(where: { HTTPHeaders.namesMatch($0.name, name) }) {
                    fields[later...].removeAll { HTTPHeaders.namesMatch($0.name, name) }
                }
            } else {
                fields[index...].removeAll { HTTPHeaders.namesMatch($0.name, name) }
            }
        }
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { HTTPHeaders.namesMatch($0.name, name) }.map(\.value)
    }

    /// Appends a field, keeping existing ones of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    /// Removes every field of `name`.
    public mutating func remove(_ name: String) {
        fields.removeAll { HTTPHeaders.namesMatch($0.name, name) }
    }

    /// Whether a comma-separated header contains `token` (case-insensitive), e.g.
    /// `Connection: keep-alive, Upgrade` contains `upgrade`.
    public func containsToken(_ token: String, in name: String) -> Bool {
        for value in values(name) {
            for part in value.split(separator: ",") where HTTPHeaders.namesMatch(String(part.trimmingSpaces), token) {
                return true
            }
        }
        return false
    }

    /// ASCII case-insensitive comparison of header names.
    @inlinable
    public static func namesMatch(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return false }
                for index in 0..<x.count where lowercased(x[index]) != lowercased(y[index]) {
                    return false
                }
                return true
            }
        }
    }

    /// The ASCII lowercase of `byte` (other bytes unchanged).
    @inlinable @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// Whether `name` is a token and `value` holds only visible characters, spaces and tabs
    /// (RFC 9110 §5.1, §5.5) — in particular no CR, LF or NUL.
    public static func isValidField(name: String, value: String) -> Bool {
        guard !name.isEmpty, HTTPCharacterClass.all(of: name, are: HTTPCharacterClass.isToken) else { return false }
        return HTTPCharacterClass.all(of: value, are: HTTPCharacterClass.isFieldValue)
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
