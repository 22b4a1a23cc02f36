import BinaryIO
import TestSupport
import Testing

@testable import ELF

@Suite("ELFProgramHeader")
struct ELFProgramHeaderTests {
    static let sample = ELFProgramHeader(
        type: .load, flags: [.read, .write], offset: 0x8_9108, virtualAddress: 0x8_A108, fileSize: 0x5B1C,
        memorySize: 0x2_03E8, alignment: 0x1000)

    @Test("round trip")
    func roundTrip() throws {
        let bytes = Self.sample.encode()
        #expect(bytes.count == 56)
        #expect(try ELFProgramHeader(bytes: bytes[...], at: 0x40) == Self.sample)
    }

    @Test("program headers of host binaries match readelf -l and re-encode byte for byte", .oracles("readelf"),
        arguments: Readelf.binaries)
    func hostBinary(path: String) async throws {
        let elf = try ELFFile(reader: ImageReader(path: path))
        let expected = try await Readelf.programHeaders(path)
        let headers = try elf.programHeaders()
        #expect(headers.count == expected.segments.count)
        for (header, line) in zip(headers, expected.segments) {
            #expect(header.offset == line.offset)
            #expect(header.virtualAddress == line.virtualAddress)
            #expect(header.fileSize == line.fileSize)
            #expect(header.memorySize == line.memorySize)
            #expect(header.alignment == line.alignment)
            let flags = (header.flags.contains(.read) ? "R" : "") + (header.flags.contains(.write) ? "W" : "")
                + (header.flags.contains(.execute) ? "E" : "")
            #expect(flags == line.flags)
            let names: [ELFSegmentType: String] = [
                .load: "LOAD", .dynamic: "DYNAMIC", .interpreter: "INTERP", .note: "NOTE", .programHeaders: "PHDR",
                .threadLocalStorage: "TLS", .gnuEHFrame: "GNU_EH_FRAME", .gnuStack: "GNU_STACK",
                .gnuRelro: "GNU_RELRO", .gnuProperty: "GNU_PROPERTY",
            ]
            #expect(names[header.type] == line.type)
        }
        let table = try elf.read(
            at: elf.header.programHeaderOffset, count: UInt64(headers.count * 56), structure: "program headers")
        #expect(Array(headers.map { $0.encode() }.joined()) == Array(table))
    }

    @Test("an alignment that is not a power of two is an error")
    func badAlignment() {
        var bytes = Self.sample.encode()
        bytes[48] = 0x30  // p_align
        bytes[49] = 0
        #expect(throws: DecodeError.invalidValue(field: "p_align", offset: 0x70, reason: "48 is not a power of two")) {
            try ELFProgramHeader(bytes: bytes[...], at: 0x40)
        }
    }

    @Test("a loadable segment larger in the file than in memory is an error")
    func fileLargerThanMemory() {
        var bytes = Self.sample.encode()
        bytes[40...47] = [0x10, 0, 0, 0, 0, 0, 0, 0]  // p_memsz 16
        #expect(
            throws: DecodeError.invalidValue(
                field: "p_memsz", offset: 0x68, reason: "16 bytes in memory, less than the 23324 bytes in the file")
        ) {
            try ELFProgramHeader(bytes: bytes[...], at: 0x40)
        }
    }

    @Test("a short program header is truncated")
    func truncated() {
        #expect(
            throws: DecodeError.truncated(structure: "ELF program header", offset: 0x40, needed: 56, available: 30)
        ) {
            try ELFProgramHeader(bytes: Self.sample.encode().prefix(30), at: 0x40)
        }
    }

    @Test("virtual addresses map to file offsets inside the file bytes only")
    func addressMapping() throws {
        #expect(try #require(Self.sample.fileOffset(ofVirtualAddress: 0x8_A108)) == (0x8_9108, 0x5B1C))
        #expect(try #require(Self.sample.fileOffset(ofVirtualAddress: 0x8_A110)) == (0x8_9110, 0x5B14))
        #expect(Self.sample.fileOffset(ofVirtualAddress: 0x8_A107) == nil)
        #expect(Self.sample.fileOffset(ofVirtualAddress: 0x8_A108 + 0x5B1C) == nil)  // .bss: in memory, not in the file
    }
}
