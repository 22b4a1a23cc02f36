import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

@Suite("PathTableRecord")
struct PathTableRecordTests {
    static let identifiers: [[UInt8]] = [[0], Array("SUB".utf8), Array("AB".utf8), Array(repeating: 0x44, count: 31)]

    @Test("round trip in both byte orders", arguments: identifiers, [false, true])
    func roundTrip(identifier: [UInt8], bigEndian: Bool) throws {
        let record = PathTableRecord(extentLBA: 0x0102_0304, parentNumber: 0x0506, identifier: identifier)
        let bytes = record.encode(bigEndian: bigEndian)
        #expect(bytes.count == record.encodedLength && bytes.count % 2 == 0)
        #expect(Array(bytes[2..<6]) == (bigEndian ? [1, 2, 3, 4] : [4, 3, 2, 1]))
        let decoded = try PathTableRecord(bytes: bytes[...], at: 0xC000, bigEndian: bigEndian)
        #expect(decoded == record)
        #expect(decoded.encode(bigEndian: bigEndian) == bytes)
    }

    /// Decodes a whole path table record by record.
    static func decodeTable(_ bytes: [UInt8], at offset: Int64, bigEndian: Bool) throws -> [PathTableRecord] {
        var records: [PathTableRecord] = []
        var position = 0
        while position < bytes.count {
            let record = try PathTableRecord(bytes: bytes[position...], at: offset + Int64(position), bigEndian: bigEndian)
            records.append(record)
            position += record.encodedLength
        }
        return records
    }

    @Test("the L and M tables of both volume descriptors re-encode byte-exact and match isoinfo -p",
          .oracles("xorriso", "genisoimage", "isoinfo"), arguments: StructureFixture.Maker.allCases)
    func fixture(maker: StructureFixture.Maker) async throws {
        let fixture = try await StructureFixture.make(maker)
        for descriptor in [try fixture.primary(), try fixture.supplementary().descriptor] {
            let size = Int(descriptor.pathTableSize)
            let lOffset = Int64(descriptor.typeLPathTableLBA) * 2048
            let mOffset = Int64(descriptor.typeMPathTableLBA) * 2048
            let lBytes = try fixture.bytes(at: lOffset, count: size)
            let mBytes = try fixture.bytes(at: mOffset, count: size)
            let lTable = try Self.decodeTable(lBytes, at: lOffset, bigEndian: false)
            let mTable = try Self.decodeTable(mBytes, at: mOffset, bigEndian: true)
            #expect(lTable == mTable)
            #expect(lTable.flatMap { $0.encode(bigEndian: false) } == lBytes)
            #expect(mTable.flatMap { $0.encode(bigEndian: true) } == mBytes)
            // Root, a.txt's siblings other and sub, then sub/deeper: four directories, root first, its own parent.
            #expect(lTable.count == 4)
            #expect(lTable.first?.identifier == [0] && lTable.first?.parentNumber == 1)
            #expect(lTable.first?.extentLBA == descriptor.rootDirectoryRecord.extentLBA)
            // Every directory of the tree, and nothing else, has a record with its extent.
            let image = try ISOImage(path: fixture.path, namespace: descriptor.isJoliet ? .joliet : .iso9660)
            var extents: [UInt32] = []
            try image.walk(from: image.root()) { entry in
                if entry.kind == .directory, let first = entry.extents.first { extents.append(first.lba) }
            }
            #expect(lTable.map(\.extentLBA).sorted() == extents.sorted())
            if !descriptor.isJoliet {
                // isoinfo -p prints each record's parent number and identifier (its extent column is offset).
                let listing = try await Tool.run("isoinfo", ["-p", "-i", fixture.path]).stdout
                let rows = listing.split(separator: "\n").dropFirst().map { line in
                    line.split(separator: ":", maxSplits: 1)[1].split(separator: " ").map(String.init)
                }
                #expect(rows.count == lTable.count)
                for (row, record) in zip(rows, lTable) {
                    let identifier = record.identifier == [0] ? "" : String(decoding: record.identifier, as: UTF8.self)
                    #expect(row[0] == "\(record.parentNumber)" && (row.count > 2 ? row[2] : "") == identifier)
                }
            }
        }
    }

    /// The xorriso fixture's type L path table and its offset.
    static func lTable() async throws -> (bytes: [UInt8], offset: Int64) {
        let fixture = try await StructureFixture.make(.xorriso)
        let primary = try fixture.primary()
        let offset = Int64(primary.typeLPathTableLBA) * 2048
        return (try fixture.bytes(at: offset, count: Int(primary.pathTableSize)), offset)
    }

    @Test("an identifier length of 0 is an error", .oracles("xorriso"))
    func zeroIdentifier() async throws {
        let (original, offset) = try await Self.lTable()
        var bytes = original
        let second = PathTableRecord.encodedLength(identifierLength: Int(bytes[0]))
        bytes[second] = 0
        #expect(
            throws: DecodeError.fieldOutOfRange(
                field: "path table identifier length", offset: offset + Int64(second), value: 0, limit: 1)
        ) { try Self.decodeTable(bytes, at: offset, bigEndian: false) }
    }

    @Test("an identifier running past the table is truncated", .oracles("xorriso"))
    func identifierPastEnd() async throws {
        let (original, offset) = try await Self.lTable()
        var bytes = original
        let second = PathTableRecord.encodedLength(identifierLength: Int(bytes[0]))
        bytes[second] = 200
        let available = bytes.count - second - 8
        #expect(
            throws: DecodeError.truncated(
                structure: "path table record", offset: offset + Int64(second) + 8, needed: 200, available: available)
        ) { try Self.decodeTable(bytes, at: offset, bigEndian: false) }
    }

    @Test("a record cut inside its fixed part is truncated", .oracles("xorriso"), arguments: [1, 3, 7])
    func cutHeader(count: Int) async throws {
        let (bytes, offset) = try await Self.lTable()
        // The cursor reads 1 + 1 + 4 + 2 bytes; the read that runs out reports what it needed.
        let (start, needed): (Int, Int) = count < 2 ? (1, 1) : count < 6 ? (2, 4) : (6, 2)
        #expect(
            throws: DecodeError.truncated(
                structure: "path table record", offset: offset + Int64(start), needed: needed, available: count - start)
        ) { try PathTableRecord(bytes: bytes.prefix(count), at: offset, bigEndian: false) }
    }
}

extension PathTableRecord {
    /// The encoded size of a record whose identifier has `identifierLength` bytes.
    static func encodedLength(identifierLength: Int) -> Int { 8 + identifierLength + identifierLength % 2 }
}
