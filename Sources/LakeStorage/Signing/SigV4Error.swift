/// Mistakes in what was asked of the signer.
public enum SigV4Error: Error, Equatable, CustomStringConvertible {
    /// A presign expiry outside 1 s … 7 days.
    case invalidExpiry(Int)

    public var description: String {
        switch self {
        case .invalidExpiry(let seconds):
            "presign expiry must be between 1 and \(SigV4Signer.maximumPresignExpiry) seconds (7 days), got \(seconds)"
        }
    }
}
