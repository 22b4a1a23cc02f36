import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

@Suite("DirectoryRecord")
struct DirectoryRecordTests {
    static let date = RecordingDate(unixTime: 1_600_000_000)

    /// Identifiers of odd and even length (an even one takes a padding byte) and system use fields of odd and even
    /// length (an odd total takes a trailing pad).
    static let shapes: [(identifier: [UInt8], systemUse: [UInt8])] = [
        ([0], []), ([1], Array("SP".utf8) + [7, 1, 0xBE, 0xEF, 0]), (Array("A.TXT;1".utf8), []),
        (Array("AB".utf8), [1, 2, 3]), (Array("SUB".utf8), Array("NM".utf8) + [9, 1, 0] + Array("sub-dir".utf8)),
        (Array(repeating: 0x5A, count: 200), []),
    ]

    @Test("round trip", arguments: shapes.indices)
    func roundTrip(shape: Int) throws {
        let (identifier, systemUse) = Self.shapes[shape]
        let record = DirectoryRecord(
            extentLBA: 0x1234_5678, dataLength: 4_294_965_248, recordingDate: Self.date,
            flags: [.directory, .multiExtent], identifier: identifier, systemUse: systemUse, volumeSequenceNumber: 1)
        let bytes = record.encode()
        #expect(bytes.count == record.encodedLength && bytes.count % 2 == 0 && Int(bytes[0]) == bytes.count)
        let decoded = try DirectoryRecord(bytes: bytes[...], at: 0x1_A800)
        // An odd system use field gains one pad byte, which the decoder keeps as part of the field.
        var expected = record
        if (33 + identifier.count + (identifier.count % 2 == 0 ? 1 : 0) + systemUse.count) % 2 == 1 {
            expected.systemUse.append(0)
        }
        #expect(decoded == expected)
        #expect(decoded.encode() == bytes)
    }

    @Test("a record followed by more bytes decodes only its own length")
    func followedByMore() throws {
        let record = DirectoryRecord(
            extentLBA: 40, dataLength: 2048, recordingDate: Self.date, flags: .directory, identifier: [0])
        let bytes = record.encode() + [0x22, 0xFF, 0xFF]
        #expect(try DirectoryRecord(bytes: bytes[...], at: 0) == record)
    }

    @Test("every record of every directory re-encodes byte-exact", .oracles("xorriso", "genisoimage"),
          arguments: StructureFixture.Maker.allCases)
    func fixtureRecords(maker: StructureFixture.Maker) async throws {
        let fixture = try await StructureFixture.make(maker)
        let root = try fixture.primary().rootDirectoryRecord
        #expect(root.encode() == (try fixture.bytes(at: 0x8000 + 156, count: 34)))
        var pending = [(root.extentLBA, root.dataLength)]
        var seen: Set<UInt32> = []
        var identifiers: [String] = []
        while let (lba, length) = pending.popLast() {
            guard seen.insert(lba).inserted else { continue }
            for (offset, raw) in try fixture.rawRecords(lba: lba, length: length) {
                let record = try DirectoryRecord(bytes: raw[...], at: offset)
                #expect(record.encode() == raw, "record at \(offset) of \(maker)")
                #expect(record.encodedLength == raw.count)
                // Rock Ridge: every record carries SUSP entries.
                #expect(!record.systemUse.isEmpty)
                if record.isSelf || record.isParent { continue }
                identifiers.append(String(decoding: record.identifier, as: UTF8.self))
                if record.flags.contains(.directory) { pending.append((record.extentLBA, record.dataLength)) }
            }
        }
        let listing = try await Tool.run("isoinfo", ["-l", "-i", fixture.path]).stdout
        let listed = listing.split(separator: "\n").compactMap { line -> String? in
            guard let bracket = line.range(of: "]  ") else { return nil }
            let name = line[bracket.upperBound...].trimmingSuffix(" ")
            return name == "." || name == ".." ? nil : String(name)
        }
        #expect(identifiers.sorted() == listed.sorted())
    }

