import Foundation

/// Where the lake's objects live, and how they are named to clients: `s3://bucket/key` for
/// an S3 bucket, `file:///absolute/dir/key` for the local-directory lake. `/object?path=` and
/// every `s3_path` use these names, so a client can pass back what a listing gave it.
public enum LakeLocation: Sendable, Equatable {
    /// An S3 bucket; keys are full bucket keys.
    case s3(bucket: String)
    /// A local directory (a `FileStore` root); keys are paths below it.
    case directory(String)

    /// The URL of `key`.
    public func url(forKey key: String) -> String {
        root + key
    }

    /// `s3://bucket/` or `file:///dir/`.
    public var root: String {
        switch self {
        case .s3(let bucket): return "s3://\(bucket)/"
        case .directory(let path): return "file://" + (path.hasSuffix("/") ? path : path + "/")
        }
    }

    /// The key a URL names, or nil when it names something outside this lake's bucket or
    /// directory. The key is not otherwise checked here (see ``LakeKeyPolicy``).
    public func key(fromURL url: String) -> String? {
        guard url.hasPrefix(root) else { return nil }
        return String(url.dropFirst(root.count))
    }

    /// `s3` or `local`, for `/status`.
    public var backendName: String {
        switch self {
        case .s3: return "s3"
        case .directory: return "local"
        }
    }
}
