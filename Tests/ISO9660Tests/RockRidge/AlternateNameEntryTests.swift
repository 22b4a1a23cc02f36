import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

@Suite("AlternateNameEntry")
struct AlternateNameEntryTests {
    @Test("a name from xorriso")
    func xorrisoName() throws {
        let bytes = Hex.bytes("4E 4D 11 01 00 C3 BC 6E C3 AF C2 A9 C3 B8 64 C3 A9")
        let entry = try AlternateNameEntry(bytes: bytes[...], at: 0)
        #expect(entry.flags == [])
        #expect(String(decoding: entry.name, as: UTF8.self) == "ünï©ødé")
        #expect(entry.encode() == bytes)
    }

    @Test("the CURRENT and PARENT entries")
    func dotEntries() throws {
        #expect(AlternateNameEntry.current.encode() == Hex.bytes("4E 4D 05 01 02"))
        #expect(AlternateNameEntry.parent.encode() == Hex.bytes("4E 4D 05 01 04"))
        #expect(try AlternateNameEntry(bytes: Hex.bytes("4E 4D 05 01 24")[...], at: 0).flags == [.parent, .host])
    }

    @Test("names split into entries of at most 250 name bytes", arguments: [0, 1, 250, 251, 500, 501, 1000])
    func split(length: Int) throws {
        let name = (0..<length).map { UInt8(0x61 + $0 % 26) }
        let entries = AlternateNameEntry.entries(for: name)
        #expect(entries.count == max(1, (length + 249) / 250))
        #expect(entries.dropLast().allSatisfy { $0.flags == .continue && $0.name.count == 250 })
        #expect(entries.last?.flags == [])
        var joined: [UInt8] = []
        for entry in entries {
            let bytes = entry.encode()
            #expect(bytes.count <= 255)
            joined += try AlternateNameEntry(bytes: bytes[...], at: 0).name
        }
        #expect(joined == name)
    }

    @Test("an NM entry shorter than 5 bytes")
    func tooShort() {
        #expect(throws: DecodeError.invalidValue(field: "NM length", offset: 0x22, reason: "4 bytes, expected at least 5")) {
            try AlternateNameEntry(bytes: Hex.bytes("4E 4D 04 01 00")[...], at: 0x20)
        }
    }
}
