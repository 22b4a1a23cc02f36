import BinaryIO
import DiskFormats
import Foundation
import TestSupport
import Testing

@testable import ISO9660

@Suite("SystemAreaReport")
struct SystemAreaReportTests {
    @Test("xorriso's hybrid image: protective MBR, and a GPT as sgdisk reads it that re-encodes byte-exact",
          .oracles("xorriso", "mkfs.fat", "sgdisk"))
    func xorrisoHybrid() async throws {
        let fixture = try await BootFixture(.grubHybrid)
        let reader = try ImageReader(path: fixture.iso)
        let report = try SystemAreaReport.read(from: reader)
        let mbr = try #require(report.mbr)
        #expect(mbr.isProtective && mbr.hasBootCode)
        #expect(mbr.partitions.count == 1 && mbr.partitions[0].type == 0xEE && mbr.partitions[0].firstLBA == 1)
        #expect(UInt64(mbr.partitions[0].sectorCount) == UInt64(reader.size) / 512 - 1)

        let gpt = try #require(report.gpt)
        #expect(gpt.backupProblem == nil)
        let printed = try await BootFixture.run("sgdisk", ["-p", fixture.iso])
        #expect(printed.contains("Disk identifier (GUID): \(gpt.diskGUID)"))
        #expect(printed.contains("First usable sector is \(gpt.firstUsableLBA), last usable sector is \(gpt.lastUsableLBA)"))
        let rows = printed.split(separator: "\n").drop { !$0.hasPrefix("Number") }.dropFirst().map {
            $0.split(separator: " ", maxSplits: 6, omittingEmptySubsequences: true).map(String.init)
        }
        #expect(rows.count == gpt.partitions.count && rows.count == 3)
        for (partition, row) in zip(gpt.partitions, rows) {
            #expect(row[0] == "\(partition.slot)")
            #expect(row[1] == "\(partition.firstLBA)" && row[2] == "\(partition.lastLBA)")
            #expect(row.last?.trimmingCharacters(in: .whitespaces) == partition.name)
        }
        #expect(gpt.partitions.map(\.typeName) == ["Basic data", "EFI System", "Basic data"])

        let table = try #require(try GPTPartitionTable.read(from: reader))
        let sectors = UInt64(reader.size) / 512
        let (primary, backup) = table.encode(diskSectors: sectors)
        #expect(primary == (try fixture.bytes(at: 512, count: primary.count)))
        #expect(backup == (try fixture.bytes(at: reader.size - Int64(backup.count), count: backup.count)))
    }

    @Test("a plain ISO has neither table", .oracles("xorriso", "mkfs.fat"))
    func plain() async throws {
        let fixture = try await BootFixture(.plain)
        #expect(try SystemAreaReport.read(from: ImageReader(path: fixture.iso)) == SystemAreaReport(mbr: nil, gpt: nil))
    }

    @Test("a damaged backup is reported, a damaged primary is an error; JSON round-trips")
    func damage() throws {
        let scratch = try TemporaryDirectory()
        let imageBytes: UInt64 = 4 << 20
        let parts = try HybridSystemArea.build(
            imageBytes: imageBytes, espPartition: (100, 200), bootCode: nil, elToritoBootImageLBA: nil, diskGUIDSeed: [7])
        let path = try scratch.sparseFile("disk.img", size: Int64(imageBytes) + Int64(parts.tail.count))
        try scratch.write(parts.systemArea, to: "disk.img", at: 0)
        var tail = parts.tail
        tail[tail.count - 512 + 60] ^= 1  // backup header's disk GUID
        try scratch.write(tail, to: "disk.img", at: Int64(imageBytes))

        let report = try SystemAreaReport.read(from: ImageReader(path: path))
        let problem = try #require(report.gpt?.backupProblem)
        #expect(problem.hasPrefix("partition table: GPT header at 0x"), "\(problem)")
        let json = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(SystemAreaReport.self, from: json) == report)

        var area = parts.systemArea
        area[512 + 10] = 0  // primary header revision 1.0 → 0.0
        try scratch.write(area, to: "disk.img", at: 0)
        #expect(
            throws: DiskFormatsError.decode(.invalidValue(field: "GPT revision", offset: 520, reason: "0x0 is not 1.x"))
        ) { try SystemAreaReport.read(from: ImageReader(path: path)) }

        area = parts.systemArea
        area[446] = 0x12  // boot indicator of slot 1
        try scratch.write(area, to: "disk.img", at: 0)
        #expect(
            throws: DiskFormatsError.decode(
                .invalidValue(field: "MBR partition boot indicator", offset: 446, reason: "0x12 is neither 0x00 nor 0x80"))
        ) { try SystemAreaReport.read(from: ImageReader(path: path)) }
    }
}
