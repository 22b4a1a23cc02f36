import BinaryIO
import TestSupport
import Testing

@testable import ELF

@Suite("ELFDynamicEntry")
struct ELFDynamicEntryTests {
    @Test("round trip, including a tag with the sign bit set")
    func roundTrip() throws {
        for entry in [
            ELFDynamicEntry(tag: .needed, value: 0x2B), ELFDynamicEntry(tag: .flags1, value: 0x0800_0001),
            ELFDynamicEntry(tag: ELFDynamicTag(rawValue: -2), value: .max),
        ] {
            let bytes = entry.encode()
            #expect(bytes.count == 16)
            #expect(try ELFDynamicEntry(bytes: bytes[...], at: 0x100) == entry)
        }
    }

    @Test("dynamic sections of host binaries match readelf -d and re-encode byte for byte", .oracles("readelf"),
        arguments: Readelf.binaries)
    func hostBinary(path: String) async throws {
        let elf = try ELFFile(reader: ImageReader(path: path))
        let expected = try await Readelf.dynamic(path)
        let entries = try elf.dynamicEntries()
        // readelf lists the DT_NULL that ends the array; dynamicEntries() stops before it.
        #expect(entries.map { UInt64(bitPattern: $0.tag.rawValue) } + (entries.isEmpty ? [] : [0]) == expected.tags)
        guard let dynamic = try elf.programHeaders().first(where: { $0.type == .dynamic }) else {
            #expect(entries.isEmpty)
            return
        }
        let bytes = try elf.read(at: dynamic.offset, count: UInt64(entries.count * 16), structure: "dynamic")
        #expect(Array(entries.map { $0.encode() }.joined()) == Array(bytes))
    }

    @Test("a short entry is truncated")
    func truncated() {
        #expect(
            throws: DecodeError.truncated(structure: "ELF dynamic entry", offset: 0x29750, needed: 16, available: 9)
        ) {
            try ELFDynamicEntry(bytes: ELFDynamicEntry(tag: .needed, value: 1).encode().prefix(9), at: 0x29750)
        }
    }
}
