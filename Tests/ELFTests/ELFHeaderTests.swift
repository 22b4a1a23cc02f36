import BinaryIO
import TestSupport
import Testing

@testable import ELF

@Suite("ELFHeader")
struct ELFHeaderTests {
    static let sample = ELFHeader(
        osABI: 3, type: .sharedObject, machine: .aarch64, entryAddress: 0x1234_5678_9ABC, programHeaderOffset: 64,
        sectionHeaderOffset: 0x10_0000, flags: 7, programHeaderEntrySize: 56, programHeaderCount: 9,
        sectionHeaderEntrySize: 64, sectionHeaderCount: 30, sectionNameTableIndex: 29)

    @Test("round trip")
    func roundTrip() throws {
        let bytes = Self.sample.encode()
        #expect(bytes.count == 64)
        #expect(try ELFHeader(bytes: bytes[...], at: 0) == Self.sample)
    }

    @Test("busybox's header decodes as readelf reads it and re-encodes byte for byte", .busybox, .oracles("readelf"))
    func busybox() async throws {
        let bytes = try ImageReader(path: ELFFixture.busybox).read(at: 0, count: 64, structure: "ELF header")
        let header = try ELFHeader(bytes: bytes[...], at: 0)
        let readelf = try await ELFFixture.readelfHeader(ELFFixture.busybox)
        #expect(header.type == .executable)
        #expect(header.machine == .x86_64)
        #expect(readelf["Entry point address"] == "0x" + String(header.entryAddress, radix: 16))
        #expect(readelf["Start of section headers"] == "\(header.sectionHeaderOffset) (bytes into file)")
        #expect(readelf["Number of section headers"] == "\(header.sectionHeaderCount)")
        #expect(readelf["Number of program headers"] == "\(header.programHeaderCount)")
        #expect(readelf["Section header string table index"] == "\(header.sectionNameTableIndex)")
        #expect(header.encode() == bytes)
    }

    static let corruptions: [(Int, UInt8, DecodeError)] = [
        (
            0, 0x00,
            .badSignature(structure: "ELF header", offset: 0, expected: ELFHeader.magic, found: [0, 0x45, 0x4C, 0x46])
        ),
        (4, 1, .invalidValue(field: "EI_CLASS", offset: 4, reason: "ELFCLASS32; only ELF64 is supported")),
        (4, 9, .invalidValue(field: "EI_CLASS", offset: 4, reason: "unknown class 9")),
        (
            5, 2,
            .invalidValue(
                field: "EI_DATA", offset: 5, reason: "ELFDATA2MSB (big-endian); only little-endian is supported")
        ),
        (6, 0, .invalidValue(field: "EI_VERSION", offset: 6, reason: "version 0, expected 1")),
        (20, 2, .invalidValue(field: "e_version", offset: 20, reason: "version 2, expected 1")),
        (52, 32, .invalidValue(field: "e_ehsize", offset: 52, reason: "32 bytes, expected 64")),
        (54, 32, .invalidValue(field: "e_phentsize", offset: 54, reason: "32 bytes, expected 56")),
        (58, 40, .invalidValue(field: "e_shentsize", offset: 58, reason: "40 bytes, expected 64")),
    ]

    @Test("one corrupted byte gives that error", arguments: corruptions)
    func corrupted(position: Int, value: UInt8, error: DecodeError) {
        var bytes = Self.sample.encode()
        bytes[position] = value
        #expect(throws: error) { try ELFHeader(bytes: bytes[...], at: 0) }
    }

    @Test("a short header is truncated")
    func truncated() {
        let bytes = Self.sample.encode().dropLast()
        #expect(throws: DecodeError.truncated(structure: "ELF header", offset: 0, needed: 64, available: 63)) {
            try ELFHeader(bytes: bytes, at: 0)
        }
    }
}
