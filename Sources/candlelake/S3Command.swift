import Foundation
import LakeStorage

/// `candlelake s3 …`: object store operations in the style of `aws s3`.
///
/// ```
/// candlelake s3 ls s3://lake/timeframe=1m/ [--recursive]
/// candlelake s3 get s3://lake/a.parquet ./a.parquet      (or - for stdout)
/// candlelake s3 put ./a.parquet s3://lake/a.parquet
/// candlelake s3 rm s3://lake/a.parquet
/// candlelake s3 presign s3://lake/a.parquet [--method GET|PUT|HEAD|DELETE] [--expires SECONDS]
/// candlelake s3 presign-post s3://lake/uploads/a.csv [--expires SECONDS] [--max-bytes N]
/// ```
///
/// The store comes from the environment (see `S3Configuration`: `AWS_ENDPOINT_URL_S3`,
/// `AWS_REGION`, credentials via the AWS chain). Commands work on the `ObjectStore`
/// protocol, so another backend can be plugged in by `S3CommandStore`.
struct S3Command: Subcommand {
    static let name = "s3"
    static let summary = "list, copy, delete and presign objects (ls|get|put|rm|presign|presign-post)"

    static let usage = """
        usage: candlelake s3 ls s3://BUCKET[/PREFIX] [--recursive]
               candlelake s3 get s3://BUCKET/KEY LOCALFILE|-
               candlelake s3 put LOCALFILE s3://BUCKET/KEY
               candlelake s3 rm s3://BUCKET/KEY
               candlelake s3 presign s3://BUCKET/KEY [--method GET|PUT|HEAD|DELETE] [--expires SECONDS]
               candlelake s3 presign-post s3://BUCKET/KEY [--expires SECONDS] [--max-bytes N]
        """

    static func run(_ arguments: CommandArguments) async throws -> Int32 {
        var arguments = arguments
        guard let verb = arguments.optionalPositional() else { throw UsageError("missing action\n" + usage) }
        switch verb {
        case "ls": try await list(&arguments)
        case "get": try await get(&arguments)
        case "put": try await put(&arguments)
        case "rm": try await remove(&arguments)
        case "presign": try await presign(&arguments)
        case "presign-post": try await presignPost(&arguments)
        case "bench-presign": try PresignBenchmark.run(&arguments)  // hidden: used by bench/presign.sh
        default: throw UsageError("unknown action '\(verb)'\n" + usage)
        }
        return 0
    }

