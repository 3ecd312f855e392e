import CZlib

/// Gzip for response bodies: applied when the client accepts it and it is worth it — in one
/// pass for bodies known in full, chunk by chunk for streamed ones.
enum ResponseCompression {
    /// The body to compress if the request's `Accept-Encoding` allows gzip and the body is
    /// fully known, at least `minimumSize` bytes, of a compressible type and not already
    /// encoded; nil otherwise.
    static func eligibleBody(of response: HTTPResponse, acceptEncoding: String?, minimumSize: Int) -> [UInt8]? {
        guard case .bytes(let body) = response.body, body.count >= minimumSize,
              mayCompress(response, acceptEncoding: acceptEncoding)
        else { return nil }
        return body
    }

    /// Whether the client accepts gzip and the response is of a compressible type, not yet
    /// encoded, and allowed a body.
    private static func mayCompress(_ response: HTTPResponse, acceptEncoding: String?) -> Bool {
        guard let acceptEncoding, acceptsGzip(acceptEncoding) else { return false }
        return !response.status.forbidsBody && response.headers["Content-Encoding"] == nil
            && isCompressible(response.headers["Content-Type"])
    }

    /// Makes a streamed body of unknown length (sent chunked) gzip-encoded when the client
    /// accepts it and the type is compressible: each chunk is compressed and flushed as it is
    /// written. Streams with a known length keep it (and any `Range` semantics) untouched.
    static func compressStream(of response: inout HTTPResponse, acceptEncoding: String?, level: Int32) {
        guard case .stream(nil, let producer) = response.body, mayCompress(response, acceptEncoding: acceptEncoding) else { return }
        response.headers["Content-Encoding"] = "gzip"
        response.headers.add("Vary", "Accept-Encoding")
        response.body = .stream(length: nil) { writer in
            // Made here, not per response: a HEAD request never pays for zlib's state.
            guard let encoder = GzipStreamEncoder(level: level) else { throw GzipStreamError() }
            let compressing = ResponseBodyWriter(compressingInto: writer, encoder: encoder)
            try await producer(compressing)
            try await compressing.finishCompression()
        }
    }

    /// Puts the gzip result in place, unless it is no smaller than the original.
    static func replaceBody(of response: inout HTTPResponse, original: Int, with compressed: [UInt8]?) {
        guard let compressed, compressed.count < original else { return }
        response.body = .bytes(compressed)
        response.headers["Content-Encoding"] = "gzip"
        response.headers.add("Vary", "Accept-Encoding")
    }

    /// Whether `gzip` (or `*`) is listed without `q=0`.
    static func acceptsGzip(_ header: String) -> Bool {
        for element in header.split(separator: ",") {
            let parts = element.split(separator: ";")
            guard let coding = parts.first?.trimmingSpaces.lowercased(), coding == "gzip" || coding == "*" else { continue }
            let rejected = parts.dropFirst().contains { parameter in
                let trimmed = parameter.trimmingSpaces.lowercased()
                return trimmed.hasPrefix("q=") && (Double(trimmed.dropFirst(2)) ?? 1) == 0
            }
            return !rejected
        }
        return false
    }

    /// Text-like media types; images, archives and Parquet are already compressed.
    static func isCompressible(_ contentType: String?) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingSpaces.lowercased() else { return false }
        return type.hasPrefix("text/") || type.hasSuffix("+json") || type.hasSuffix("+xml")
            || ["application/json", "application/javascript", "application/xml", "application/x-ndjson", "image/svg+xml"].contains(type)
    }

    /// One-shot gzip (RFC 1952) at zlib `level`; nil if zlib fails.
    static func gzip(_ input: [UInt8], level: Int32) -> [UInt8]? {
        var stream = z_stream()
        // windowBits 15 + 16 selects the gzip wrapper.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
