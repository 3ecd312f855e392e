/// Building `S3Error` from what came back.
extension S3Error {
    /// The error an S3 error response (status ≥ 300, usually with an XML `<Error>` body) means.
    init(response: HTTPResponse, resource: String?) {
        let document = try? MiniXMLParser(maximumBytes: 1 << 20).parse(response.body)
        let error = document?.name == "Error" ? document : nil
        let code = error?.value("Code")
        let kind = Self.kind(status: response.status, code: code)
        let message = error?.value("Message") ?? Self.defaultMessage(status: response.status)
        self.init(kind: kind, status: response.status, code: code, message: message,
                  requestID: error?.value("RequestId") ?? response.header("x-amz-request-id"),
                  resource: resource, serverStringToSign: error?.value("StringToSign"),
                  actualObjectSize: error?.value("ActualObjectSize").flatMap { Int64($0) })
    }

    /// An `<Error>` document inside a 200 response (CompleteMultipartUpload and CopyObject
    /// report late failures that way).
    init?(embeddedIn response: HTTPResponse, resource: String?) {
        guard let document = try? MiniXMLParser().parse(response.body), document.name == "Error" else { return nil }
        let code = document.value("Code")
        let kind = code == "InternalError" || code == "SlowDown" ? Self.kind(status: 500, code: code) : Self.kind(status: 400, code: code)
        self.init(kind: kind, status: response.status, code: code, message: document.value("Message") ?? "error in a 200 response",
                  requestID: document.value("RequestId"), resource: resource)
    }

    /// The error a transfer that got no HTTP response means.
    init(transport error: HTTPTransportError, resource: String?) {
        self.init(kind: error.isTimeout ? .timeout : error.isTransient ? .connectionFailed : .clientError,
                  message: error.description, resource: resource)
    }

    static func kind(status: Int, code: String?) -> Kind {
        switch code {
        case "NoSuchKey", "NoSuchUpload", "NoSuchVersion": return .notFound
        case "NoSuchBucket": return .noSuchBucket
        case "AccessDenied", "InvalidAccessKeyId", "ExpiredToken", "AllAccessDisabled": return .accessDenied
        case "SignatureDoesNotMatch": return .signatureDoesNotMatch
        case "InvalidRange": return .invalidRange
        case "PreconditionFailed": return .preconditionFailed
        case "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded": return .throttled
        case "RequestTimeout": return .requestTimeout
        case "InternalError", "ServiceUnavailable": return .serverError
        default: break
        }
        switch status {
        case 404: return .notFound
        case 403: return .accessDenied
        case 412: return .preconditionFailed
        case 416: return .invalidRange
        case 429, 503: return .throttled
        case 500...: return .serverError
        default: return .clientError
        }
    }

    private static func defaultMessage(status: Int) -> String {
        switch status {
        case 404: "not found"
        case 403: "access denied"
        default: "HTTP status \(status)"
        }
    }
}
