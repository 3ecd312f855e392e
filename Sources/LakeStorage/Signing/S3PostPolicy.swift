/// A browser-upload (HTTP POST) policy: what a form upload may contain.
///
/// ```swift
/// var policy = S3PostPolicy(bucket: "lake", key: "uploads/a.parquet")
/// policy.conditions.append(.contentLengthRange(1, 10 << 20))
/// let post = try signer.presignPost(policy, url: "https://lake.s3.amazonaws.com/", expires: 600, date: now)
/// ```
public struct S3PostPolicy: Sendable {
    /// One policy condition.
    public enum Condition: Sendable, Equatable {
        /// The form field must equal the value: `{"Content-Type": "text/csv"}`.
        case equals(field: String, value: String)
        /// The form field must start with the prefix: `["starts-with", "$key", "uploads/"]`.
        case startsWith(field: String, prefix: String)
        /// The file size must be within the bounds: `["content-length-range", 1, 1048576]`.
        case contentLengthRange(Int, Int)
    }

    /// Target bucket (becomes the `bucket` condition).
    public var bucket: String
    /// Object key; a key ending in `${filename}` becomes a `starts-with` condition, as
    /// boto3 does, so the browser's file name can complete it.
    public var key: String
    /// Form fields to pre-fill (for example `Content-Type`); each needs a condition too.
    public var fields: [(name: String, value: String)]
    /// Extra conditions, placed before the bucket/key/credential ones (boto3's order).
    public var conditions: [Condition]

    /// A policy for uploading `key` into `bucket`.
    public init(bucket: String, key: String, fields: [(name: String, value: String)] = [], conditions: [Condition] = []) {
        self.bucket = bucket
        self.key = key
        self.fields = fields
        self.conditions = conditions
    }

    /// The policy document, serialised exactly as Python's `json.dumps` does (boto3
    /// base64-encodes that text), so equal inputs give byte-identical policies.
    func document(expiration: String, signingConditions: [(name: String, value: String)]) -> [UInt8] {
        var all = conditions
        all.append(.equals(field: "bucket", value: bucket))
        if key.hasSuffix("${filename}") {
            all.append(.startsWith(field: "key", prefix: String(key.dropLast("${filename}".count))))
        } else {
            all.append(.equals(field: "key", value: key))
        }
        all.append(contentsOf: signingConditions.map { .equals(field: $0.name, value: $0.value) })
        var json = PythonStyleJSON()
        json.raw("{\"expiration\": ")
        json.string(expiration)
        json.raw(", \"conditions\": [")
        for (index, condition) in all.enumerated() {
            if index > 0 { json.raw(", ") }
            switch condition {
            case .equals(let field, let value):
                json.raw("{")
                json.string(field)
                json.raw(": ")
                json.string(value)
                json.raw("}")
            case .startsWith(let field, let prefix):
                json.raw("[\"starts-with\", ")
                json.string(field.hasPrefix("$") ? field : "$" + field)
                json.raw(", ")
                json.string(prefix)
                json.raw("]")
            case .contentLengthRange(let minimum, let maximum):
                json.raw("[\"content-length-range\", \(minimum), \(maximum)]")
            }
        }
        json.raw("]}")
        return json.bytes
    }
}

/// A presigned POST: where to send the form and the fields it must carry (the file
/// goes last, in a field named `file`).
public struct PresignedPost: Sendable {
    /// The form's action URL.
    public let url: String
    /// Fields in boto3's order: yours, `key`, `x-amz-algorithm`, `x-amz-credential`,
    /// `x-amz-date`, [`x-amz-security-token`], `policy`, `x-amz-signature`.
    public let fields: [(name: String, value: String)]

    /// The value of one field.
    public func field(_ name: String) -> String? { fields.first { $0.name == name }?.value }
}
