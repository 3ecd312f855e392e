import Foundation
import CCrypto

/// A digest fed in pieces, for bodies that are hashed while they are read from disk.
///
/// ```swift
/// let hasher = IncrementalDigest(.md5)
/// hasher.update(chunk)
/// let md5 = hasher.finalize()
/// ```
public final class IncrementalDigest {
    private let context: OpaquePointer
    private let algorithm: DigestAlgorithm
    private var finished = false

    /// Starts a new digest.
    public init(_ algorithm: DigestAlgorithm) {
        guard let context = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed: out of memory") }
        self.context = context
        self.algorithm = algorithm
        precondition(EVP_DigestInit_ex2(context, algorithm.evp, nil) == 1, "EVP_DigestInit_ex2 failed")
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Feeds more bytes.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "update after finalize")
        guard bytes.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1, "EVP_DigestUpdate failed")
    }

    /// Feeds more bytes.
    public func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of everything fed so far; the hasher cannot be used afterwards.
    public func finalize() -> [UInt8] {
        precondition(!finished, "finalize called twice")
        finished = true
        return [UInt8](unsafeUninitializedCapacity: algorithm.length) { output, count in
            var length: UInt32 = 0
            precondition(EVP_DigestFinal_ex(context, output.baseAddress, &length) == 1, "EVP_DigestFinal_ex failed")
            count = Int(length)
        }
    }
}
