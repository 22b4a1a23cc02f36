import BinaryIO
import Foundation
import TestSupport
import Testing
@testable import ISO9660

@Suite("PathTable")
struct PathTableTests {
    @Test("reads both tables of real tools' images: every directory once, L and M equal, parents before children",
          .oracles("xorriso", "genisoimage"), arguments: StructureFixture.Maker.allCases)
    func readsRealTables(_ maker: StructureFixture.Maker) async throws {
        let fixture = try await StructureFixture.make(maker)
        let primary = try fixture.primary()
        let typeL = try PathTable.read(from: fixture.reader, descriptor: primary, bigEndian: false)
        let typeM = try PathTable.read(from: fixture.reader, descriptor: primary, bigEndian: true)
        #expect(typeL == typeM)
        // Root, OTHER, SUB, SUB/DEEPER.
        #expect(typeL.records.count == 4)
        #expect(typeL.records.first?.identifier == [0])
        #expect(typeL.records.first?.extentLBA == primary.rootDirectoryRecord.extentLBA)
        for (index, record) in typeL.records.enumerated() {
            #expect(Int(record.parentNumber) <= index + 1)
        }
    }

    @Test("a parent number that names no earlier directory is an error at its offset", .oracles("xorriso"))
    func badParent() async throws {
        let fixture = try await StructureFixture.make(.xorriso)
        let primary = try fixture.primary()
        let offset = Int64(primary.typeLPathTableLBA) * 2048
        let copy = fixture.directory.path("bad-parent.iso")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: copy)
        // The second record starts after the root's 10 bytes; its parent number is at +6.
        try fixture.directory.write([0x09, 0x00], to: "bad-parent.iso", at: offset + 10 + 6)
        let reader = try ImageReader(path: copy)
        #expect(throws: ISO9660Error.decode(.invalidValue(
            field: "path table parent number", offset: offset + 16, reason: "9 does not name an earlier directory"))) {
            try PathTable.read(from: reader, descriptor: primary, bigEndian: false)
        }
    }

    @Test("an absurd table size is refused before reading")
    func absurdSize() throws {
        var descriptor = VolumeDescriptor(
            type: .primary,
            rootDirectoryRecord: DirectoryRecord(
                extentLBA: 20, dataLength: 2048, recordingDate: RecordingDate(unixTime: 0), flags: .directory,
                identifier: [0]))
        descriptor.pathTableSize = UInt32(PathTable.sizeLimit + 1)
        let scratch = try TemporaryDirectory(prefix: "isokit-path-table")
        try scratch.write([UInt8](repeating: 0, count: 4096), to: "tiny.img", at: 0)
        let reader = try ImageReader(path: scratch.path("tiny.img"))
        #expect(throws: ISO9660Error.limitExceeded(what: "path table bytes", path: "/", limit: PathTable.sizeLimit)) {
            try PathTable.read(from: reader, descriptor: descriptor, bigEndian: false)
        }
    }
}