    private static func list(_ arguments: inout CommandArguments) async throws {
        let uri = try S3URI(try arguments.positional("s3://BUCKET[/PREFIX]"), requireKey: false)
        let recursive = arguments.flag("recursive")
        try arguments.finish()
        let store = try S3CommandStore.store(bucket: uri.bucket)
        // Like `aws s3 ls`: names are shown relative to the last "/" of the prefix.
        let shownFrom = uri.key.lastIndex(of: "/").map { uri.key.distance(from: uri.key.startIndex, to: $0) + 1 } ?? 0
        for try await page in store.pages(prefix: uri.key, delimiter: recursive ? nil : "/") {
            var text = ""
            for prefix in page.commonPrefixes {
                text += String(repeating: " ", count: 27) + "PRE " + String(prefix.dropFirst(shownFrom)) + "\n"
            }
            for object in page.objects {
                let name = recursive ? object.key : String(object.key.dropFirst(shownFrom))
                text += "\(Self.timestamp(object.lastModified)) \(String(object.size).leftPadded(to: 10)) \(name)\n"
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    private static func get(_ arguments: inout CommandArguments) async throws {
        let uri = try S3URI(try arguments.positional("s3://BUCKET/KEY"), requireKey: true)
        let destination = try arguments.positional("LOCALFILE")
        try arguments.finish()
        let store = try S3CommandStore.store(bucket: uri.bucket)
        if destination == "-" {
            _ = try await store.get(uri.key, range: nil) { FileHandle.standardOutput.write(Data($0)) }
            return
        }
        let target = destination.hasSuffix("/") ? destination + (uri.key.split(separator: "/").last.map(String.init) ?? uri.key) : destination
        // Download beside the target and rename, so a failed transfer leaves no torn file.
        let partial = target + ".candlelake-partial"
        guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
            throw UsageError("cannot write \(partial)")
        }
        do {
            let info = try await store.get(uri.key, range: nil) { handle.write(Data($0)) }
            try handle.synchronize()
            try handle.close()
            guard rename(partial, target) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
            FileHandle.standardError.write(Data("download: s3://\(uri.bucket)/\(uri.key) to \(target) (\(info.size) bytes)\n".utf8))
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    private static func put(_ arguments: inout CommandArguments) async throws {
        let source = try arguments.positional("LOCALFILE")
        let uri = try S3URI(try arguments.positional("s3://BUCKET/KEY"), requireKey: false)
        try arguments.finish()
        guard FileManager.default.isReadableFile(atPath: source) else { throw UsageError("cannot read \(source)") }
        let key = uri.key.isEmpty || uri.key.hasSuffix("/") ? uri.key + (source as NSString).lastPathComponent : uri.key
        try await S3CommandStore.store(bucket: uri.bucket).put(key, fileAt: source, contentType: nil)
        FileHandle.standardError.write(Data("upload: \(source) to s3://\(uri.bucket)/\(key)\n".utf8))
    }

    private static func remove(_ arguments: inout CommandArguments) async throws {
        let uri = try S3URI(try arguments.positional("s3://BUCKET/KEY"), requireKey: true)
        try arguments.finish()
        try await S3CommandStore.store(bucket: uri.bucket).delete(uri.key)
        FileHandle.standardError.write(Data("delete: s3://\(uri.bucket)/\(uri.key)\n".utf8))
    }

    private static func presign(_ arguments: inout CommandArguments) async throws {
        let uri = try S3URI(try arguments.positional("s3://BUCKET/KEY"), requireKey: true)
        let methodName = try arguments.option("method") ?? "GET"
        guard let method = PresignMethod(rawValue: methodName.uppercased()) else { throw UsageError("--method must be GET, PUT, HEAD or DELETE") }
        let expires = try arguments.option("expires", as: Int.self) ?? 3600
        try arguments.finish()
        print(try await S3CommandStore.store(bucket: uri.bucket).presignedURL(method: method, key: uri.key, expires: expires))
    }

    private static func presignPost(_ arguments: inout CommandArguments) async throws {
        let uri = try S3URI(try arguments.positional("s3://BUCKET/KEY"), requireKey: true)
        let expires = try arguments.option("expires", as: Int.self) ?? 3600
        let maxBytes = try arguments.option("max-bytes", as: Int.self)
        try arguments.finish()
        if let maxBytes, maxBytes < 0 { throw UsageError("--max-bytes must not be negative") }
        let post = try await S3CommandStore.store(bucket: uri.bucket).presignedPost(key: uri.key, expires: expires, maxBytes: maxBytes, contentType: nil)
        print(try Self.json(post))
    }

    /// `{"url": …, "fields": {…}}` with the fields in form order.
    static func json(_ post: PresignedPost) throws -> String {
        func quoted(_ text: String) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes]), as: UTF8.self)
        }
        let fields = try post.fields.map { "\(try quoted($0.name)): \(try quoted($0.value))" }.joined(separator: ", ")
        return "{\"url\": \(try quoted(post.url)), \"fields\": {\(fields)}}"
    }

    /// `2026-01-02 03:04:05` (UTC), as `aws s3 ls` prints it.
    private static func timestamp(_ date: Date) -> String {
        let iso = SigningDate(date).iso8601
        return iso.dropLast().replacingOccurrences(of: "T", with: " ")
    }
}

extension String {
    /// Right-aligned in `width` columns.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
