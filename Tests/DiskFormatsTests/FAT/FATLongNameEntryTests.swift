import BinaryIO
import Testing

@testable import DiskFormats

@Suite("FATLongNameEntry")
struct FATLongNameEntryTests {
    @Test("a name splits into 13-unit entries, last first, terminated and padded")
    func split() throws {
        let name = "A long file name.txt"  // 20 units: two entries
        let parts = FATLongNameEntry.entries(for: name, checksum: 0x5A)
        #expect(parts.map(\.order) == [0x42, 0x01])
        #expect(parts[0].characters[7] == 0 && parts[0].characters[8] == 0xFFFF)
        for part in parts {
            let bytes = part.encode()
            #expect(bytes.count == 32 && bytes[11] == 0x0F && bytes[13] == 0x5A)
            #expect(try FATLongNameEntry(bytes: bytes[...], at: 0) == part)
        }
        let units = parts.reversed().flatMap(\.nameUnits)
        #expect(String(decoding: units, as: UTF16.self) == name)
    }

    @Test("a name of exactly 13 units has no terminator")
    func exact() {
        let parts = FATLongNameEntry.entries(for: "abcdefghijklm", checksum: 0)
        #expect(parts.count == 1 && !parts[0].characters.contains(0))
    }

    @Test("attributes other than 0x0F are an error")
    func badAttributes() {
        var bytes = FATLongNameEntry.entries(for: "x", checksum: 0)[0].encode()
        bytes[11] = 0x20
        #expect(
            throws: DecodeError.invalidValue(field: "FAT long name attributes", offset: 43, reason: "0x20 is not 0x0f")
        ) { try FATLongNameEntry(bytes: bytes[...], at: 32) }
    }
}
