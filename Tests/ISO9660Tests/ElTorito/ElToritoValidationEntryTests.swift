import BinaryIO
import Testing

@testable import ISO9660

@Suite("ElToritoValidationEntry")
struct ElToritoValidationEntryTests {
    /// The sum of the sixteen little-endian words.
    static func wordSum(_ bytes: [UInt8]) -> UInt16 {
        stride(from: 0, to: 32, by: 2).reduce(UInt16(0)) { $0 &+ (UInt16(bytes[$1]) | UInt16(bytes[$1 + 1]) << 8) }
    }

    @Test("round trip; the words sum to zero", arguments: [PlatformID.x86, .efi, .powerPC])
    func roundTrip(platform: PlatformID) throws {
        let entry = ElToritoValidationEntry(platform: platform, id: "isokit")
        let bytes = entry.encode()
        #expect(bytes.count == 32 && bytes[0] == 1 && bytes[30] == 0x55 && bytes[31] == 0xAA)
        #expect(Self.wordSum(bytes) == 0)
        let decoded = try ElToritoValidationEntry(bytes: bytes[...], at: 0x10800)
        #expect(decoded == entry && decoded.id == "isokit" && decoded.platform == platform)
    }

    @Test("xorriso's BIOS validation entry is 01 00 …, checksum 55AA")
    func xorrisoForm() {
        let bytes = ElToritoValidationEntry(platform: .x86).encode()
        #expect(bytes == [1] + Array(repeating: 0, count: 27) + [0xAA, 0x55, 0x55, 0xAA])
    }

    @Test("a wrong key byte is an error", arguments: [30, 31])
    func badKey(index: Int) {
        var bytes = ElToritoValidationEntry(platform: .x86).encode()
        bytes[index] ^= 0x01
        #expect(
            throws: DecodeError.badSignature(
                structure: "El Torito validation entry", offset: 0x10800 + 30, expected: [0x55, 0xAA],
                found: Array(bytes[30...31]))
        ) { try ElToritoValidationEntry(bytes: bytes[...], at: 0x10800) }
    }

    @Test("a changed ID byte breaks the checksum")
    func badChecksum() {
        var bytes = ElToritoValidationEntry(platform: .x86).encode()
        bytes[4] = 1
        #expect(
            throws: DecodeError.badChecksum(
                structure: "El Torito validation entry", offset: 0x10800, stored: 0x55AA, computed: 0x55A9)
        ) { try ElToritoValidationEntry(bytes: bytes[...], at: 0x10800) }
    }

    @Test("a header ID other than 1 is an error")
    func badHeader() {
        var bytes = ElToritoValidationEntry(platform: .x86).encode()
        bytes[0] = 0x88
        #expect(
            throws: DecodeError.badSignature(
                structure: "El Torito validation entry", offset: 0x10800, expected: [1], found: [0x88])
        ) { try ElToritoValidationEntry(bytes: bytes[...], at: 0x10800) }
    }
}
