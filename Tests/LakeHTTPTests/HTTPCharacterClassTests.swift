@testable import LakeHTTP
import Testing

/// The character classes' bit masks against the grammar they encode, for every byte.
struct HTTPCharacterClassTests {
    private static let allBytes = (0...255).map { UInt8($0) }
    private static let lettersAndDigits = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    @Test func tokenIsLettersDigitsAndTheRFCsSymbols() {
        let wrong = Self.allBytes.filter { byte in
            HTTPCharacterClass.isToken(byte) != (Self.lettersAndDigits.contains(byte) || "!#$%&'*+-.^_`|~".utf8.contains(byte))
        }
        #expect(wrong == [])
    }

    @Test func targetIsVisibleASCIIButTheExcludedCharacters() {
        let wrong = Self.allBytes.filter { byte in
            HTTPCharacterClass.isTarget(byte) != (byte > 0x20 && byte < 0x7F && !"#\"<>\\^`{|}".utf8.contains(byte))
        }
        #expect(wrong == [])
    }

    @Test func hostIsLettersDigitsAndTheURISymbols() {
        let wrong = Self.allBytes.filter { byte in
            HTTPCharacterClass.isHost(byte) != (Self.lettersAndDigits.contains(byte) || "-._~!$&'()*+,;=:[]%".utf8.contains(byte))
        }
        #expect(wrong == [])
    }

    @Test(arguments: [(0x00, false), (0x09, true), (0x0A, false), (0x0D, false), (0x1F, false), (0x20, true),
                      (0x41, true), (0x7E, true), (0x7F, false), (0x80, true), (0xFF, true)])
    func fieldValueRefusesControlsAndDEL(byte: Int, allowed: Bool) {
        #expect(HTTPCharacterClass.isFieldValue(UInt8(byte)) == allowed)
    }
}
