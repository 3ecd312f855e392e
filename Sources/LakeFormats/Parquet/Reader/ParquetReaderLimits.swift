/// Bounds that keep a hostile or broken file from making the reader allocate without
/// limit. Every size a file declares is checked against these before memory is taken.
public struct ParquetReaderLimits: Sendable, Hashable {
    /// Largest footer accepted (default 64 MiB; real footers are kilobytes to a few MiB).
    public var maximumFooterSize: Int = 64 << 20
    /// Largest uncompressed page (default 256 MiB; writers default to 1 MiB pages).
    public var maximumPageSize: Int = 256 << 20
    /// Most rows decoded in one read (default 2^28), bounding the output allocation.
    public var maximumRows: Int = 1 << 28
    /// Range requests in flight at once on ranged sources (default 8).
    public var maximumConcurrentFetches: Int = 8

    /// The defaults.
    public init() {}

    /// Custom bounds.
    public init(maximumFooterSize: Int, maximumPageSize: Int, maximumRows: Int) {
        self.maximumFooterSize = maximumFooterSize
        self.maximumPageSize = maximumPageSize
        self.maximumRows = maximumRows
    }

    /// Whether `uncompressed` bytes can come from `compressed` bytes of `codec`: each
    /// codec has a worst-case expansion, and claims beyond it are corrupt.
    func plausible(uncompressed: Int, compressed: Int, codec: CompressionCodec) -> Bool {
        guard uncompressed <= maximumPageSize else { return false }
        switch codec {
        case .uncompressed: return uncompressed == compressed
        case .snappy: return uncompressed <= compressed * 22 + 64   // a 3-byte element yields at most 64 bytes
        case .lz4Raw: return uncompressed <= compressed * 256 + 64
        case .gzip: return uncompressed <= compressed * 1100 + 1024
        default: return true
        }
    }
}
