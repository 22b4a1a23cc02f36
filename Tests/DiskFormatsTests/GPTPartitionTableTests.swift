import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import DiskFormats

@Suite("GPTPartitionTable")
struct GPTPartitionTableTests {
    static let diskSectors: UInt64 = 131_072  // 64 MiB

    /// A 64 MiB disk partitioned by sgdisk: an ESP with fixed GUIDs and a Linux partition.
    static func sgdiskDisk(_ scratch: TemporaryDirectory) async throws -> String {
        let disk = try scratch.sparseFile("disk.img", size: Int64(diskSectors) * 512)
        try await sgdisk([
            "-U", "11111111-2222-3333-4444-555555555555",
            "-n", "1:2048:+10M", "-t", "1:ef00", "-c", "1:EFI System", "-u", "1:AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE",
            "-A", "1:set:0", "-n", "2:0:0", "-t", "2:8300", "-c", "2:root fs é", disk,
        ])
        return disk
    }

    /// Runs sgdisk with ``Tool/reproducibleEnvironment``; returns standard output.
    @discardableResult
    static func sgdisk(_ arguments: [String]) async throws -> String {
        try await Tool.run("sgdisk", arguments, environment: Tool.reproducibleEnvironment).stdout
    }

    /// The fields of `sgdisk -i N`.
    static func sgdiskInfo(_ disk: String, partition: Int) async throws -> [String: String] {
        let text = try await sgdisk(["-i", "\(partition)", disk])
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    @Test("an sgdisk table decodes as sgdisk -i reports it", .oracles("sgdisk"))
    func sgdiskFixture() async throws {
        let scratch = try TemporaryDirectory()
        let disk = try await Self.sgdiskDisk(scratch)
        let table = try #require(try GPTPartitionTable.read(from: ImageReader(path: disk)))
        let printed = try await Self.sgdisk(["-p", disk])
        #expect(printed.contains("Disk identifier (GUID): \(table.diskGUID.string)"))
        #expect(table.entries.count == 128)
        #expect(table.partitions.count == 2)
        for (index, partition) in table.partitions.enumerated() {
            let info = try await Self.sgdiskInfo(disk, partition: index + 1)
            #expect(info["Partition GUID code"]?.hasPrefix(partition.typeGUID.string) == true)
            #expect(info["Partition unique GUID"] == partition.uniqueGUID.string)
            #expect(info["First sector"]?.hasPrefix("\(partition.firstLBA) ") == true)
            #expect(info["Last sector"]?.hasPrefix("\(partition.lastLBA) ") == true)
            #expect(info["Attribute flags"] == hex16(partition.attributes.rawValue))
            #expect(info["Partition name"] == "'\(partition.name)'")
        }
        #expect(table.partitions[0].attributes == .requiredPartition)
        #expect(table.partitions[1].name == "root fs é")

        // sgdisk also writes a protective MBR.
        let mbr = try MasterBootRecord(bytes: try scratch.bytes("disk.img", at: 0, count: 512)[...], at: 0)
        #expect(mbr.isProtective)
        #expect(mbr.partitions[0].firstLBA == 1 && mbr.partitions[0].sectorCount == UInt32(Self.diskSectors - 1))
    }

    @Test("an sgdisk table re-encodes byte-exact, primary and backup", .oracles("sgdisk"))
    func sgdiskReencode() async throws {
        let scratch = try TemporaryDirectory()
        let disk = try await Self.sgdiskDisk(scratch)
        let reader = try ImageReader(path: disk)
        let table = try #require(try GPTPartitionTable.read(from: reader))
        let (primary, backup) = table.encode(diskSectors: Self.diskSectors)
        #expect(primary == (try scratch.bytes("disk.img", at: 512, count: 33 * 512)))
        #expect(backup == (try scratch.bytes("disk.img", at: Int64(Self.diskSectors - 33) * 512, count: 33 * 512)))
        let backupTable = try GPTPartitionTable.readBackup(from: reader, primary: table)
        #expect(backupTable.entries == table.entries)
        #expect(backupTable.header.myLBA == Self.diskSectors - 1 && backupTable.header.partitionEntryLBA == Self.diskSectors - 33)
    }

    @Test("a table built here passes sgdisk -v and reads back", .oracles("sgdisk"))
    func builtTable() async throws {
        let scratch = try TemporaryDirectory()
        let disk = try scratch.sparseFile("built.img", size: Int64(Self.diskSectors) * 512)
        let esp = GPTPartitionEntry(
            typeGUID: .efiSystemPartition, uniqueGUID: .derived(from: Array("esp".utf8)), firstLBA: 2048,
            lastLBA: 22527, attributes: [], name: "ESP")
        let data = GPTPartitionEntry(
            typeGUID: .basicData, uniqueGUID: .derived(from: Array("data".utf8)), firstLBA: 22528,
            lastLBA: Self.diskSectors - 34, attributes: [.readOnly], name: "data")
        let table = GPTPartitionTable(diskGUID: .derived(from: Array("disk".utf8)), partitions: [esp, data])
        let (primary, backup) = table.encode(diskSectors: Self.diskSectors)
        #expect(primary.count == 33 * 512 && backup.count == 33 * 512)
        let protective = MasterBootRecord(partitions: [
            MBRPartitionEntry(
                status: 0, chsStart: .lba1, type: .gptProtective, chsEnd: .beyondLimit, firstLBA: 1,
                sectorCount: UInt32(Self.diskSectors - 1))
        ])
        try scratch.write(protective.encode(), to: "built.img", at: 0)
        try scratch.write(primary, to: "built.img", at: 512)
        try scratch.write(backup, to: "built.img", at: Int64(Self.diskSectors) * 512 - Int64(backup.count))
        let verify = try await Self.sgdisk(["-v", disk])
        #expect(verify.contains("No problems found"), "\(verify)")

        let decoded = try #require(try GPTPartitionTable.read(from: ImageReader(path: disk)))
        #expect(decoded.partitions == [esp, data])
        #expect(decoded.header.lastUsableLBA == Self.diskSectors - 34)
        #expect(decoded.encode(diskSectors: Self.diskSectors).primary == primary)
    }

    @Test("no signature at LBA 1 is no table")
    func noTable() throws {
        let scratch = try TemporaryDirectory()
        let disk = try scratch.sparseFile("empty.img", size: 1 << 20)
        #expect(try GPTPartitionTable.read(from: ImageReader(path: disk)) == nil)
        let tiny = try scratch.sparseFile("tiny.img", size: 700)
        #expect(try GPTPartitionTable.read(from: ImageReader(path: tiny)) == nil)
    }

    @Test("a corrupted header or entry array byte is the matching error")
    func corruption() throws {
        let scratch = try TemporaryDirectory()
        let sectors: UInt64 = 2048
        let table = GPTPartitionTable(
            diskGUID: .derived(from: [9]),
            partitions: [GPTPartitionEntryTests.sample.with(firstLBA: 34, lastLBA: 1000)])
        let (primary, backup) = table.encode(diskSectors: sectors)
        let disk = try scratch.sparseFile("disk.img", size: Int64(sectors) * 512)
        try scratch.write(primary, to: "disk.img", at: 512)
        try scratch.write(backup, to: "disk.img", at: Int64(sectors) * 512 - Int64(backup.count))
        let good = try #require(try GPTPartitionTable.read(from: ImageReader(path: disk)))

        // A header byte (the disk GUID) changes: header CRC.
        var header = primary
        header[60] ^= 0xFF
        try scratch.write(header, to: "disk.img", at: 512)
        #expect(
            throws: DiskFormatsError.decode(
                .badChecksum(
                    structure: "GPT header", offset: 512, stored: UInt64(good.header.headerCRC32),
                    computed: UInt64(GPTHeaderTests.headerCRC(Array(header[0..<92])))))
        ) { try GPTPartitionTable.read(from: ImageReader(path: disk)) }

        // An entry name byte changes: entry array CRC.
        var entries = primary
        entries[512 + 60] ^= 0x01
        try scratch.write(entries, to: "disk.img", at: 512)
        let array = Array(entries[512..<(512 + 16384)])
        #expect(
            throws: DiskFormatsError.decode(
                .badChecksum(
                    structure: "GPT partition entry array", offset: 1024,
                    stored: UInt64(good.header.partitionEntryArrayCRC32), computed: UInt64(CRC32.checksum(array))))
        ) { try GPTPartitionTable.read(from: ImageReader(path: disk)) }

