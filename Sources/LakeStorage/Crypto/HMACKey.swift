import Foundation
import CCrypto

/// An HMAC-SHA256 key with its inner and outer pads computed once (RFC 2104).
///
/// SigV4 signs every request with the same derived signing key, so padding the key once
/// and hashing with a prefetched digest is markedly cheaper than OpenSSL's `HMAC()`,
/// which looks the algorithm up again on every call.
public struct HMACKey: Sendable {
    private static let blockSize = 64
    private let innerPad: [UInt8]
    private let outerPad: [UInt8]

    /// Prepares `key` (hashed first when longer than the SHA-256 block, as RFC 2104 says).
    public init(_ key: some ContiguousBytes) {
        var block = key.withUnsafeBytes { raw -> [UInt8] in
            raw.count > Self.blockSize ? Digest.digest(.sha256, raw) : [UInt8](raw)
        }
        block.append(contentsOf: repeatElement(0, count: Self.blockSize - block.count))
        innerPad = block.map { $0 ^ 0x36 }
        outerPad = block.map { $0 ^ 0x5c }
    }

    /// HMAC-SHA256 of `message`.
    public func authenticate(_ message: some ContiguousBytes) -> [UInt8] {
        message.withUnsafeBytes { authenticate(raw: $0) }
    }

    /// HMAC-SHA256 of a raw buffer.
    public func authenticate(raw message: UnsafeRawBufferPointer) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed: out of memory") }
        defer { EVP_MD_CTX_free(context) }
        let md = DigestAlgorithm.sha256.evp
        var inner = [UInt8](repeating: 0, count: Digest.sha256Length)
        var length: UInt32 = 0
        var ok = EVP_DigestInit_ex2(context, md, nil)
        ok &= innerPad.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        if message.count > 0 { ok &= EVP_DigestUpdate(context, message.baseAddress, message.count) }
        ok &= EVP_DigestFinal_ex(context, &inner, &length)
        var outer = [UInt8](repeating: 0, count: Digest.sha256Length)
        ok &= EVP_DigestInit_ex2(context, md, nil)
        ok &= outerPad.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        ok &= EVP_DigestUpdate(context, inner, inner.count)
        ok &= EVP_DigestFinal_ex(context, &outer, &length)
        precondition(ok == 1, "EVP digest failed inside HMAC")
        return outer
    }
}
