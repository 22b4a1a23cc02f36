import BinaryIO
import TestSupport
import Testing

@testable import ISO9660

@Suite("VolumeDescriptor")
struct VolumeDescriptorTests {
    static func sample(_ type: VolumeDescriptorType) -> VolumeDescriptor {
        let root = DirectoryRecord(
            extentLBA: 23, dataLength: 6144, recordingDate: RecordingDate(unixTime: 1_700_000_000), flags: .directory,
            identifier: [0])
        var descriptor = VolumeDescriptor(type: type, rootDirectoryRecord: root)
        if type == .supplementary { descriptor.escapeSequences = [0x25, 0x2F, 0x45] + Array(repeating: 0, count: 29) }
        descriptor.systemIdentifier = descriptor.field("LINUX", width: 32)
        descriptor.volumeIdentifier = descriptor.field("ISOKIT_TEST", width: 32)
        descriptor.publisherIdentifier = descriptor.field("Publisher – ünïcode", width: 128)
        descriptor.volumeSpaceSize = 2_359_877
        descriptor.pathTableSize = 50
        descriptor.typeLPathTableLBA = 19
        descriptor.typeMPathTableLBA = 21
        descriptor.creationDate = VolumeDate(unixTime: 1_700_000_000)
        descriptor.modificationDate = VolumeDate(unixTime: 1_700_000_001)
        descriptor.effectiveDate = VolumeDate(unixTime: 1_700_000_000)
        return descriptor
    }

    @Test("round trip", arguments: [VolumeDescriptorType.primary, .supplementary])
    func roundTrip(type: VolumeDescriptorType) throws {
        let descriptor = Self.sample(type)
        let bytes = descriptor.encode()
        #expect(bytes.count == 2048 && bytes[0] == type.rawValue && bytes[1..<6].elementsEqual("CD001".utf8))
        let decoded = try VolumeDescriptor(bytes: bytes[...], at: 0x8000)
        #expect(decoded == descriptor)
        #expect(decoded.encode() == bytes)
        #expect(decoded.isJoliet == (type == .supplementary))
        #expect(decoded.text(decoded.volumeIdentifier) == "ISOKIT_TEST")
        // UTF-8 in the primary descriptor, UCS-2 in the Joliet one: both give the text back.
        #expect(decoded.text(decoded.publisherIdentifier) == "Publisher – ünïcode")
    }

    @Test("the primary and Joliet descriptors re-encode byte-exact and agree with isoinfo -d",
          .oracles("xorriso", "genisoimage", "isoinfo"), arguments: StructureFixture.Maker.allCases)
    func fixture(maker: StructureFixture.Maker) async throws {
        let fixture = try await StructureFixture.make(maker)
        let primary = try fixture.primary()
        #expect(primary.encode() == (try fixture.sector(16)))
        let (joliet, jolietOffset) = try fixture.supplementary()
        #expect(joliet.encode() == (try fixture.bytes(at: jolietOffset, count: 2048)))
        #expect(!primary.isJoliet && joliet.isJoliet)
        #expect(primary.logicalBlockSize == 2048 && primary.volumeSetSize == 1 && primary.volumeSequenceNumber == 1)
        #expect(Int64(primary.volumeSpaceSize) * 2048 == fixture.reader.size)
        #expect(joliet.volumeSpaceSize == primary.volumeSpaceSize)

        let report = try await Tool.run("isoinfo", ["-d", "-i", fixture.path]).stdout
        let fields = Dictionary(
            report.split(separator: "\n").compactMap { line -> (String, String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                let value = line[line.index(after: colon)...].drop { $0 == " " }
                return (String(line[..<colon]), String(value))
            }, uniquingKeysWith: { first, _ in first })
        #expect(fields["Volume id"] == primary.text(primary.volumeIdentifier))
        #expect(fields["System id"] == primary.text(primary.systemIdentifier))
        #expect(fields["Application id"] == primary.text(primary.applicationIdentifier))
        #expect(fields["Volume size is"] == "\(primary.volumeSpaceSize)")
        #expect(fields["Logical block size is"] == "2048")
        #expect(report.contains("Joliet with UCS level 3 found"))
    }

    /// The xorriso fixture's primary descriptor sector.
    static func primarySector() async throws -> (bytes: [UInt8], fixture: StructureFixture) {
        let fixture = try await StructureFixture.make(.xorriso)
        return (try fixture.sector(16), fixture)
    }

    @Test("a wrong byte in CD001 is an error", .oracles("xorriso"), arguments: 1...5)
    func badIdentifier(index: Int) async throws {
        var bytes = try await Self.primarySector().bytes
        bytes[index] = 0x3F
        #expect(
            throws: DecodeError.badSignature(
                structure: "volume descriptor", offset: 0x8001, expected: Array("CD001".utf8), found: Array(bytes[1..<6]))
        ) { try VolumeDescriptor(bytes: bytes[...], at: 0x8000) }
    }

