/// Where one bucket/key lives on an endpoint: the `Host` header and the decoded path.
struct S3Location: Sendable {
    let scheme: String
    /// `host[:port]`.
    let authority: String
    /// Decoded path (`/bucket/key` or `/key`), encoded once when a URL is built.
    let path: String

    /// Resolves `bucket` and `key` on `endpoint` according to `style`.
    init(endpoint: S3Endpoint, style: S3AddressingStyle, bucket: String, key: String?) {
        scheme = endpoint.scheme
        if Self.usesVirtualHost(endpoint: endpoint, style: style, bucket: bucket) {
            authority = bucket + "." + endpoint.authority
            path = "/" + (key ?? "")
        } else {
            authority = endpoint.authority
            path = "/" + bucket + (key.map { "/" + $0 } ?? "")
        }
    }

    /// Virtual hosting needs a bucket that is a valid host name; over TLS it must also
    /// be a single label (the certificate is `*.s3.REGION.amazonaws.com`). Otherwise
    /// even `.virtual` falls back to path style, as botocore does.
    private static func usesVirtualHost(endpoint: S3Endpoint, style: S3AddressingStyle, bucket: String) -> Bool {
        let hostable = isHostName(bucket) && (endpoint.scheme == "http" || !bucket.utf8.contains(UInt8(ascii: ".")))
        switch style {
        case .path: return false
        case .virtual: return hostable
        case .auto: return hostable && endpoint.isAWS
        }
    }

    /// 3–63 characters of dot-separated labels of `a-z 0-9 -`, no label starting or
    /// ending with `-`.
    static func isHostName(_ bucket: String) -> Bool {
        guard (3...63).contains(bucket.utf8.count) else { return false }
        var previous = UInt8(ascii: ".")  // a label may not start with '-' or be empty
        for byte in bucket.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "-"): if previous == UInt8(ascii: ".") { return false }
            case UInt8(ascii: "."): if previous == UInt8(ascii: ".") || previous == UInt8(ascii: "-") { return false }
            default: return false
            }
            previous = byte
        }
        return previous != UInt8(ascii: "-") && previous != UInt8(ascii: ".")
    }

    /// `scheme://authority/encoded/path[?query]`.
    func url(query: String = "") -> String {
        var bytes = Array(scheme.utf8)
        bytes.append(contentsOf: "://".utf8)
        bytes.append(contentsOf: authority.utf8)
        URIEncoding.append(path, keepSlash: true, to: &bytes)
        if !query.isEmpty {
            bytes.append(UInt8(ascii: "?"))
            bytes.append(contentsOf: query.utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
