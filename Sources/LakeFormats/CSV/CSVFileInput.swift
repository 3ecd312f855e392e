import Glibc

/// A file's bytes in pieces, inflated when the file is gzip (starts with `1F 8B`).
final class CSVFileInput {
    private let descriptor: Int32
    private let path: String
    private let inflater: GzipInflater?
    /// Compressed bytes read but not yet inflated (gzip only).
    private var compressed: [UInt8] = []
    private var compressedStart = 0, compressedEnd = 0
    private var compressedAtEnd = false
    private var inflated = 0
    private let inflatedLimit: Int

    /// Opens `path`; bytes past `inflatedLimit` after decompression are an error.
    init(path: String, inflatedLimit: Int) throws(ParquetError) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ParquetError(.io, "cannot open \(path): \(String(cString: strerror(errno)))") }
        self.path = path
        self.inflatedLimit = inflatedLimit
        var magic: (UInt8, UInt8) = (0, 0)
        let count = pread(descriptor, &magic, 2, 0)
        if count == 2, magic == (0x1F, 0x8B) {
            do {
                inflater = try GzipInflater()
            } catch {
                close(descriptor)
                throw error
            }
            compressed = [UInt8](repeating: 0, count: 1 << 16)
        } else {
            inflater = nil
        }
    }

    deinit { close(descriptor) }

    /// Fills the start of `output`; returns how many bytes, 0 only at the end of the file.
    func read(into output: UnsafeMutableRawBufferPointer) throws(ParquetError) -> Int {
        guard !output.isEmpty else { return 0 }
        guard let inflater else { return try readFile(into: output) }
        while true {
            if compressedStart == compressedEnd, !compressedAtEnd {
                let count = try compressed.withUnsafeMutableBufferPointer { raw throws(ParquetError) in
                    try readFile(into: UnsafeMutableRawBufferPointer(raw))
                }
                compressedStart = 0
                compressedEnd = count
                compressedAtEnd = count == 0
            }
            let (consumed, produced) = try compressed.withUnsafeBufferPointer { raw throws(ParquetError) in
                try inflater.inflate(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: raw[compressedStart..<compressedEnd])), into: output)
            }
            compressedStart += consumed
            inflated += produced
            guard inflated <= inflatedLimit else { throw ParquetError.corrupt("gzip: inflates to more than \(inflatedLimit) bytes") }
            if produced > 0 { return produced }
            if compressedAtEnd, compressedStart == compressedEnd {
                guard inflater.isAtMemberEnd else { throw ParquetError.corrupt("gzip: truncated stream") }
                return 0
            }
        }
    }

    /// `read(2)`, retried on `EINTR`.
    private func readFile(into output: UnsafeMutableRawBufferPointer) throws(ParquetError) -> Int {
        while true {
            let count = Glibc.read(descriptor, output.baseAddress, output.count)
            if count >= 0 { return count }
            guard errno == EINTR else { throw ParquetError(.io, "cannot read \(path): \(String(cString: strerror(errno)))") }
        }
    }
}
