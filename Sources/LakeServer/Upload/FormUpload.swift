import LakeHTTP

/// A `multipart/form-data` upload as one handler uses it: the text fields, and the `file` field
/// streamed into a spool file.
///
/// The body goes through ``MultipartFormParser`` chunk by chunk and file content goes to disk
/// as it is parsed, so a form holds at most one network chunk, one held-back delimiter and the
/// (bounded) text fields in memory. Fields may come before or after the file, unless the
/// handler admits the file by the fields before it (a signed POST policy), as S3 does.
final class FormUpload {
    /// Text fields by name (the first of a repeated name wins).
    private(set) var fields: [String: String] = [:]
    /// The spooled `file` field, closed; nil when the form had none.
    private(set) var file: UploadSpool?
    /// The file name the client gave the file, if any.
    private(set) var fileName: String?

    /// Largest text field accepted.
    static let maximumFieldBytes = 64 * 1024

    /// Decides, from the text fields that came before it, whether the `file` field may be
    /// received, and returns its byte limit (nil: the processor's); throws to refuse it.
    typealias FileAdmission = (_ fieldsBefore: [String: String]) throws -> Int?

    private var parser: MultipartFormParser
    private let processor: UploadProcessor
    private let admitFile: FileAdmission?
    private var current: MultipartPartHeaders?
    private var value: [UInt8] = []

    private init(contentType: String?, processor: UploadProcessor, admitFile: FileAdmission?) throws(HTTPError) {
        do {
            parser = try MultipartFormParser(contentType: contentType)
        } catch {
            throw HTTPError(.unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE", message: error.description)
        }
        self.processor = processor
        self.admitFile = admitFile
    }

    /// Parses the streamed body of `request`, spooling the `file` field through `processor`
    /// as the body arrives. `admitFile`, when given, is asked before the first byte of the
    /// file is read, so a form it refuses costs the server no spooling.
    /// - Throws: `HTTPError` 400 for malformed forms (with the parser's reason), 413 when the
    ///   file or a field is too large, 415 for a body that is not a form, whatever `admitFile`
    ///   throws, or whatever reading the body throws. The spool is removed on failure.
    static func receive(_ request: HTTPRequest, processor: UploadProcessor, admitFile: FileAdmission? = nil) async throws -> FormUpload {
        let upload = try FormUpload(contentType: request.headers["content-type"], processor: processor, admitFile: admitFile)
        do {
            for try await chunk in request.bodyStream { try upload.consume(chunk[...]) }
            try upload.finish()
        } catch {
            throw upload.failed(error)
        }
        return upload
    }

    /// The spooled file, or a 400 naming the `file` field.
    func requireFile() throws(HTTPError) -> UploadSpool {
        guard let file else { throw JSONBody.invalid("file", "is required (a multipart field named 'file')") }
        return file
    }

    /// Feeds the next piece of the body.
    private func consume(_ bytes: ArraySlice<UInt8>) throws {
        try parser.feed(bytes) { event in try handle(event) }
    }

    private func handle(_ event: MultipartFormParser.Event) throws {
        switch event {
        case .partStart(let headers):
            current = headers
            value = []
            if headers.name == "file" {
                guard file == nil else { throw JSONBody.invalid("file", "given more than once") }
                file = try processor.spool(limit: try admitFile?(fields))
                fileName = headers.fileName
            }
        case .content(let bytes):
            if current?.name == "file" {
                try file?.write(bytes)
            } else {
                guard value.count + bytes.count <= Self.maximumFieldBytes else {
                    throw JSONBody.invalid(current?.name ?? "field", "longer than \(Self.maximumFieldBytes) bytes")
                }
                value.append(contentsOf: bytes)
            }
        case .partEnd:
            if let name = current?.name, name != "file", fields[name] == nil {
                fields[name] = String(decoding: value, as: UTF8.self)
            }
            current = nil
        }
    }

    /// Checks the closing boundary and closes the spool.
    private func finish() throws {
        try parser.finish()
        try file?.close()
    }

    /// Removes the spool and turns a parser error into a 400.
    private func failed(_ error: any Error) -> any Error {
        file?.discard()
        guard let error = error as? MultipartError else { return error }
        return HTTPError(.badRequest, code: "INVALID_FORM", message: "malformed multipart body: \(error.description)")
    }
}
