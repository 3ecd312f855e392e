import LakeHTTP

/// A `multipart/form-data` upload as handlers use it: the text fields, and the `file` field
/// streamed into a spool file.
///
/// The body is fed to ``MultipartFormParser`` in 64 KiB slices and file content goes to disk
/// as it is parsed. (LakeHTTP still delivers the request body in one buffer, bounded by
/// `UPLOAD_MAX_BYTES`; once it streams bodies, the same parser consumes them unchanged.)
struct FormUpload {
    /// Text fields by name (the first of a repeated name wins).
    private(set) var fields: [String: String] = [:]
    /// The spooled `file` field, closed; nil when the form had none.
    private(set) var file: UploadSpool?
    /// The file name the client gave the file, if any.
    private(set) var fileName: String?

    /// Largest text field accepted.
    static let maximumFieldBytes = 64 * 1024

    /// Parses `request`, spooling the `file` field through `processor` with at most `fileLimit` bytes.
    /// - Throws: `HTTPError` 400 for malformed forms (with the parser's reason), 413 when the
    ///   file or a field is too large. The spool is removed on failure.
    static func read(_ request: HTTPRequest, processor: UploadProcessor, fileLimit: Int? = nil) throws -> FormUpload {
        var parser: MultipartFormParser
        do {
            parser = try MultipartFormParser(contentType: request.headers["content-type"])
        } catch {
            throw HTTPError(.unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE", message: error.description)
        }
        var upload = FormUpload()
        var current: MultipartPartHeaders?
        var value: [UInt8] = []
        do {
            var offset = 0
            let body = request.body
            repeat {
                let end = min(body.count, offset + 65_536)
                try parser.feed(body[offset..<end]) { event in
                    switch event {
                    case .partStart(let headers):
                        current = headers
                        value = []
                        if headers.name == "file" {
                            guard upload.file == nil else { throw JSONBody.invalid("file", "given more than once") }
                            upload.file = try processor.spool(limit: fileLimit)
                            upload.fileName = headers.fileName
                        }
                    case .content(let bytes):
                        if current?.name == "file" {
                            try upload.file?.write(bytes)
                        } else {
                            guard value.count + bytes.count <= maximumFieldBytes else {
                                throw JSONBody.invalid(current?.name ?? "field", "longer than \(maximumFieldBytes) bytes")
                            }
                            value.append(contentsOf: bytes)
                        }
                    case .partEnd:
                        if let name = current?.name, name != "file", upload.fields[name] == nil {
                            upload.fields[name] = String(decoding: value, as: UTF8.self)
                        }
                        current = nil
                    }
                }
                offset = end
            } while offset < body.count
            try parser.finish()
            try upload.file?.close()
        } catch let error as MultipartError {
            upload.file?.discard()
            throw HTTPError(.badRequest, code: "INVALID_FORM", message: "malformed multipart body: \(error.description)")
        } catch {
            upload.file?.discard()
            throw error
        }
        return upload
    }

    /// The spooled file, or a 400 naming the `file` field.
    func requireFile() throws(HTTPError) -> UploadSpool {
        guard let file else { throw JSONBody.invalid("file", "is required (a multipart field named 'file')") }
        return file
    }
}
