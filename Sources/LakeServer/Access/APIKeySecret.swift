import Foundation
import LakeStorage

/// How API key secrets and ids are made, and what is stored of a secret (its SHA-256).
///
/// The secret is 32 bytes from the system CSPRNG (`SystemRandomNumberGenerator`: getrandom(2)
/// on Linux) written as `cl_` + base64url, 46 characters. 256 random bits need no slow,
/// salted password hash: a fast hash of such a secret cannot be brute-forced, and it lets a
/// request find its key with one indexed lookup.
public enum APIKeySecret {
    /// Longest header or query value taken as a secret; anything longer is not one of ours
    /// and is refused before hashing.
    public static let maximumLength = 256

    /// A new secret.
    public static func generate() -> String {
        let encoded = Data(randomBytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "cl_" + encoded
    }

    /// A new public key id (`key_` + 16 hex digits): what logs, listings and revocation name.
    public static func generateKeyID() -> String {
        "key_" + Hex.encode(randomBytes(8))
    }

    /// What the catalog stores of `secret`: its SHA-256 in lowercase hex.
    public static func hash(_ secret: String) -> String {
        var secret = secret
        return Hex.encode(secret.withUTF8 { Digest.sha256(UnsafeRawBufferPointer($0)) })
    }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
