import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import DiskFormats

@Suite("GPTPartitionTable growing")
struct GPTPartitionTableGrowingTests {
    static let linux = GPTPartitionEntry(
        typeGUID: .linuxFilesystem, uniqueGUID: .derived(from: Array("persist".utf8)), firstLBA: 131_072,
        lastLBA: 262_110, attributes: [], name: "isokit-persist")

    @Test("an sgdisk disk grown from 64 to 128 MiB: new partition, backup at the new end; sgdisk -v is clean", .oracles("sgdisk"))
    func growSgdiskDisk() async throws {
        let scratch = try TemporaryDirectory()
        let disk = try await GPTPartitionTableTests.sgdiskDisk(scratch)
        var table = try #require(try GPTPartitionTable.read(from: ImageReader(path: disk)))
        let grown: UInt64 = 262_144
        #expect(table.lastUsableLBA(diskSectors: grown) == 262_110)
        #expect(table.endOfPartitions == 131_039)
        // sgdisk's second partition filled the old disk: put the new one after the old end.
        #expect(try table.add(Self.linux, diskSectors: grown) == 2)
        let (primary, backup) = table.encode(diskSectors: grown)
        guard truncate(disk, off_t(grown) * 512) == 0 else { throw IOError("truncate", path: disk, errno: .ioError) }
        try scratch.write(primary, to: "disk.img", at: 512)
        try scratch.write(Array(repeating: 0, count: 33 * 512), to: "disk.img", at: Int64(131_072 - 33) * 512)
        try scratch.write(backup, to: "disk.img", at: Int64(grown) * 512 - Int64(backup.count))
        let verify = try await GPTPartitionTableTests.sgdisk(["-v", disk])
        #expect(verify.contains("No problems found"), "\(verify)")
        let info = try await GPTPartitionTableTests.sgdiskInfo(disk, partition: 3)
        #expect(info["First sector"]?.hasPrefix("131072 ") == true)
        #expect(info["Partition name"] == "'isokit-persist'")
    }

    @Test("a partition that overlaps, leaves the usable range, or finds no free slot is refused")
    func refusals() throws {
        var table = GPTPartitionTable(
            diskGUID: .derived(from: [1]), partitions: [
                GPTPartitionEntry(
                    typeGUID: .basicData, uniqueGUID: .derived(from: [2]), firstLBA: 64, lastLBA: 131_071, attributes: [],
                    name: "ISO9660")
            ], entryCount: 128)
        var overlapping = Self.linux
        overlapping.firstLBA = 131_000
        #expect(throws: DiskFormatsError.layout(reason: "partition 131000–262110 overlaps 'ISO9660' (64–131071)")) {
            try table.add(overlapping, diskSectors: 262_144)
        }
        #expect(throws: DiskFormatsError.layout(reason: "partition 131072–262110 leaves the usable range 34–196574")) {
            try table.add(Self.linux, diskSectors: 196_608)
        }
        #expect(throws: DiskFormatsError.layout(reason: "a new GPT partition needs a type and first LBA ≤ last LBA")) {
            try table.add(.unused, diskSectors: 262_144)
        }
        var full = GPTPartitionTable(diskGUID: .derived(from: [1]), partitions: [], entryCount: 4)
        for index in 0..<4 {
            var entry = Self.linux
            entry.firstLBA = 100 + UInt64(index) * 10
            entry.lastLBA = entry.firstLBA + 9
            try full.add(entry, diskSectors: 262_144)
        }
        #expect(throws: DiskFormatsError.layout(reason: "all 4 GPT partition slots are used")) {
            try full.add(Self.linux, diskSectors: 262_144)
        }
        #expect(table.lastUsableLBA(diskSectors: 40) == nil)
    }
}
