import BinaryIO
import TestSupport
import Testing

@testable import DiskFormats

@Suite("CpioArchiveReader")
struct CpioArchiveReaderTests {
    static func small() throws -> [UInt8] {
        var writer = CpioArchiveWriter(sink: CpioByteSink(), fixedModificationTime: 0)
        try writer.append(directory: "etc")
        try writer.append(file: "etc/hostname", contents: Array("box\n".utf8))
        try writer.finish()
        return writer.sink.bytes
    }

    @Test("reads what the writer wrote, with data offsets")
    func roundTrip() throws {
        let bytes = try Self.small()
        let reader = try CpioArchiveReader(bytes: bytes[...])
        #expect(reader.entries.map(\.path) == ["etc", "etc/hostname"])
        #expect(reader.entries[1].data.elementsEqual("box\n".utf8))
        #expect(reader.entries[1].dataOffset == 240)  // 116 for "etc", 124 for "etc/hostname"
        #expect(reader.endOffset == Int64(bytes.count))
    }

    @Test("GNU cpio's archive lists the same entries, types and contents", .oracles("cpio"))
    func gnuArchive() async throws {
        let archive = try await CpioFixture.gnuArchive()
        let reader = try CpioArchiveReader(bytes: archive[...])
        #expect(reader.entries.map(\.path) == CpioFixture.gnuList)
        let byPath = Dictionary(uniqueKeysWithValues: reader.entries.map { ($0.path, $0) })
        #expect(byPath["bin"]?.type == .directory)
        #expect(byPath["init"]?.permissions == 0o755)
        #expect(byPath["bin/sh"]?.data.elementsEqual("#!/bin/sh\necho hi\n".utf8) == true)
        #expect(byPath["lib/link"]?.type == .symbolicLink)
        #expect(byPath["lib/link"]?.data.elementsEqual("../bin/sh".utf8) == true)
        let hard1 = try #require(byPath["hard1"])
        let hard2 = try #require(byPath["hard2"])
        #expect(hard1.header.inode == hard2.header.inode && hard1.header.linkCount == 2)
        #expect(hard1.data.isEmpty && hard2.data.elementsEqual("same inode\n".utf8))
    }

    @Test("data running past the end is truncated")
    func dataPastEnd() throws {
        let bytes = try Self.small()
        let cut = bytes[..<(240 + 2)]
        #expect(
            throws: CpioError.decode(.truncated(structure: "cpio data of etc/hostname", offset: 240, needed: 4, available: 2))
        ) { try CpioArchiveReader(bytes: cut) }
    }

    @Test("a missing trailer is truncated")
    func noTrailer() throws {
        let bytes = try Self.small()
        let cut = bytes[..<(240 + 4)]
        #expect(throws: CpioError.decode(.truncated(structure: "cpio newc header", offset: 244, needed: 110, available: 0))) {
            try CpioArchiveReader(bytes: cut)
        }
    }

    @Test("a damaged second header names its offset")
    func damagedSecondHeader() throws {
        var bytes = try Self.small()
        bytes[116] = 0x31  // "etc" takes 110 + 4 = 114 bytes, padded to 116
        #expect(
            throws: CpioError.decode(
                .badSignature(
                    structure: "cpio newc header", offset: 116, expected: Array("070701".utf8), found: Array("170701".utf8)))
        ) { try CpioArchiveReader(bytes: bytes[...]) }
    }
}
