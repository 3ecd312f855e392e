/// How failed requests are retried: exponential backoff with full jitter (the AWS
/// "standard" retry mode): before retry n the client sleeps a random time in
/// `0 … min(maximumDelay, baseDelay · 2ⁿ⁻¹)`.
public struct S3RetryPolicy: Sendable, Equatable {
    /// Total tries including the first (`AWS_MAX_ATTEMPTS`, default 4). 1 disables retries.
    public var maxAttempts: Int
    /// Backoff base (default 200 ms).
    public var baseDelay: Duration
    /// Backoff cap (default 20 s).
    public var maximumDelay: Duration

    /// A policy; the defaults suit S3.
    public init(maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(20)) {
        precondition(maxAttempts >= 1, "maxAttempts must be at least 1")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// The randomised pause before retry `retry` (1 for the first retry).
    public func delay(beforeRetry retry: Int) -> Duration {
        let exponential = baseDelay * (1 << min(retry - 1, 30))
        let cap = min(exponential, maximumDelay)
        let nanoseconds = cap.components.seconds * 1_000_000_000 + cap.components.attoseconds / 1_000_000_000
        return .nanoseconds(Int64.random(in: 0...max(0, nanoseconds)))
    }
}
