import BinaryIO
import ISO9660

/// Broken records, extents, sizes and volume descriptors.
extension Damage {
    static let structures: [Damage] = records + extents + descriptors

    /// Directory record lengths and identifier lengths that don't fit (ECMA-119 §9.1.1, §9.1.10).
    static let records: [Damage] = [
        Damage("record length 0 ends the sector early") { fixture in
            try fixture.patch([0], at: try fixture.recordOffset("/README.txt"))
            return .readable
        },
        Damage("record length 1") { fixture in
            let record = try fixture.recordOffset("/README.txt")
            try fixture.patch([1], at: record)
            return .rejected(.decode(.fieldOutOfRange(field: "directory record length", offset: record, value: 1, limit: 34)))
        },
        Damage("record length 33") { fixture in
            let record = try fixture.recordOffset("/README.txt")
            try fixture.patch([33], at: record)
            return .rejected(.decode(.fieldOutOfRange(field: "directory record length", offset: record, value: 33, limit: 34)))
        },
        Damage("record length 255 with identifier length 255") { fixture in
            try recordLength255(fixture, identifierLength: 255)
        },
        Damage("record length 255 with identifier length 0") { fixture in
            try recordLength255(fixture, identifierLength: 0)
        },
        Damage("record length 40 with identifier length 8") { fixture in
            let record = try fixture.recordOffset("/README.txt")
            try fixture.patch([40], at: record)
            try fixture.patch([8], at: record + 32)
            return .rejected(.decode(.fieldOutOfRange(field: "file identifier length", offset: record + 32, value: 8, limit: 7)))
        },
        Damage("both-endian mismatch in a record's extent") { fixture in
            let record = try fixture.recordOffset("/README.txt")
            let lba = try fixture.uint32LE(at: record + 2)
            try fixture.patch(Array(MalformedFixture.bothEndian(lba + 1).suffix(4)), at: record + 6)
            return .rejected(.decode(.byteOrderMismatch(
                field: "directory record extent", offset: record + 2, littleEndian: UInt64(lba), bigEndian: UInt64(lba + 1))))
        },
        Damage("both-endian mismatch in a record's data length") { fixture in
            let record = try fixture.recordOffset("/data.bin")
            try fixture.patch([0x7F, 0xFF, 0xFF, 0xFF], at: record + 14)
            return .rejected(.decode(.byteOrderMismatch(
                field: "directory record data length", offset: record + 10, littleEndian: 7000, bigEndian: 0x7FFF_FFFF)))
        },
    ]

    /// Record length 255 at README.txt's record: past the sector end (truncated), or an identifier that does not fit.
    private static func recordLength255(_ fixture: MalformedFixture, identifierLength: UInt8) throws -> Expected {
        let record = try fixture.recordOffset("/README.txt")
        try fixture.patch([255], at: record)
        try fixture.patch([identifierLength], at: record + 32)
        let room = 2048 - Int(record % 2048)
        if room < 255 {
            return .rejected(.decode(.truncated(structure: "directory record", offset: record, needed: 255, available: room)))
        }
        return .rejected(.decode(.fieldOutOfRange(
            field: "file identifier length", offset: record + 32, value: UInt64(identifierLength), limit: 222)))
    }