        // The signature's last byte changes: no GPT at all.
        var signature = primary
        signature[7] = 0x20
        try scratch.write(signature, to: "disk.img", at: 512)
        #expect(try GPTPartitionTable.read(from: ImageReader(path: disk)) == nil)
    }

    @Test("an entry array cut off by the end of the image is truncated")
    func truncatedArray() throws {
        let scratch = try TemporaryDirectory()
        let table = GPTPartitionTable(diskGUID: .derived(from: [3]), partitions: [])
        let primary = table.encode(diskSectors: 2048).primary
        let disk = try scratch.sparseFile("short.img", size: 4096)
        try scratch.write(Array(primary[0..<3584]), to: "short.img", at: 512)
        #expect(
            throws: DiskFormatsError.decode(
                .truncated(structure: "GPT partition entry array", offset: 1024, needed: 16384, available: 3072))
        ) { try GPTPartitionTable.read(from: ImageReader(path: disk)) }
    }
}

private func hex16(_ value: UInt64) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

extension GPTPartitionEntry {
    /// A copy with another LBA range.
    func with(firstLBA: UInt64, lastLBA: UInt64) -> GPTPartitionEntry {
        var copy = self
        copy.firstLBA = firstLBA
        copy.lastLBA = lastLBA
        return copy
    }
}
