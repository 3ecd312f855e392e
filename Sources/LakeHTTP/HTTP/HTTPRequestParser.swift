/// An incremental HTTP/1.1 request parser (RFC 9112): a value-type state machine fed
/// arbitrary chunks of bytes.
///
/// Call ``parse(_:)`` with the unconsumed input until it returns no event; it consumes what
/// it can and reports at most one event per call. After ``HTTPParserEvent/end(trailers:)``
/// it is ready for the next pipelined request. Every limit of ``HTTPParserLimits`` is checked
/// before bytes are stored. Anything ambiguous or malformed — the request-smuggling vectors
/// nginx refuses — throws ``HTTPParserError``, after which the parser stays failed.
///
/// ```swift
/// var parser = HTTPRequestParser(limits: HTTPParserLimits())
/// var offset = 0
/// while true {
///     let step = try parser.parse(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
///     offset += step.consumed
///     guard let event = step.event else { break }   // all input consumed
///     handle(event)
/// }
/// ```
public struct HTTPRequestParser: Sendable {
    /// The bounds this parser enforces.
    public let limits: HTTPParserLimits

    enum State: UInt8 {
        case lineStart, leadingLF, method, target, version, requestLineLF
        case fieldStart, fieldName, fieldValueStart, fieldValue, fieldLF, sectionEndLF
        case fixedBody, chunkSize, chunkSpace, chunkExtension, chunkSizeLF, chunkData, chunkDataCR, chunkDataLF
        case messageComplete, failed
    }

    struct FieldRange {
        var nameStart: Int, nameEnd: Int, valueStart: Int, valueEnd: Int
    }

    var state: State = .lineStart
    private var failure: HTTPParserError?
    /// Bytes of the request line and field section (or trailer section) seen so far.
    var buffer: [UInt8] = []
    var fields: [FieldRange] = []
    var inTrailers = false
    var leadingEmptyLines = 0
    var methodStart = 0, methodEnd = 0, targetStart = 0, targetEnd = 0, versionStart = 0
    var current = FieldRange(nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0)
    var lineLength = 0
    var sectionBytes = 0
    var bodyRemaining = 0
    var bodyReceived = 0
    /// The body limit of the current request (see ``limitBody(to:)``).
    var bodyLimit: Int
    var chunkSize = 0
    var chunkDigits = 0
    var chunkLineLength = 0

    /// A parser with the given limits.
    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
        bodyLimit = limits.maxBodySize
        buffer.reserveCapacity(1024)
    }

    // The two flags below are read for every event by a connection, which holds its parser in
    // a stored property of a class: a plain getter there copies the whole parser (264 bytes,
    // retaining its arrays) to call it, a `mutating get` reads in place.

    /// Whether no byte of a next request has arrived (the connection is idle between requests).
    public var isIdle: Bool { mutating get { state == .lineStart && buffer.isEmpty } }

    /// Whether the parser is inside a request body.
    public var isReadingBody: Bool { mutating get { state.rawValue >= State.fixedBody.rawValue && state.rawValue <= State.chunkDataLF.rawValue || inTrailers } }

    /// Body bytes of the current Content-Length body not received yet; nil for a chunked body
    /// (whose length is unknown) and outside a body.
    public var remainingBodyBytes: Int? {
        switch state {
        case .fixedBody: return bodyRemaining
        case .messageComplete: return 0
        default: return nil
        }
    }

    /// Consumes a prefix of `input` and reports at most one event. A nil event means all of
    /// `input` was consumed and more is needed. Body events are ranges of `input`.
    public mutating func parse(_ input: UnsafeRawBufferPointer) throws(HTTPParserError) -> HTTPParserStep {
        if let failure { throw failure }
        do throws(HTTPParserError) {
            switch state {
            case .messageComplete:
                reset()
                return HTTPParserStep(consumed: 0, event: .end(trailers: HTTPHeaders()))
            case .fixedBody:
                return try parseFixedBody(input)
            case .chunkSize, .chunkSpace, .chunkExtension, .chunkSizeLF, .chunkData, .chunkDataCR, .chunkDataLF:
                return try parseChunked(input)
            default:
                return try parseSection(input)
            }
        } catch {
            state = .failed
            failure = error
            throw error
        }
    }

    /// Sets the largest body the request whose head was just reported may have, in place of
    /// ``HTTPParserLimits/maxBodySize`` (a route that streams its body may accept more, or
    /// less). Call it right after the ``HTTPParserEvent/head(_:)`` event, before feeding more
    /// input; the next head resets it to the default.
    /// - Throws: 413 at once when the declared `Content-Length` exceeds `limit`; the parser
    ///   then stays failed. Chunked bodies are checked against `limit` as their sizes arrive.
    public mutating func limitBody(to limit: Int) throws(HTTPParserError) {
        bodyLimit = limit
        if state == .fixedBody {
            do throws(HTTPParserError) {
                try checkDeclaredLength()
            } catch {
                state = .failed
                failure = error
                throw error
            }
        }
    }

    /// A Content-Length body must fit the limit before any of it is read.
    private func checkDeclaredLength() throws(HTTPParserError) {
        let declared = bodyReceived + bodyRemaining
        guard declared <= bodyLimit else {
            throw HTTPParserError(.contentTooLarge, "body of \(declared) bytes exceeds the limit of \(bodyLimit)")
        }
    }

    mutating func reset() {
        state = .lineStart
        buffer.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        inTrailers = false
        leadingEmptyLines = 0
        lineLength = 0
        sectionBytes = 0
        bodyReceived = 0
    }

    private mutating func parseFixedBody(_ input: UnsafeRawBufferPointer) throws(HTTPParserError) -> HTTPParserStep {
        if bodyReceived == 0 { try checkDeclaredLength() }
        let count = min(bodyRemaining, input.count)
        guard count > 0 else { return HTTPParserStep(consumed: 0, event: nil) }
        bodyRemaining -= count
        bodyReceived += count
        if bodyRemaining == 0 { state = .messageComplete }
        return HTTPParserStep(consumed: count, event: .body(0..<count))
    }
}

/// What one call of ``HTTPRequestParser/parse(_:)`` did.
public struct HTTPParserStep: Sendable {
    /// How many bytes of the input were consumed.
    public var consumed: Int
    /// What completed, if anything; nil means the whole input was consumed.
    public var event: HTTPParserEvent?
}

/// A unit of parsed request.
public enum HTTPParserEvent: Sendable {
    /// The request line and headers.
    case head(HTTPRequestHead)
    /// Body bytes: a range of the input passed to that call.
    case body(Range<Int>)
    /// The request is complete; trailers of a chunked body (usually empty).
    case end(trailers: HTTPHeaders)

}