    /// Extents past the end of the image, and directory and multi-extent sizes beyond any real image.
    static let extents: [Damage] = [
        Damage("file extent past the end") { fixture in
            let record = try fixture.recordOffset("/data.bin")
            try fixture.patch(MalformedFixture.bothEndian(0x00FF_FFFF), at: record + 2)
            return .rejected(.decode(.truncated(
                structure: "extent of /data.bin", offset: 0x00FF_FFFF * 2048, needed: 7000, available: 0)))
        },
        Damage("file data length past the end") { fixture in
            let record = try fixture.recordOffset("/README.txt")
            let data = try fixture.extentOffset("/README.txt")
            try fixture.patch(MalformedFixture.bothEndian(0xFFFF_FFFF), at: record + 10)
            return .rejected(.decode(.truncated(
                structure: "extent of /README.txt", offset: data, needed: 0xFFFF_FFFF, available: Int(try fixture.size() - data))))
        },
        Damage("directory extent past the end") { fixture in
            let record = try fixture.recordOffset("/a")
            try fixture.patch(MalformedFixture.bothEndian(0x00FF_FFFF), at: record + 2)
            return .rejected(.decode(.truncated(
                structure: "extent of /a", offset: 0x00FF_FFFF * 2048, needed: 2048, available: 0)))
        },
        Damage("directory size of 4 GiB") { fixture in
            let record = try fixture.recordOffset("/a")
            let extent = try fixture.extentOffset("/a")
            try fixture.patch(MalformedFixture.bothEndian(0xFFFF_F800), at: record + 10)
            return .rejected(.decode(.truncated(
                structure: "extent of /a", offset: extent, needed: 0xFFFF_F800, available: Int(try fixture.size() - extent))))
        },
        Damage("root directory size of 4 GiB") { fixture in
            try fixture.patch(MalformedFixture.bothEndian(0xFFFF_F800), at: 0x8000 + 156 + 10)
            return .rejected(.limitExceeded(what: "directory bytes", path: "/", limit: 256 << 20))
        },
        Damage("root directory size of 200 MiB, past the end") { fixture in
            let root = try fixture.extentOffset("/")
            try fixture.patch(MalformedFixture.bothEndian(200 << 20), at: 0x8000 + 156 + 10)
            return .rejected(.decode(.truncated(
                structure: "directory /", offset: root, needed: 200 << 20, available: Int(try fixture.size() - root))))
        },
        Damage("directories nested 600 deep: read, but not extracted past 512 levels") { fixture in
            try nestedDirectories(fixture, depth: 600)
            let path = "/zz" + String(repeating: "/D", count: Extractor.depthLimit - 1)
            return .extractionRejected(.limitExceeded(what: "directory levels", path: path, limit: Extractor.depthLimit))
        },
        Damage("one file in 1 000 extents") { fixture in
            try multiExtentDirectory(fixture, extents: 1_000)
            return .readable
        },
        Damage("one file in 65 537 extents") { fixture in
            try multiExtentDirectory(fixture, extents: 65_537)
            return .rejected(.limitExceeded(what: "extents for one file", path: "/zz", limit: 65_536))
        },
        Damage("one file whose extents repeat the whole image three times") { fixture in
            let length = UInt32(try fixture.size() / 2048 * 2048)
            let lba = try multiExtentDirectory(fixture, extents: 3, dataLBA: 0, dataLength: length)
            return .rejected(.decode(.fieldOutOfRange(
                field: "size of /zz/F", offset: Int64(lba) * 2048, value: 3 * UInt64(length),
                limit: UInt64(try fixture.size()))))
        },
    ]

    /// Appends `depth` directories, each the only child (`D`) of the one before, and makes /zz the first.
    private static func nestedDirectories(_ fixture: MalformedFixture, depth: Int) throws {
        let root = try fixture.extentLBA("/")
        let base = UInt32((try fixture.size() + 2047) / 2048)
        let date = RecordingDate(unixTime: 1_700_000_000)
        var bytes: [UInt8] = []
        for level in 0..<UInt32(depth) {
            var sector = DirectoryRecord(
                extentLBA: base + level, dataLength: 2048, recordingDate: date, flags: .directory, identifier: [0]).encode()
            sector += DirectoryRecord(
                extentLBA: level == 0 ? root : base + level - 1, dataLength: 2048, recordingDate: date, flags: .directory,
                identifier: [1]).encode()
            if level < depth - 1 {
                sector += DirectoryRecord(
                    extentLBA: base + level + 1, dataLength: 2048, recordingDate: date, flags: .directory,
                    identifier: Array("D".utf8)).encode()
            }
            bytes += sector + [UInt8](repeating: 0, count: 2048 - sector.count)
        }
        let record = try fixture.recordOffset("/zz")
        _ = try fixture.appendBlocks(bytes)
        try fixture.patch(MalformedFixture.bothEndian(base) + MalformedFixture.bothEndian(2048), at: record + 2)
    }

