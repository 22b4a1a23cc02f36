import BinaryIO
import Testing

@testable import ISO9660

@Suite("ElToritoSection")
struct ElToritoSectionTests {
    static let sample = ElToritoSection(
        header: ElToritoSectionHeader(isFinal: true, platform: .efi, entryCount: 2),
        entries: [ElToritoBootEntry(sectorCount: 2880, loadLBA: 32), ElToritoBootEntry(sectorCount: 8, loadLBA: 99)])

    @Test("round trip")
    func roundTrip() throws {
        let bytes = Self.sample.encode()
        #expect(bytes.count == 96 && Self.sample.encodedSize == 96)
        #expect(try ElToritoSection(bytes: bytes[...], at: 0x40) == Self.sample)
    }

    @Test("entries cut off by the end of the bytes are truncated")
    func truncated() {
        let bytes = Self.sample.encode()
        #expect(
            throws: DecodeError.truncated(structure: "El Torito section entry", offset: 0x80, needed: 32, available: 0)
        ) { try ElToritoSection(bytes: bytes[0..<64], at: 0x40) }
        #expect(
            throws: DecodeError.truncated(structure: "El Torito boot entry", offset: 0x80, needed: 32, available: 10)
        ) { try ElToritoSection(bytes: bytes[0..<74], at: 0x40) }
    }
}
