/// Deterministic, nasty S3 keys: spaces, unicode, `+ = % ~ & $ @`, reserved URL
/// characters, empty and dot segments, deep paths.
struct BotocoreKeyGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private static let fragments = [
        "a", "Z", "0", "9", "data", " ", "+", "=", "%", "~", "&", "$", "@", "é", "日本", "🚀", "-", "_", ".",
        "!", "'", "(", ")", "*", ",", ";", ":", "?", "#", "[", "]", "^", "`", "{", "}", "|", "<", ">",
        "\"", "%20", "%2F", "ü", "year=2025", "month=01", "part-00001.parquet", "  ", "\\",
    ]

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func key() -> String {
        let depth = 1 + below(below(4) == 0 ? 24 : 5)
        var segments: [String] = []
        for _ in 0..<depth {
            switch below(20) {
            case 0: segments.append("")
            case 1: segments.append("..")
            case 2: segments.append(".")
            default:
                segments.append((0..<(1 + below(6))).map { _ in Self.fragments[below(Self.fragments.count)] }.joined())
            }
        }
        let key = segments.joined(separator: "/")
        return key.isEmpty ? "empty" : key
    }
}