    /// Appends a directory holding one file recorded as `extents` multi-extent records (ECMA-119 §6.5.1), each
    /// pointing at `dataLength` bytes from `dataLBA` (default: README.txt's data), and makes /zz that directory.
    /// Returns the directory's LBA.
    @discardableResult
    private static func multiExtentDirectory(
        _ fixture: MalformedFixture, extents: Int, dataLBA: UInt32? = nil, dataLength: UInt32 = 6
    ) throws -> UInt32 {
        let dataLBA = try dataLBA ?? fixture.entry("/README.txt").extents[0].lba
        let date = RecordingDate(unixTime: 1_700_000_000)
        let piece = DirectoryRecord(
            extentLBA: dataLBA, dataLength: dataLength, recordingDate: date, flags: .multiExtent,
            identifier: Array("F.;1".utf8))
        let last = DirectoryRecord(
            extentLBA: dataLBA, dataLength: dataLength, recordingDate: date, flags: [],
            identifier: Array("F.;1".utf8))
        var bytes: [UInt8] = []
        for index in 0..<extents {
            let record = (index == extents - 1 ? last : piece).encode()
            if bytes.count % 2048 + record.count > 2048 { bytes += [UInt8](repeating: 0, count: 2048 - bytes.count % 2048) }
            bytes += record
        }
        bytes += [UInt8](repeating: 0, count: (2048 - bytes.count % 2048) % 2048)
        let record = try fixture.recordOffset("/zz")
        let lba = try fixture.appendBlocks(bytes)
        try fixture.patch(MalformedFixture.bothEndian(lba) + MalformedFixture.bothEndian(UInt32(bytes.count)), at: record + 2)
        return lba
    }

    /// Volume descriptor sets that are cut, unterminated or without a primary descriptor (ECMA-119 §8).
    static let descriptors: [Damage] = [
        Damage("primary descriptor signature CD002") { fixture in
            try fixture.patch(Array("CD002".utf8), at: 0x8001)
            return .rejected(.decode(.badSignature(
                structure: "volume descriptor", offset: 0x8001, expected: Array("CD001".utf8), found: Array("CD002".utf8))))
        },
        Damage("both-endian mismatch in the volume space size") { fixture in
            let blocks = try fixture.uint32LE(at: 0x8050)
            try fixture.patch(Array(MalformedFixture.bothEndian(blocks ^ 0x0100_0000).suffix(4)), at: 0x8054)
            return .rejected(.decode(.byteOrderMismatch(
                field: "volume space size", offset: 0x8050, littleEndian: UInt64(blocks),
                bigEndian: UInt64(blocks ^ 0x0100_0000))))
        },
        Damage("no primary volume descriptor before the terminator") { fixture in
            try fixture.patch([255], at: 0x8000)
            return .rejected(.noPrimaryVolumeDescriptor)
        },
        Damage("set terminator replaced, next sector is no descriptor") { fixture in
            let types = try ISOImage(path: fixture.image).descriptorTypes
            let terminator = Int64(16 + types.count - 1) * 2048
            try fixture.patch([5], at: terminator)
            let found = try fixture.read(at: terminator + 2048 + 1, count: 5)
            return .rejected(.decode(.badSignature(
                structure: "volume descriptor", offset: terminator + 2049, expected: Array("CD001".utf8), found: found)))
        },
        Damage("256 volume descriptors without a terminator") { fixture in
            let unknown = [5] + Array("CD001".utf8) + [1] + [UInt8](repeating: 0, count: 2041)
            let sectors = ISOImage.descriptorLimit - 1
            try fixture.patch(Array((0..<sectors).map { _ in unknown }.joined()), at: 17 * 2048)
            try fixture.truncate(to: Int64(17 + sectors) * 2048)
            return .rejected(.unterminatedVolumeDescriptorSet(limit: ISOImage.descriptorLimit))
        },
    ]
}
