import BinaryIO
import TestSupport
import Testing

@testable import ELF

@Suite("ELFFile")
struct ELFFileTests {
    static let synthetic = SyntheticELF(modinfo: Array("license=GPL\0name=demo\0depends=\0".utf8))

    @Test("a synthetic file: sections, names and contents")
    func synthetic() throws {
        let elf = try ELFFile(bytes: Self.synthetic.bytes)
        #expect(elf.header == Self.synthetic.header)
        #expect(elf.sections.map(\.name) == ["", ".modinfo", ".shstrtab"])
        #expect(elf.sections.map(\.header) == Self.synthetic.sectionHeaders)
        #expect(try elf.section(named: ".modinfo").map(Array.init) == Self.synthetic.modinfo)
        #expect(try elf.section(named: ".text") == nil)
        #expect(try elf.contents(of: elf.sections[0]).isEmpty)
    }

    @Test("reading busybox from the file and from memory gives the same sections", .busybox)
    func fileAndMemory() throws {
        let fromFile = try ELFFile(reader: ImageReader(path: ELFFixture.busybox))
        let fromMemory = try ELFFile(bytes: ELFFixture.bytes(of: ELFFixture.busybox))
        #expect(fromFile.header == fromMemory.header)
        #expect(fromFile.sections == fromMemory.sections)
        let comment = try #require(fromFile.firstSection(named: ".note.gnu.build-id"))
        #expect(try fromFile.contents(of: comment) == fromMemory.contents(of: comment))
        #expect(try fromFile.contents(of: comment).count == 36)
        #expect(try fromFile.section(named: ".bss")?.isEmpty == true)
    }

    @Test("a kernel module's sections match readelf", .kernelModules, .oracles("readelf"))
    func kernelModule() async throws {
        let path = try ELFFixture.module("kernel/drivers/scsi/sr_mod.ko")
        let elf = try ELFFile(reader: ImageReader(path: path))
        #expect(elf.header.type == .relocatable)
        let expected = try await ELFFixture.readelfSections(path)
        #expect(expected.map(\.name) == elf.sections.dropFirst().map(\.name))
        #expect(expected.map(\.size) == elf.sections.dropFirst().map(\.header.size))
    }

    @Test("extended numbering: the section count in section 0's sh_size, the name table index in its sh_link")
    func extendedNumbering() throws {
        var bytes = Self.synthetic.bytes
        bytes[0x3C] = 0  // e_shnum 0
        bytes[0x3E] = 0xFF  // e_shstrndx SHN_XINDEX
        bytes[0x3F] = 0xFF
        let first = Self.synthetic.sectionHeaderOffset(0)
        bytes[first + 0x20] = 3  // sh_size: 3 sections
        bytes[first + 0x28] = 2  // sh_link: names in section 2
        let elf = try ELFFile(bytes: bytes)
        #expect(elf.sections.map(\.name) == ["", ".modinfo", ".shstrtab"])
        bytes[first + 0x20] = 9
        #expect(
            throws: DecodeError.fieldOutOfRange(
                field: "sh_size of section 0 (section count)", offset: Int64(first + 0x20), value: 9, limit: 3)
        ) { try ELFFile(bytes: bytes) }
    }

    @Test("e_shoff past the end of the file is an error")
    func sectionTableOffset() throws {
        var bytes = Self.synthetic.bytes
        bytes[0x28 + 2] = 0x10  // e_shoff += 0x100000
        let size = Int64(bytes.count)
        let shoff = UInt64(Self.synthetic.tableOffset) + 0x10_0000
        #expect(
            throws: DecodeError.fieldOutOfRange(field: "e_shoff", offset: 0x28, value: shoff, limit: UInt64(size - 64))
        ) {
            try ELFFile(bytes: bytes)
        }
    }

    @Test("more section headers than fit in the file is an error")
    func sectionCount() throws {
        var bytes = Self.synthetic.bytes
        bytes[0x3C] = 4  // e_shnum 3 → 4
        #expect(throws: DecodeError.fieldOutOfRange(field: "e_shnum", offset: 0x3C, value: 4, limit: 3)) {
            try ELFFile(bytes: bytes)
        }
    }

    @Test("e_shstrndx out of range or not a string table is an error")
    func nameTableIndex() throws {
        var bytes = Self.synthetic.bytes
        bytes[0x3E] = 3
        #expect(throws: DecodeError.fieldOutOfRange(field: "e_shstrndx", offset: 0x3E, value: 3, limit: 3)) {
            try ELFFile(bytes: bytes)
        }
        bytes[0x3E] = 1
        #expect(
            throws: DecodeError.invalidValue(
                field: "e_shstrndx", offset: 0x3E, reason: "section 1 has type 1, not SHT_STRTAB (3)")
        ) { try ELFFile(bytes: bytes) }
        bytes[0x3E] = 0  // SHN_UNDEF: no names
        #expect(try ELFFile(bytes: bytes).sections.map(\.name) == ["", "", ""])
    }

    @Test("a section running past the end of the file is an error")
    func sectionSize() throws {
        var bytes = Self.synthetic.bytes
        let sizeField = Self.synthetic.sectionHeaderOffset(1) + 0x20
        bytes[sizeField + 2] = 1  // sh_size += 0x10000
        let offset = Int64(Self.synthetic.modinfoOffset)
        #expect(
            throws: DecodeError.truncated(
                structure: "ELF section 1 contents", offset: offset, needed: Self.synthetic.modinfo.count + 0x10000,
                available: bytes.count - Int(offset))
        ) { try ELFFile(bytes: bytes) }
    }

    @Test("a section offset past the end of the file is an error")
    func sectionOffset() throws {
        var bytes = Self.synthetic.bytes
        let offsetField = Self.synthetic.sectionHeaderOffset(1) + 0x18
        bytes[offsetField + 7] = 0x80  // sh_offset ≥ 2^63
        #expect(
            throws: DecodeError.fieldOutOfRange(
                field: "sh_offset of section 1", offset: Int64(offsetField),
                value: UInt64(Self.synthetic.modinfoOffset) | 1 << 63, limit: UInt64(bytes.count))
        ) { try ELFFile(bytes: bytes) }
    }

    @Test("a section name offset past the name table is an error")
    func sectionName() throws {
        var bytes = Self.synthetic.bytes
        bytes[Self.synthetic.sectionHeaderOffset(1)] = 0x40  // sh_name
        #expect(
            throws: DecodeError.fieldOutOfRange(
                field: "sh_name of section 1", offset: Int64(Self.synthetic.namesOffset), value: 0x40,
                limit: UInt64(SyntheticELF.names.count))
        ) { try ELFFile(bytes: bytes) }
    }

    @Test("a file shorter than its header is truncated")
    func shortFile() {
        #expect(throws: DecodeError.truncated(structure: "ELF header", offset: 0, needed: 64, available: 10)) {
            try ELFFile(bytes: Array(Self.synthetic.bytes.prefix(10)))
        }
    }
}