    @Test("a descriptor type other than primary or supplementary is an error", .oracles("xorriso"),
          arguments: [0, 3, 255] as [UInt8])
    func otherType(type: UInt8) async throws {
        var bytes = try await Self.primarySector().bytes
        bytes[0] = type
        #expect(
            throws: DecodeError.invalidValue(
                field: "volume descriptor type", offset: 0x8000, reason: "type \(type) is not 1 or 2")
        ) { try VolumeDescriptor(bytes: bytes[...], at: 0x8000) }
    }

    @Test("one changed byte of the block size breaks its byte orders", .oracles("xorriso"), arguments: [128, 129, 130, 131])
    func blockSizeByte(index: Int) async throws {
        var bytes = try await Self.primarySector().bytes
        bytes[index] ^= 0x02
        let little = UInt64(bytes[128]) | UInt64(bytes[129]) << 8
        let big = UInt64(bytes[130]) << 8 | UInt64(bytes[131])
        #expect(
            throws: DecodeError.byteOrderMismatch(
                field: "logical block size", offset: 0x8080, littleEndian: little, bigEndian: big)
        ) { try VolumeDescriptor(bytes: bytes[...], at: 0x8000) }
    }

    @Test("a consistent block size other than 2048 is refused", .oracles("xorriso"), arguments: [512, 4096] as [UInt16])
    func blockSize(size: UInt16) async throws {
        var bytes = try await Self.primarySector().bytes
        bytes.replaceSubrange(128..<132, with: [UInt8(size & 0xFF), UInt8(size >> 8), UInt8(size >> 8), UInt8(size & 0xFF)])
        #expect(
            throws: DecodeError.invalidValue(
                field: "logical block size", offset: 0x8080, reason: "\(size) bytes; only 2048 is supported")
        ) { try VolumeDescriptor(bytes: bytes[...], at: 0x8000) }
    }

    @Test("both-endian fields that disagree are errors", .oracles("xorriso"),
          arguments: [(84, "volume space size", 80, 4), (123, "volume set size", 120, 2),
                      (127, "volume sequence number", 124, 2)])
    func byteOrder(index: Int, field: String, start: Int, width: Int) async throws {
        var bytes = try await Self.primarySector().bytes
        bytes[index] ^= 0x10
        let little = bytes[start..<(start + width)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let big = bytes[(start + width)..<(start + 2 * width)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(
            throws: DecodeError.byteOrderMismatch(
                field: field, offset: 0x8000 + Int64(start), littleEndian: little, bigEndian: big)
        ) { try VolumeDescriptor(bytes: bytes[...], at: 0x8000) }
    }

    @Test("a damaged root directory record is reported at its offset", .oracles("xorriso"))
    func rootRecord() async throws {
        var bytes = try await Self.primarySector().bytes
        bytes[156] = 20
        #expect(
            throws: DecodeError.fieldOutOfRange(
                field: "directory record length", offset: 0x8000 + 156, value: 20, limit: 34)
        ) { try VolumeDescriptor(bytes: bytes[...], at: 0x8000) }
    }

    @Test("a descriptor cut short is truncated", .oracles("xorriso"), arguments: [0, 1, 2047])
    func truncated(count: Int) async throws {
        let bytes = try await Self.primarySector().bytes
        #expect(
            throws: DecodeError.truncated(structure: "volume descriptor", offset: 0x8000, needed: 2048, available: count)
        ) { try VolumeDescriptor(bytes: bytes.prefix(count), at: 0x8000) }
    }
}