    @Test("the fixture's fields: a.txt's extent, size, date and flags", .oracles("xorriso", "genisoimage"),
          arguments: StructureFixture.Maker.allCases)
    func fixtureFields(maker: StructureFixture.Maker) async throws {
        let fixture = try await StructureFixture.make(maker)
        let records = try fixture.rootRecords().map { try DirectoryRecord(bytes: $0.bytes[...], at: $0.offset) }
        let file = try #require(records.first { $0.identifier == Array("A.TXT;1".utf8) })
        #expect(file.dataLength == 2 && file.flags.isEmpty && file.recordingDate.unixTime == StructureFixture.fileTime)
        #expect(try fixture.bytes(at: Int64(file.extentLBA) * 2048, count: 2) == Array("a\n".utf8))
        let directory = try #require(records.first { $0.identifier == Array("SUB".utf8) })
        #expect(directory.flags == .directory && directory.dataLength == 2048)
        #expect(records[0].isSelf && records[1].isParent && records[0].extentLBA == records[1].extentLBA)
    }

    /// The record of a.txt in the xorriso fixture, its offset and the raw bytes.
    static func fileRecord() async throws -> (offset: Int64, bytes: [UInt8], fixture: StructureFixture) {
        let fixture = try await StructureFixture.make(.xorriso)
        let raw = try #require(try fixture.rootRecords().first { $0.bytes[33..<40].elementsEqual("A.TXT;1".utf8) })
        return (raw.offset, raw.bytes, fixture)
    }

    @Test("a record length below 34 is an error", .oracles("xorriso"), arguments: [1, 20, 33])
    func shortLength(length: Int) async throws {
        let (offset, original, _) = try await Self.fileRecord()
        var bytes = original
        bytes[0] = UInt8(length)
        #expect(
            throws: DecodeError.fieldOutOfRange(
                field: "directory record length", offset: offset, value: UInt64(length), limit: 34)
        ) { try DirectoryRecord(bytes: bytes[...], at: offset) }
    }

    @Test("an identifier length of 0 or past the record is an error", .oracles("xorriso"))
    func identifierLength() async throws {
        let (offset, original, _) = try await Self.fileRecord()
        let limit = UInt64(original.count - 33)
        for length in [0, original.count - 32, 255] {
            var bytes = original
            bytes[32] = UInt8(length)
            #expect(
                throws: DecodeError.fieldOutOfRange(
                    field: "file identifier length", offset: offset + 32, value: UInt64(length), limit: limit)
            ) { try DirectoryRecord(bytes: bytes[...], at: offset) }
        }
    }

    @Test("both-endian halves that disagree are an error", .oracles("xorriso"),
          arguments: [(6, "directory record extent", 2), (13, "directory record data length", 10)])
    func byteOrder(index: Int, field: String, fieldStart: Int) async throws {
        let (offset, original, _) = try await Self.fileRecord()
        var bytes = original
        bytes[index] ^= 0x40
        let little = bytes[fieldStart..<(fieldStart + 4)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let big = bytes[(fieldStart + 4)..<(fieldStart + 8)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(little != big)
        #expect(
            throws: DecodeError.byteOrderMismatch(
                field: field, offset: offset + Int64(fieldStart), littleEndian: little, bigEndian: big)
        ) { try DirectoryRecord(bytes: bytes[...], at: offset) }
    }

    @Test("a record cut short is truncated", .oracles("xorriso"), arguments: [1, 2, 20])
    func truncated(missing: Int) async throws {
        let (offset, bytes, _) = try await Self.fileRecord()
        let cut = Array(bytes.dropLast(missing))
        #expect(
            throws: DecodeError.truncated(
                structure: "directory record", offset: offset, needed: bytes.count, available: cut.count)
        ) { try DirectoryRecord(bytes: cut[...], at: offset) }
    }
}

extension Substring {
    /// The text without trailing `character`s.
    func trimmingSuffix(_ character: Character) -> Substring {
        var text = self
        while text.last == character { text = text.dropLast() }
        return text
    }
}
