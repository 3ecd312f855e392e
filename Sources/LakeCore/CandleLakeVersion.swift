/// The CandleLake release, reported by `/status` and `candlelake --version`.
public enum CandleLakeVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
