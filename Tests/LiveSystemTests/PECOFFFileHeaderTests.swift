import BinaryIO
import LiveSystem
import TestSupport
import Testing

@Suite("PECOFFFileHeader")
struct PECOFFFileHeaderTests {
    @Test("round trip", arguments: [
        PECOFFFileHeader(machine: .arm64, sectionCount: 2, optionalHeaderSize: 0xA0, characteristics: 0x206),
        PECOFFFileHeader(
            machine: PEMachine(rawValue: 0x5064), sectionCount: 0xFFFF, timeDateStamp: 0x6543_2100,
            symbolTableOffset: 0x1234, symbolCount: 7, optionalHeaderSize: 0xF0, characteristics: 0x22E),
    ])
    func roundTrip(header: PECOFFFileHeader) throws {
        let bytes = header.encode()
        #expect(bytes.count == PECOFFFileHeader.size)
        #expect(try PECOFFFileHeader(bytes: bytes[...], at: 0x40) == header)
    }

    @Test("the cached Debian kernel's header: machine x86-64 as objdump says, re-encoded byte-exact",
        .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"), .oracles("objdump"))
    func debianKernel() async throws {
        let kernel = try KernelLocator(hostRoot: "/nonexistent").locate().image
        let image = try ImageReader(path: kernel)
        var dos = ByteReader(try image.read(at: 0x3C, count: 4, structure: "e_lfanew")[...], at: 0x3C, structure: "e_lfanew")
        let offset = Int64(try dos.uint32LE())
        let onDisk = try image.read(at: offset, count: PECOFFFileHeader.size, structure: "PE header")
        let header = try PECOFFFileHeader(bytes: onDisk[...], at: offset)
        #expect(header.machine == .x86_64)
        #expect(header.encode() == onDisk)
        let dump = try await Tool.run("objdump", ["-f", kernel]).stdout
        #expect(dump.contains("file format pei-x86-64"), "\(dump)")
    }

    @Test("one corrupted signature byte, and too few bytes: those exact errors")
    func corrupted() {
        var bytes = PECOFFFileHeader(machine: .x86_64, sectionCount: 4, optionalHeaderSize: 0xF0, characteristics: 0x206).encode()
        bytes[1] = 0x58  // "PX\0\0"
        #expect(throws: DecodeError.badSignature(
            structure: "PE signature and COFF file header", offset: 0x80, expected: [0x50, 0x45, 0, 0], found: [0x50, 0x58, 0, 0])
        ) { try PECOFFFileHeader(bytes: bytes[...], at: 0x80) }
        #expect(throws: DecodeError.truncated(structure: "PE signature and COFF file header", offset: 0x80, needed: 24, available: 23)) {
            try PECOFFFileHeader(bytes: bytes[..<23], at: 0x80)
        }
    }
}
