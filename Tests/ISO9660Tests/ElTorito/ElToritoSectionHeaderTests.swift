import BinaryIO
import Testing

@testable import ISO9660

@Suite("ElToritoSectionHeader")
struct ElToritoSectionHeaderTests {
    @Test("round trip", arguments: [true, false])
    func roundTrip(isFinal: Bool) throws {
        let header = ElToritoSectionHeader(isFinal: isFinal, platform: .efi, entryCount: 2)
        let bytes = header.encode()
        #expect(Array(bytes[0..<4]) == [isFinal ? 0x91 : 0x90, 0xEF, 2, 0] && bytes.count == 32)
        let decoded = try ElToritoSectionHeader(bytes: bytes[...], at: 0)
        #expect(decoded == header && decoded.isFinal == isFinal && decoded.id.isEmpty)
    }

    @Test("an indicator other than 0x90 or 0x91 is an error")
    func badIndicator() {
        var bytes = ElToritoSectionHeader(isFinal: true, platform: .efi, entryCount: 1).encode()
        bytes[0] = 0x92
        #expect(
            throws: DecodeError.invalidValue(
                field: "El Torito section header indicator", offset: 0x40, reason: "0x92 is neither 0x90 nor 0x91")
        ) { try ElToritoSectionHeader(bytes: bytes[...], at: 0x40) }
    }
}
