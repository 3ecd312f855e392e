import Foundation
import CCurl
import Synchronization

/// One request in flight on `CurlTransport`: the easy handle, the body being sent,
/// and the response being received.
///
/// `@unchecked Sendable`: after `CurlTransport` takes the transfer, every mutable field
/// is touched only by the transport's single driver thread (curl calls the callbacks on
/// it too); before that only the submitting task sets `continuation`, and the inbox
/// mutex orders the hand-over. `cancelRequested` is atomic because any thread may set it.
final class CurlTransfer: @unchecked Sendable {
    /// Error bodies kept while a sink receives the success body.
    private static let errorBodyLimit = 1 << 20

    let request: HTTPRequest
    private let sink: HTTPBodySink?
    var continuation: CheckedContinuation<HTTPResponse, any Error>?
    let cancelRequested = Atomic<Bool>(false)
    private(set) var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private var uploadOffset = 0
    private var status = 0
    private var headers: [(name: String, value: String)] = []
    private var body: [UInt8] = []
    private var streamed = 0
    private var sinkError: (any Error)?

    init(request: HTTPRequest, sink: HTTPBodySink?) {
        self.request = request
        self.sink = sink
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        if let easy { curl_easy_cleanup(easy) }
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    /// Creates and configures the easy handle; an error means the request is unusable.
    func start() -> HTTPTransportError? {
        guard let easy = curl_easy_init() else { return HTTPTransportError(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_easy_init failed", sinkError: nil) }
        self.easy = easy
        let this = Unmanaged.passUnretained(self).toOpaque()
        var result = CURLE_OK
        func set(_ code: CURLcode) { if result == CURLE_OK { result = code } }
        set(ccurl_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        set(request.url.withCString { ccurl_setopt_ptr(easy, CURLOPT_URL, $0) })
        set(request.method.withCString { ccurl_setopt_ptr(easy, CURLOPT_CUSTOMREQUEST, $0) })
        set(ccurl_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        // S3 keys may contain "/../" or "/./": send the path exactly as signed.
        set(ccurl_setopt_long(easy, CURLOPT_PATH_AS_IS, 1))
        set(ccurl_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1))
        set(ccurl_setopt_ptr(easy, CURLOPT_PRIVATE, this))
        set(ccurl_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, request.timeouts.connect.roundedUpMilliseconds))
        set(ccurl_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, request.timeouts.lowSpeedLimit))
        set(ccurl_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, Int(request.timeouts.lowSpeedTime.components.seconds))))
        if let total = request.timeouts.total { set(ccurl_setopt_long(easy, CURLOPT_TIMEOUT_MS, total.roundedUpMilliseconds)) }
        set(ccurl_setopt_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, user in
            Unmanaged<CurlTransfer>.fromOpaque(user!).takeUnretainedValue().receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        })
        set(ccurl_setopt_ptr(easy, CURLOPT_WRITEDATA, this))
        set(ccurl_setopt_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, user in
            Unmanaged<CurlTransfer>.fromOpaque(user!).takeUnretainedValue().receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
        })
        set(ccurl_setopt_ptr(easy, CURLOPT_HEADERDATA, this))
        if request.method == "HEAD" {
            set(ccurl_setopt_long(easy, CURLOPT_NOBODY, 1))
        } else if request.method == "PUT" || request.method == "POST" || !request.body.isEmpty {
            set(ccurl_setopt_long(easy, CURLOPT_UPLOAD, 1))
            set(ccurl_setopt_off(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.body.count)))
            set(ccurl_setopt_callback(easy, CURLOPT_READFUNCTION) { buffer, size, count, user in
                Unmanaged<CurlTransfer>.fromOpaque(user!).takeUnretainedValue().sendBody(into: buffer, capacity: size * count)
            })
            set(ccurl_setopt_ptr(easy, CURLOPT_READDATA, this))
        }
        // "Expect:" switches off curl's 100-continue wait; the rest are the caller's headers.
        for line in request.headers.map({ "\($0.name): \($0.value)" }) + ["Expect:"] {
            headerList = line.withCString { curl_slist_append(headerList, $0) }
        }
        set(ccurl_setopt_ptr(easy, CURLOPT_HTTPHEADER, headerList))
        guard result == CURLE_OK else { return error(result) }
        return nil
    }

    private func receiveHeader(_ line: UnsafeRawBufferPointer) -> Int {
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("HTTP/") {
            // A new status line (after 100 Continue or a redirect) starts a new header set.
            let parts = text.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers.removeAll()
        } else if let colon = text.firstIndex(of: ":") {
            headers.append((text[..<colon].lowercased(), text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return line.count
    }

    private func receiveBody(_ data: UnsafeRawBufferPointer) -> Int {
        if let sink, (200..<300).contains(status), !request.sinkRequiresPartialContent || status == 206 {
            do {
                try sink(data)
                streamed += data.count
            } catch {
                sinkError = error
                return 0  // makes curl abort with CURLE_WRITE_ERROR
            }
        } else {
            guard sink == nil || body.count + data.count <= Self.errorBodyLimit else { return data.count }
            body.append(contentsOf: data)
        }
        return data.count
    }

    private func sendBody(into buffer: UnsafeMutablePointer<CChar>?, capacity: Int) -> Int {
        guard let buffer else { return 0 }
        let count = min(capacity, request.body.count - uploadOffset)
        guard count > 0 else { return 0 }
        request.body.withUnsafeBytes { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + uploadOffset, byteCount: count)
        }
        uploadOffset += count
        return count
    }

    /// Resumes the waiting task with the outcome of curl's `result`.
    func complete(_ result: CURLcode) {
        if result == CURLE_OK {
            resume(.success(HTTPResponse(status: status, headers: headers, body: body, streamedByteCount: streamed)))
        } else {
            resume(.failure(error(result)))
        }
    }

    /// Resumes the waiting task with `error` (cancellation, setup failure).
    func fail(_ error: any Error) {
        resume(.failure(error))
    }

    private func resume(_ result: Result<HTTPResponse, any Error>) {
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
        continuation?.resume(with: result)
        continuation = nil
    }

    private func error(_ code: CURLcode) -> HTTPTransportError {
        let detail = String(cString: errorBuffer)
        let summary = String(cString: curl_easy_strerror(code))
        var error = HTTPTransportError(code: Int(code.rawValue), message: detail.isEmpty ? summary : "\(summary): \(detail)", sinkError: sinkError)
        if (200..<300).contains(status) { error.responseHeaders = headers }
        return error
    }
}
