import BinaryIO
import LiveSystem
import Testing

@Suite("PECertificateTableEntry")
struct PECertificateTableEntryTests {
    @Test("round trip", arguments: [
        PECertificateTableEntry(fileOffset: 0xD8_7200, byteCount: 0x5C0), PECertificateTableEntry(fileOffset: 0, byteCount: 0),
    ])
    func roundTrip(entry: PECertificateTableEntry) throws {
        let bytes = entry.encode()
        #expect(bytes.count == PECertificateTableEntry.size)
        #expect(try PECertificateTableEntry(bytes: bytes[...], at: 0x1A8) == entry)
    }

    @Test("little-endian fields in PE/COFF order: offset, then size")
    func layout() {
        #expect(PECertificateTableEntry(fileOffset: 0x0102_0304, byteCount: 0x0A0B).encode() == [4, 3, 2, 1, 0x0B, 0x0A, 0, 0])
    }

    @Test("a size with no offset, and too few bytes: those exact errors")
    func corrupted() {
        var bytes = PECertificateTableEntry(fileOffset: 0x1000, byteCount: 0x20).encode()
        bytes[1] = 0  // offset 0x1000 → 0
        #expect(throws: DecodeError.invalidValue(field: "certificate table size", offset: 0x1AC, reason: "32 bytes at file offset 0")) {
            try PECertificateTableEntry(bytes: bytes[...], at: 0x1A8)
        }
        #expect(throws: DecodeError.truncated(structure: "PE certificate table entry", offset: 0x1A8, needed: 8, available: 7)) {
            try PECertificateTableEntry(bytes: bytes[..<7], at: 0x1A8)
        }
    }
}
