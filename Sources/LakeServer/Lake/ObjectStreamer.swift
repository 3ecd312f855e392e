import LakeHTTP
import LakeStorage

/// Serves an object's bytes: `Content-Length`, `ETag`, `Accept-Ranges`, and a single
/// `Range` (RFC 9110 §14) answered with 206, or 416 when it starts past the end. Multiple
/// ranges and malformed `Range` values are ignored (the whole object is sent), as the RFC allows.
enum ObjectStreamer {
    /// The response for `key`, streamed in chunks with back-pressure.
    static func response(store: any ObjectStore, key: String, rangeHeader: String?, contentType: String? = nil) async throws -> HTTPResponse {
        let info: ObjectInfo
        do {
            info = try await store.head(key)
        } catch let error as ObjectStoreError where error.isNotFound {
            throw HTTPError(.notFound, code: "OBJECT_NOT_FOUND", message: "no object '\(key)' in the lake")
        }
        var headers: HTTPHeaders = ["Content-Type": contentType ?? info.contentType ?? "application/octet-stream",
                                    "Accept-Ranges": "bytes", "ETag": "\"\(info.etag)\""]
        var status = HTTPStatus.ok
        var first: Int64 = 0, last = info.size - 1
        switch parseRange(rangeHeader, size: info.size) {
        case .whole: break
        case .unsatisfiable:
            throw HTTPError(.rangeNotSatisfiable, message: "range \(rangeHeader ?? "") is outside the object's \(info.size) bytes",
                            headers: ["Content-Range": "bytes */\(info.size)"])
        case .bytes(let lower, let upper):
            (first, last, status) = (lower, upper, .partialContent)
            headers["Content-Range"] = "bytes \(lower)-\(upper)/\(info.size)"
        }
        let length = Int(max(0, last - first + 1))
        let (start, end) = (first, last)
        return HTTPResponse(status: status, headers: headers, body: .stream(length: length) { writer in
            guard length > 0 else { return }
            try await ObjectChunks.forEach(store, key: key, first: start, last: end) { try await writer.write($0) }
        })
    }

    /// A `Range` header's meaning for an object of `size` bytes.
    enum RangeRequest: Equatable {
        case whole
        case bytes(Int64, Int64)
        case unsatisfiable
    }

    /// Parses `bytes=a-b`, `bytes=a-` and `bytes=-n`.
    static func parseRange(_ header: String?, size: Int64) -> RangeRequest {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else { return .whole }
        let spec = header.dropFirst("bytes=".count).trimmingWhitespace
        guard let dash = spec.firstIndex(of: "-") else { return .whole }
        let firstText = spec[..<dash], lastText = spec[spec.index(after: dash)...]
        if firstText.isEmpty {
            guard let suffix = Int64(lastText), suffix >= 0 else { return .whole }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .bytes(max(0, size - suffix), size - 1)
        }
        guard let first = Int64(firstText), first >= 0 else { return .whole }
        let last: Int64
        if lastText.isEmpty {
            last = size - 1
        } else {
            guard let value = Int64(lastText), value >= first else { return .whole }
            last = min(value, size - 1)
        }
        return first < size ? .bytes(first, last) : .unsatisfiable
    }
}
