import BinaryIO
import TestSupport
import Testing

@testable import ELF

@Suite("ELFSectionHeader")
struct ELFSectionHeaderTests {
    static let sample = ELFSectionHeader(
        nameOffset: 11, type: .programBits, flags: [.alloc, .executable], address: 0x40_1000, offset: 0x1000,
        size: 0x17, link: 2, info: 3, addressAlignment: 16, entrySize: 24)

    @Test("round trip")
    func roundTrip() throws {
        let bytes = Self.sample.encode()
        #expect(bytes.count == 64)
        #expect(try ELFSectionHeader(bytes: bytes[...], at: 0x200) == Self.sample)
    }

    @Test("busybox's section headers match readelf and re-encode byte for byte", .busybox, .oracles("readelf"))
    func busybox() async throws {
        let elf = try ELFFile(reader: ImageReader(path: ELFFixture.busybox))
        let expected = try await ELFFixture.readelfSections(ELFFixture.busybox)
        #expect(expected.count == elf.sections.count - 1)
        for line in expected {
            let section = try #require(elf.sections.indices.contains(line.index) ? elf.sections[line.index] : nil)
            #expect(section.name == line.name)
            #expect(section.header.address == line.address)
            #expect(section.header.offset == line.offset)
            #expect(section.header.size == line.size)
        }
        let table = try elf.read(
            at: elf.header.sectionHeaderOffset, count: UInt64(elf.sections.count * 64), structure: "table")
        #expect(Array(elf.sections.map { $0.header.encode() }.joined()) == Array(table))
        #expect(elf.firstSection(named: ".text")?.header.type == .programBits)
        #expect(elf.firstSection(named: ".bss")?.header.type == .noBits)
    }

    @Test("an alignment that is not a power of two is an error")
    func badAlignment() {
        var bytes = Self.sample.encode()
        bytes[48] = 12  // sh_addralign
        #expect(
            throws: DecodeError.invalidValue(field: "sh_addralign", offset: 0x230, reason: "12 is not a power of two")
        ) {
            try ELFSectionHeader(bytes: bytes[...], at: 0x200)
        }
    }

    @Test("a short section header is truncated")
    func truncated() {
        let bytes = Self.sample.encode().prefix(40)
        #expect(
            throws: DecodeError.truncated(structure: "ELF section header", offset: 0x200, needed: 64, available: 40)
        ) {
            try ELFSectionHeader(bytes: bytes, at: 0x200)
        }
    }
}
