import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import ISO9660

/// A small image made at test time by a real mastering tool: the source of byte-exact fixtures for the structure
/// decoders (the primary and Joliet descriptors, directory records, both path tables and their dates).
struct StructureFixture {
    /// The tool that made the image.
    enum Maker: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// `xorriso -as mkisofs -R -J`: dates in GMT, honours `SOURCE_DATE_EPOCH` for the volume dates.
        case xorriso
        /// `genisoimage -R -J`: dates in local time with a GMT offset.
        case genisoimage

        var testDescription: String { rawValue }
    }

    /// The modification time of every node in the tree.
    static let fileTime: Int64 = 1_600_000_000
    /// `SOURCE_DATE_EPOCH` for xorriso's volume dates.
    static let epoch: Int64 = 1_700_000_000
    /// India Standard Time, +05:30: 22 quarter hours, so a GMT offset that is not a whole hour.
    static let timeZone = "Asia/Kolkata"
    /// The tree: an odd- and an even-length identifier, a subdirectory two levels deep and an empty directory.
    static let tree: [String: FileTree.Node] = [
        "a.txt": .text("a\n"),
        "bb.txt": .text("bb\n"),
        "sub/b.txt": .text("b\n"),
        "sub/deeper/c.txt": .text("c\n"),
        "other/": .directory(),
        "a-rather-long-file-name-for-rock-ridge.text": .text("long\n"),
    ]

    let maker: Maker
    let directory: TemporaryDirectory
    let path: String
    let reader: ImageReader

    /// Writes the tree and masters it with `maker` in the time zone ``timeZone``.
    static func make(_ maker: Maker) async throws -> StructureFixture {
        let directory = try TemporaryDirectory(prefix: "isokit-structures")
        let tree = directory.path("tree")
        try FileManager.default.createDirectory(atPath: tree, withIntermediateDirectories: true)
        try FileTree.write(Self.tree, under: tree, modificationTime: Self.fileTime)
        let image = directory.path("\(maker.rawValue).iso")
        let environment = ["TZ": Self.timeZone, "SOURCE_DATE_EPOCH": "\(Self.epoch)", "LC_ALL": "C"]
        switch maker {
        case .xorriso:
            try await Tool.run(
                "xorriso", ["-as", "mkisofs", "-quiet", "-R", "-J", "-o", image, tree], environment: environment)
        case .genisoimage:
            try await Tool.run("genisoimage", ["-quiet", "-R", "-J", "-o", image, tree], environment: environment)
        }
        return StructureFixture(maker: maker, directory: directory, path: image, reader: try ImageReader(path: image))
    }

    /// `count` bytes at the absolute `offset`.
    func bytes(at offset: Int64, count: Int) throws -> [UInt8] {
        try reader.read(at: offset, count: count, structure: "fixture")
    }

    /// The 2048 bytes of logical block `lba`.
    func sector(_ lba: Int64) throws -> [UInt8] { try bytes(at: lba * 2048, count: 2048) }

    /// The primary volume descriptor at 0x8000, decoded.
    func primary() throws -> VolumeDescriptor {
        try VolumeDescriptor(bytes: try sector(16)[...], at: 0x8000)
    }

    /// The first supplementary descriptor after the primary (the Joliet one for these makers), and its offset.
    func supplementary() throws -> (descriptor: VolumeDescriptor, offset: Int64) {
        for lba in Int64(17)..<Int64(32) {
            let bytes = try sector(lba)
            if bytes[0] == VolumeDescriptorType.terminator.rawValue { break }
            if bytes[0] == VolumeDescriptorType.supplementary.rawValue {
                return (try VolumeDescriptor(bytes: bytes[...], at: lba * 2048), lba * 2048)
            }
        }
        throw FixtureFailure("no supplementary volume descriptor in \(path)")
    }

    /// The raw records of a directory extent, split by their length bytes (never crossing a sector), with their
    /// absolute offsets; read without the decoder under test.
    func rawRecords(lba: UInt32, length: UInt32) throws -> [(offset: Int64, bytes: [UInt8])] {
        let base = Int64(lba) * 2048
        let data = try bytes(at: base, count: Int(length))
        var records: [(offset: Int64, bytes: [UInt8])] = []
        var position = 0
        while position < data.count {
            let recordLength = Int(data[position])
            if recordLength == 0 {
                position = (position / 2048 + 1) * 2048
                continue
            }
            records.append((base + Int64(position), Array(data[position..<(position + recordLength)])))
            position += recordLength
        }
        return records
    }

    /// The raw records of the primary tree's root directory.
    func rootRecords() throws -> [(offset: Int64, bytes: [UInt8])] {
        let root = try primary().rootDirectoryRecord
        return try rawRecords(lba: root.extentLBA, length: root.dataLength)
    }
}

/// A fixture could not be made or lacks what a test needs.
struct FixtureFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
