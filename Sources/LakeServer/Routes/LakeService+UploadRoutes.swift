import Foundation
import LakeCatalog
import LakeCore
import LakeHTTP

/// `POST /upload` (multipart form, seed 001) and `POST /uploads/complete` (index an object
/// uploaded through a presigned URL).
extension LakeService {
    func registerUploadRoutes(on router: Router) {
        // The form streams to a spool file as it arrives; multipart framing adds a few hundred
        // bytes around the file, so the body may exceed the file limit by 1 MiB.
        router.post("/upload", body: .streamed(maxSize: configuration.uploadMaxBytes + (1 << 20))) { [self] request, _ in
            try await upload(request)
        }
        router.post("/uploads/complete") { [self] request, _ in try await completeUpload(request) }
    }

    /// What an upload became.
    struct UploadResult: Encodable {
        let key, s3Path, timeframe, exchange, symbol: String
        let size, rows: Int64
        let start, end, etag: String
        let indexed: Bool

        enum CodingKeys: String, CodingKey {
            case key, s3Path = "s3_path", timeframe, exchange, symbol, size, rows, start, end, etag, indexed
        }
    }

    func uploadResult(_ record: ObjectRecord) -> UploadResult {
        UploadResult(key: record.key, s3Path: lake.location.url(forKey: record.key), timeframe: record.partition.timeframe.canonical,
                     exchange: record.partition.exchange, symbol: record.partition.symbol, size: record.size, rows: record.rowCount,
                     start: TimeParameter.format(record.minTime), end: TimeParameter.format(record.maxTime), etag: record.etag, indexed: true)
    }

    /// Fields `file` and `key`, or `file` with `timeframe`, `exchange`, `symbol`, `date`
    /// (and optionally `filename`) from which the key is built.
    private func upload(_ request: HTTPRequest) async throws -> HTTPResponse {
        let form = try await FormUpload.receive(request, processor: uploads)
        defer { form.file?.discard() }
        let spool = try form.requireFile()
        let (partition, key) = try form.fields["key"].map { text throws(HTTPError) in try lake.keys.resolve(text) }
            ?? builtKey(form.fields, clientFileName: form.fileName, spoolPath: spool.path)
        let record = try await uploads.store(spool, partition: partition, key: key)
        return try JSONBody.response(uploadResult(record), status: .created)
    }

    /// The key from `timeframe`, `exchange`, `symbol`, `date` and an optional `filename`; the
    /// file name defaults to `part-<random>` with the extension of the client's file name or,
    /// failing that, of the content (Parquet magic, gzip magic, else CSV).
    private func builtKey(_ fields: [String: String], clientFileName: String?, spoolPath: String) throws(HTTPError) -> (PartitionKey, String) {
        func require(_ name: String) throws(HTTPError) -> String {
            guard let value = fields[name], !value.isEmpty else {
                throw JSONBody.invalid(name, "is required (or give the full key in 'key')")
            }
            return value
        }
        let timeframe = try Self.timeframe(try require("timeframe"))
        let exchange = try require("exchange"), symbol = try require("symbol"), dateText = try require("date")
        guard dateText.utf8.count == 10, let day = LakeCore.RFC3339.parse(dateText, unit: .milliseconds) else {
            throw JSONBody.invalid("date", "must be YYYY-MM-DD (an existing UTC date)")
        }
        var fileName = fields["filename"] ?? ""
        if fileName.isEmpty { fileName = defaultFileName(clientFileName: clientFileName, spoolPath: spoolPath) }
        do {
            let partition = try PartitionKey(writing: timeframe, exchange: exchange, symbol: symbol, containing: day, fileName: fileName)
            return (partition, partition.objectKey(basePrefix: lake.basePrefix))
        } catch {
            throw LakeKeyPolicy.invalid("key", error.reason)
        }
    }

    private func defaultFileName(clientFileName: String?, spoolPath: String) -> String {
        let format: PartitionFileFormat
        if let name = clientFileName, let fromName = PartitionFileFormat(fileName: name) {
            format = fromName
        } else {
            let head = (FileHandle(forReadingAtPath: spoolPath).flatMap { try? $0.read(upToCount: 4) }).map(Array.init) ?? []
            format = PartitionContent.looksLikeParquet(head) ? .parquet : head.starts(with: [0x1F, 0x8B]) ? .csvGzip : .csv
        }
        return "part-" + UUID().uuidString.prefix(8).lowercased() + format.fileExtension
    }

    struct CompleteRequest: Decodable {
        let key: String
    }

    private func completeUpload(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = try JSONBody.decode(CompleteRequest.self, from: request)
        let (partition, key) = try lake.keys.resolve(body.key, canonical: false)
        let record = try await uploads.complete(key: key, partition: partition)
        return try JSONBody.response(uploadResult(record))
    }
}
