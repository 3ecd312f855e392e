import Foundation
import CCrypto

/// One-shot SHA-256 and MD5 over OpenSSL's EVP interface.
///
/// The message digests are fetched from the default provider once: `EVP_sha256()` would
/// make OpenSSL 3 resolve the provider implementation again on every initialisation,
/// which costs more than hashing a canonical request.
public enum Digest {
    /// Length of a SHA-256 digest in bytes.
    public static let sha256Length = 32

    /// SHA-256 of `bytes`.
    @inlinable
    public static func sha256(_ bytes: some ContiguousBytes) -> [UInt8] {
        bytes.withUnsafeBytes { digest(.sha256, $0) }
    }

    /// MD5 of `bytes` (only for `Content-MD5` and ETags, never for security).
    @inlinable
    public static func md5(_ bytes: some ContiguousBytes) -> [UInt8] {
        bytes.withUnsafeBytes { digest(.md5, $0) }
    }

    /// The digest of a raw buffer.
    @usableFromInline
    static func digest(_ algorithm: DigestAlgorithm, _ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: algorithm.length) { output, count in
            var length: UInt32 = 0
            let ok = EVP_Digest(buffer.baseAddress, buffer.count, output.baseAddress, &length, algorithm.evp, nil)
            precondition(ok == 1, "EVP_Digest failed")
            count = Int(length)
        }
    }
}

/// The digests CandleLake needs, with their prefetched OpenSSL implementations.
public enum DigestAlgorithm: Sendable {
    case sha256
    case md5

    /// Output size in bytes.
    public var length: Int {
        switch self {
        case .sha256: 32
        case .md5: 16
        }
    }

    @usableFromInline
    var evp: OpaquePointer {
        switch self {
        case .sha256: fetchedSHA256
        case .md5: fetchedMD5
        }
    }
}

// EVP_MD objects are immutable and reference counted by OpenSSL; sharing the pointer
// across threads is explicitly supported, hence nonisolated(unsafe).
nonisolated(unsafe) private let fetchedSHA256: OpaquePointer = {
    guard let md = EVP_MD_fetch(nil, "SHA256", nil) else { fatalError("OpenSSL has no SHA256") }
    return md
}()

nonisolated(unsafe) private let fetchedMD5: OpaquePointer = {
    guard let md = EVP_MD_fetch(nil, "MD5", nil) else { fatalError("OpenSSL has no MD5") }
    return md
}()
