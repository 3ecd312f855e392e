import Foundation

/// `upload`: one PUT for small objects, a parallel multipart upload above the threshold.
extension S3Client {
    /// Stores `body`, using multipart upload from `configuration.multipartThreshold` on.
    /// Returns the ETag. A failed multipart upload is aborted.
    @discardableResult
    public func upload(bucket: String, key: String, body: [UInt8], contentType: String? = nil) async throws -> String {
        guard body.count >= configuration.multipartThreshold else {
            return try await putObject(bucket: bucket, key: key, body: body, contentType: contentType)
        }
        let partSize = configuration.multipartPartSize
        return try await multipartUpload(bucket: bucket, key: key, size: Int64(body.count), contentType: contentType) { number async in
            let start = (number - 1) * partSize
            return Array(body[start..<min(start + partSize, body.count)])
        }
    }

    /// Stores the file at `path` without reading more than a few parts into memory at once.
    @discardableResult
    public func upload(bucket: String, key: String, fileAt path: String, contentType: String? = nil) async throws -> String {
        let file = try ReadOnlyFile(path: path)
        guard file.size >= Int64(configuration.multipartThreshold) else {
            let body = try await BlockingIO.run { try file.read(offset: 0, count: Int(file.size)) }
            return try await putObject(bucket: bucket, key: key, body: body, contentType: contentType)
        }
        let partSize = configuration.multipartPartSize
        return try await multipartUpload(bucket: bucket, key: key, size: file.size, contentType: contentType) { number in
            let offset = Int64(number - 1) * Int64(partSize)
            return try await BlockingIO.run { try file.read(offset: offset, count: Int(min(Int64(partSize), file.size - offset))) }
        }
    }

    /// Uploads ⌈size / partSize⌉ parts, `multipartConcurrency` at a time.
    private func multipartUpload(bucket: String, key: String, size: Int64, contentType: String?,
                                 part: @escaping @Sendable (Int) async throws -> [UInt8]) async throws -> String {
        let partSize = Int64(configuration.multipartPartSize)
        let partCount = Int((size + partSize - 1) / partSize)
        let uploadID = try await createMultipartUpload(bucket: bucket, key: key, contentType: contentType)
        do {
            let parts = try await withThrowingTaskGroup(of: UploadedPart.self) { group in
                var parts: [UploadedPart] = []
                var next = 1
                while next <= partCount || !group.isEmpty {
                    if next <= partCount && next - parts.count <= configuration.multipartConcurrency {
                        let number = next
                        group.addTask {
                            try await self.uploadPart(bucket: bucket, key: key, uploadID: uploadID, number: number, body: try await part(number))
                        }
                        next += 1
                    } else if let done = try await group.next() {
                        parts.append(done)
                    }
                }
                return parts
            }
            return try await completeMultipartUpload(bucket: bucket, key: key, uploadID: uploadID, parts: parts)
        } catch {
            // Best effort: the original failure is what the caller needs to see.
            try? await abortMultipartUpload(bucket: bucket, key: key, uploadID: uploadID)
            throw error
        }
    }
}
