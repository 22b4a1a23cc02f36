import BinaryIO
import Testing

@testable import ISO9660

@Suite("ElToritoBootEntry")
struct ElToritoBootEntryTests {
    @Test("round trip")
    func roundTrip() throws {
        let entry = ElToritoBootEntry(
            bootable: true, mediaType: .hardDisk, loadSegment: 0x7C0, systemType: 0x0C, sectorCount: 4, loadLBA: 754)
        let bytes = entry.encode()
        #expect(bytes == [0x88, 4, 0xC0, 0x07, 0x0C, 0, 4, 0, 0xF2, 0x02, 0, 0] + Array(repeating: 0, count: 20))
        let decoded = try ElToritoBootEntry(bytes: bytes[...], at: 0)
        #expect(decoded == entry && decoded.isBootable && decoded.encodedSize == 32)
        let idle = ElToritoBootEntry(bootable: false, sectorCount: 1, loadLBA: 0)
        #expect(try ElToritoBootEntry(bytes: idle.encode()[...], at: 0).isBootable == false)
    }

    @Test("extension records announced by bit 5 are kept")
    func extensions() throws {
        var entry = ElToritoBootEntry(sectorCount: 4, loadLBA: 40)
        entry.mediaFlags = ElToritoBootEntry.continuationFlag
        entry.selectionCriteria[0] = 1
        let first = [0x44, ElToritoBootEntry.continuationFlag] + Array(repeating: UInt8(0xA1), count: 30)
        let last = [0x44, 0] + Array(repeating: UInt8(0xB2), count: 30)
        entry.extensions = [first, last]
        let bytes = entry.encode() + Array(repeating: 0, count: 64)
        let decoded = try ElToritoBootEntry(bytes: bytes[...], at: 0x1000)
        #expect(decoded == entry && decoded.encodedSize == 96)
    }

    @Test("an announced extension that is not 0x44 is an error")
    func badExtension() {
        var entry = ElToritoBootEntry(sectorCount: 4, loadLBA: 40)
        entry.mediaFlags = ElToritoBootEntry.continuationFlag
        let bytes = entry.encode() + [0x88] + Array(repeating: 0, count: 31)
        #expect(
            throws: DecodeError.badSignature(
                structure: "El Torito section entry extension", offset: 0x1020, expected: [0x44], found: [0x88])
        ) { try ElToritoBootEntry(bytes: bytes[...], at: 0x1000) }
    }

    @Test("a boot indicator other than 0x88 or 0x00 is an error")
    func badIndicator() {
        var bytes = ElToritoBootEntry(sectorCount: 4, loadLBA: 40).encode()
        bytes[0] = 0x89
        #expect(
            throws: DecodeError.invalidValue(
                field: "El Torito boot indicator", offset: 0x1020, reason: "0x89 is neither 0x88 nor 0x00")
        ) { try ElToritoBootEntry(bytes: bytes[...], at: 0x1020) }
    }

    @Test("sector counts for EFI images are capped at 65535")
    func sectorCounts() {
        #expect(ElToritoBootEntry.sectorCount(forImageBytes: 1_474_560) == 2880)
        #expect(ElToritoBootEntry.sectorCount(forImageBytes: 513) == 2)
        #expect(ElToritoBootEntry.sectorCount(forImageBytes: 64 << 20) == 65535)
    }
}
