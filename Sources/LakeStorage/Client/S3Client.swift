import Foundation
import Synchronization

/// An S3 client over libcurl: SigV4-signed requests, retries with backoff, typed errors.
///
/// ```swift
/// let client = S3Client(configuration: try .fromEnvironment(), credentials: AWSCredentialsChain.default())
/// try await client.putObject(bucket: "lake", key: "a.csv", body: Array("x,y\n".utf8))
/// let bytes = try await client.getObject(bucket: "lake", key: "a.csv")
/// ```
public final class S3Client: Sendable {
    /// Endpoint, region, timeouts, retries, multipart settings.
    public let configuration: S3Configuration
    let credentialsProvider: any AWSCredentialsProvider
    let transport: CurlTransport
    /// Hears debug diagnostics (retries; both sides' strings to sign when a signature is
    /// refused), built only when this is set.
    let diagnostics: (@Sendable (String) -> Void)?

    /// A client; `transport` defaults to the shared curl driver. `diagnostics`, when given,
    /// receives debug messages (the service passes its logger at `debug` level).
    public init(configuration: S3Configuration, credentials: any AWSCredentialsProvider, transport: CurlTransport = .shared,
                diagnostics: (@Sendable (String) -> Void)? = nil) {
        self.configuration = configuration
        self.credentialsProvider = credentials
        self.transport = transport
        self.diagnostics = diagnostics
    }

    /// The request one S3 operation makes (before signing).
    struct Operation {
        var method: String
        var bucket: String
        var key: String? = nil
        var query: [(name: String, value: String)] = []
        var headers: [(name: String, value: String)] = []
        /// Bytes to fetch (GET); a resumed streamed GET narrows it.
        var range: ByteRange? = nil
        var body: [UInt8] = []
        var sink: HTTPBodySink? = nil

        var resource: String { key.map { "\(bucket)/\($0)" } ?? bucket }
    }

    private var timeouts: HTTPTimeouts {
        HTTPTimeouts(connect: configuration.connectTimeout, lowSpeedTime: configuration.lowSpeedTimeout,
                     lowSpeedLimit: configuration.lowSpeedLimit)
    }

    /// Signs and sends `operation`, retrying what is worth retrying; returns the 2xx response.
    /// Each attempt is signed afresh (the date changes) and resends the same body.
    func send(_ operation: Operation) async throws -> HTTPResponse {
        let payload = SigV4Payload.hashing(operation.body)
        let location = S3Location(endpoint: configuration.endpoint, style: configuration.addressingStyle,
                                  bucket: operation.bucket, key: operation.key)
        let encodedQuery = String(decoding: CanonicalRequest.join(operation.query.map { CanonicalRequest.encodePair($0.name, $0.value) }),
                                  as: UTF8.self)
        let url = location.url(query: encodedQuery)
        // Bytes already handed to the sink are not delivered again: a retry asks for the
        // rest only, pinned to the ETag of the first response.
        let delivered = ByteCounter()
        var resumeETag: String? = nil
        let sink = operation.sink.map { inner -> HTTPBodySink in
            { buffer in
                try inner(buffer)
                delivered.add(buffer.count)
            }
        }
        var attempt = 1
        while true {
            let credentials = try await credentialsProvider.credentials()
            let headers = Self.headers(for: operation, host: location.authority, resumeAt: Int64(delivered.value), etag: resumeETag)
            let signature = SigV4Signer(credentials: credentials, region: configuration.region).signHeaders(
                SigV4Request(method: operation.method, host: location.authority, path: location.path,
                             query: operation.query, headers: headers),
                payload: payload, date: SigningDate(Date()))
            var request = HTTPRequest(method: operation.method, url: url, headers: headers + signature.headers,
                                      body: operation.body, timeouts: timeouts)
            let resuming = delivered.value > 0
            request.sinkRequiresPartialContent = resuming
            let failure: S3Error
            do {
                let response = try await transport.perform(request, sink: sink)
                if resuming && response.isSuccess && response.status != 206 {
                    throw S3Error(kind: .invalidResponse, status: response.status, message: "the server ignored Range when resuming a download",
                                  requestID: response.header("x-amz-request-id"), resource: operation.resource)
                }
                if response.isSuccess { return response }
                failure = S3Error(response: response, resource: operation.resource)
                if failure.kind == .signatureDoesNotMatch {
                    diagnostics?("SignatureDoesNotMatch for \(operation.method) \(url)\nour string to sign:\n\(signature.stringToSign)\nserver's:\n\(failure.serverStringToSign ?? "(not sent)")\nour canonical request:\n\(signature.canonicalRequest)")
                }
            } catch let error as HTTPTransportError {
                failure = S3Error(transport: error, resource: operation.resource)
                if resumeETag == nil { resumeETag = error.responseHeaders.first { $0.name == "etag" }.map { Self.unquoted($0.value) } }
            }
            let resumable = delivered.value == 0 || (operation.method == "GET" && resumeETag != nil)
            guard failure.isRetryable, attempt < configuration.retry.maxAttempts, resumable else { throw failure }
            let delay = configuration.retry.delay(beforeRetry: attempt)
            diagnostics?("retrying \(operation.method) \(operation.resource) after \(failure) in \(delay)")
            try await Task.sleep(for: delay)
            attempt += 1
        }
    }

    /// The operation's headers plus `Host` and `Range`; a resumed GET asks for the bytes
    /// after `resumeAt`, only if the object still has `etag`.
    private static func headers(for operation: Operation, host: String, resumeAt offset: Int64,
                                etag: String?) -> [(name: String, value: String)] {
        var headers = operation.headers
        headers.append(("Host", host))
        if offset > 0 {
            headers.append(("Range", ByteRange(first: (operation.range?.first ?? 0) + offset, last: operation.range?.last).headerValue))
            if let etag { headers.append(("If-Match", "\"\(etag)\"")) }
        } else if let range = operation.range {
            headers.append(("Range", range.headerValue))
        }
        return headers
    }

    /// Parses a 2xx XML body, mapping garbage to `S3Error.invalidResponse`.
    func document(_ response: HTTPResponse, for operation: Operation) throws -> XMLElement {
        do {
            return try MiniXMLParser().parse(response.body)
        } catch {
            throw S3Error(kind: .invalidResponse, status: response.status, message: "unparseable response body: \(error)",
                          requestID: response.header("x-amz-request-id"), resource: operation.resource)
        }
    }
}

/// Bytes delivered to a sink, counted from the transport thread.
final class ByteCounter: Sendable {
    private let count = Atomic<Int>(0)

    func add(_ bytes: Int) { count.add(bytes, ordering: .relaxed) }

    var value: Int { count.load(ordering: .relaxed) }
}
