import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import ELF

@Suite("ELFDynamicLinking")
struct ELFDynamicLinkingTests {
    /// A small dynamically linked program (176 KiB).
    static let dropbear = "/usr/sbin/dropbear"
    static var hasDropbear: Bool { Oracle.required || FileManager.default.fileExists(atPath: dropbear) }

    @Test("interpreter, needed libraries, soname and search paths match readelf", .oracles("readelf"),
        arguments: Readelf.binaries)
    func hostBinary(path: String) async throws {
        let linking = try ELFFile(reader: ImageReader(path: path)).dynamicLinking()
        let dynamic = try await Readelf.dynamic(path)
        #expect(linking.interpreter == (try await Readelf.programHeaders(path)).interpreter)
        #expect(linking.needed == dynamic.needed)
        #expect(linking.soname == dynamic.soname)
        #expect(linking.rpath == (dynamic.rpath?.split(separator: ":").map(String.init) ?? []))
        #expect(linking.runpath == (dynamic.runpath?.split(separator: ":").map(String.init) ?? []))
    }

    @Test("a static executable has no interpreter and needs nothing", .busybox)
    func staticExecutable() throws {
        let linking = try ELFFile(reader: ImageReader(path: ELFFixture.busybox)).dynamicLinking()
        #expect(linking == ELFDynamicLinking())
        #expect(!linking.isDynamic)
    }

    @Test("DT_RPATH and DT_RUNPATH from gcc's linker", .oracles("gcc", "readelf"))
    func searchPaths() async throws {
        let temp = try TemporaryDirectory()
        try Data("int main(void) { return 0; }\n".utf8).write(to: URL(fileURLWithPath: temp.path("main.c")))
        try await Tool.run(
            "gcc", ["-o", temp.path("old"), temp.path("main.c"), "-Wl,--disable-new-dtags,-rpath,/opt/a::/opt/b"])
        try await Tool.run("gcc", ["-o", temp.path("new"), temp.path("main.c"), "-Wl,--enable-new-dtags,-rpath,$ORIGIN/../lib"])
        let old = try ELFFile(reader: ImageReader(path: temp.path("old"))).dynamicLinking()
        #expect(old.rpath == ["/opt/a", "/opt/b"])
        #expect(old.runpath.isEmpty)
        let new = try ELFFile(reader: ImageReader(path: temp.path("new"))).dynamicLinking()
        #expect(new.runpath == ["$ORIGIN/../lib"])
        #expect(new.rpath.isEmpty)
        #expect(new.needed == ["libc.so.6"])
    }

    /// dropbear's bytes with its program headers and dynamic entries, for corruption tests.
    struct Parts {
        var bytes: [UInt8]
        var headers: [ELFProgramHeader]
        var programHeaderOffset: Int
        var dynamicOffset: Int
        var entries: [ELFDynamicEntry]

        init() throws {
            bytes = try ELFFixture.bytes(of: ELFDynamicLinkingTests.dropbear)
            let elf = try ELFFile(bytes: bytes)
            headers = try elf.programHeaders()
            programHeaderOffset = Int(elf.header.programHeaderOffset)
            dynamicOffset = Int(try #require(headers.first { $0.type == .dynamic }).offset)
            entries = try elf.dynamicEntries()
        }

        /// The file offset of the first entry with `tag`.
        func entryOffset(_ tag: ELFDynamicTag) throws -> Int {
            dynamicOffset + 16 * (try #require(entries.firstIndex { $0.tag == tag }))
        }

        func linking() throws -> ELFDynamicLinking { try ELFFile(bytes: bytes).dynamicLinking() }
    }

    @Test("an interpreter path without NUL is an error", .enabled(if: hasDropbear))
    func interpreterWithoutNUL() throws {
        var parts = try Parts()
        let interp = try #require(parts.headers.first { $0.type == .interpreter })
        parts.bytes[Int(interp.offset + interp.fileSize) - 1] = UInt8(ascii: "x")
        #expect(
            throws: DecodeError.invalidValue(
                field: "PT_INTERP", offset: Int64(interp.offset), reason: "the path has no NUL terminator")
        ) { try parts.linking() }
    }

    @Test("a string table address outside every PT_LOAD is an error", .enabled(if: hasDropbear))
    func unmappedStringTable() throws {
        var parts = try Parts()
        let position = try parts.entryOffset(.stringTable)
        parts.bytes[position + 15] = 0x7F  // d_ptr far above every segment
        let address = try #require(parts.entries.first { $0.tag == .stringTable }).value | 0x7F00_0000_0000_0000
        #expect(
            throws: DecodeError.invalidValue(
                field: "DT_STRTAB", offset: Int64(position + 8),
                reason: "address 0x\(String(address, radix: 16)) lies in no PT_LOAD segment's file bytes")
        ) { try parts.linking() }
    }

    @Test("a DT_NEEDED offset past the string table is an error", .enabled(if: hasDropbear))
    func neededPastTable() throws {
        var parts = try Parts()
        let position = try parts.entryOffset(.needed)
        parts.bytes[(position + 8)...(position + 11)] = [0xFF, 0xFF, 0xFF, 0x00]
        let length = try #require(parts.entries.first { $0.tag == .stringTableSize }).value
        let address = try #require(parts.entries.first { $0.tag == .stringTable }).value
        let load = try #require(parts.headers.first { $0.type == .load && $0.fileOffset(ofVirtualAddress: address) != nil })
        let tableOffset = try #require(load.fileOffset(ofVirtualAddress: address)).offset
        #expect(
            throws: DecodeError.fieldOutOfRange(
                field: "d_val of DT_NEEDED at \(Offset.describe(Int64(position)))", offset: Int64(tableOffset),
                value: 0xFF_FFFF, limit: length)
        ) { try parts.linking() }
    }

    @Test("a dynamic array without DT_NULL is an error", .enabled(if: hasDropbear))
    func withoutNull() throws {
        var parts = try Parts()
        let dynamic = try #require(parts.headers.first { $0.type == .dynamic })
        let count = Int(dynamic.fileSize) / 16
        for index in parts.entries.count..<count {  // DT_NULL and any padding entries after it become DT_DEBUG
            parts.bytes[parts.dynamicOffset + 16 * index] = 0x15
        }
        #expect(
            throws: DecodeError.invalidValue(
                field: "dynamic section", offset: Int64(dynamic.offset),
                reason: "\(count) entries without DT_NULL at the end")
        ) { try parts.linking() }
    }

    @Test("a program header count past the end of the file is an error", .enabled(if: hasDropbear))
    func programHeaderCount() throws {
        var parts = try Parts()
        parts.bytes[0x38] = 0xFF  // e_phnum low byte
        parts.bytes[0x39] = 0x7F
        let room = UInt64(parts.bytes.count - parts.programHeaderOffset) / 56
        #expect(throws: DecodeError.fieldOutOfRange(field: "e_phnum", offset: 0x38, value: 0x7FFF, limit: room)) {
            try parts.linking()
        }
    }
}
