/// WebSocket limits and behaviour (part of ``HTTPServerConfiguration``).
public struct WebSocketConfiguration: Sendable {
    /// What to do when a client reads more slowly than the server sends.
    public enum SlowConsumerPolicy: Sendable {
        /// Drop the message being sent (the send reports it); the connection stays.
        case dropNewest
        /// Close the connection with 1008 (policy violation).
        case close
    }

    /// Largest frame payload accepted; larger frames close the connection with 1009 before
    /// their payload is read. Default: 16 MiB.
    public var maxFrameSize = 16 * 1024 * 1024
    /// Largest message (all fragments, after decompression). Larger ones close with 1009.
    /// Default: 16 MiB.
    public var maxMessageSize = 16 * 1024 * 1024
    /// Outbound bytes queued per connection beyond which a new message triggers
    /// ``slowConsumerPolicy`` (the queue holds at most this plus one message). Default: 4 MiB.
    public var maxOutboundBytes = 4 * 1024 * 1024
    /// Policy when the outbound queue is full. Default: `.close`.
    public var slowConsumerPolicy = SlowConsumerPolicy.close
    /// Inbound messages buffered for a handler that is not reading; reading from the socket
    /// pauses beyond it. Default: 64.
    public var maxInboundMessages = 64
    /// A connection with no frame from the client for this long is sent a ping; after
    /// another such period without any frame it is closed (1001). Default: 60 s.
    public var idleTimeout: Duration = .seconds(60)
    /// Messages smaller than this are sent uncompressed even when deflate was negotiated.
    /// Default: 256 bytes.
    public var compressionMinimumSize = 256
    /// How long to wait for the client's close frame after sending ours. Default: 5 s.
    public var closeTimeout: Duration = .seconds(5)

    /// The defaults listed on each property.
    public init() {}
}
