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
        let hostable = isHostName(bucket) && (endpoint.scheme == "http" || !bucket.contains("."))
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
        return bucket.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = Array(label.utf8)
            guard !bytes.isEmpty, bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return false }
            return bytes.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
        }
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
