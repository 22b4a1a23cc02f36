import BinaryIO
import Foundation
import TestSupport
import Testing

@testable import DiskFormats

@Suite("MasterBootRecord")
struct MasterBootRecordTests {
    @Test("round trip keeps boot code and disk signature")
    func roundTrip() throws {
        var code = (0..<446).map { UInt8(truncatingIfNeeded: $0) }
        code[440..<444] = [0x78, 0x56, 0x34, 0x12]
        let mbr = MasterBootRecord(bootCode: code, partitions: [MBRPartitionEntryTests.sample])
        let bytes = mbr.encode()
        #expect(bytes.count == 512 && bytes[510] == 0x55 && bytes[511] == 0xAA)
        let decoded = try MasterBootRecord(bytes: bytes[...], at: 0)
        #expect(decoded == mbr)
        #expect(decoded.diskSignature == 0x1234_5678)
        #expect(decoded.partitions.count == 4 && decoded.partitions[1] == .empty)
        #expect(!decoded.isProtective)
    }

    @Test("a wrong boot signature byte is an error", arguments: [510, 511])
    func badSignature(index: Int) {
        var bytes = MasterBootRecord(partitions: []).encode()
        bytes[index] = 0
        let found: [UInt8] = index == 510 ? [0x00, 0xAA] : [0x55, 0x00]
        #expect(
            throws: DecodeError.badSignature(structure: "master boot record", offset: 510, expected: [0x55, 0xAA], found: found)
        ) { try MasterBootRecord(bytes: bytes[...], at: 0) }
    }

    @Test("a bad boot indicator in slot 3 names its offset")
    func badSlot() {
        var bytes = MasterBootRecord(partitions: []).encode()
        bytes[446 + 32] = 0x01
        #expect(
            throws: DecodeError.invalidValue(
                field: "MBR partition boot indicator", offset: 446 + 32, reason: "0x1 is neither 0x00 nor 0x80")
        ) { try MasterBootRecord(bytes: bytes[...], at: 0) }
    }

    @Test("an sfdisk label decodes as sfdisk reports it and re-encodes byte-exact", .oracles("sfdisk"))
    func sfdiskFixture() async throws {
        let scratch = try TemporaryDirectory()
        let disk = try scratch.sparseFile("disk.img", size: 64 << 20)
        let script = "label: dos\nlabel-id: 0x1badcafe\n2048,20480,ef,*\n,40960,83\n,,c\n"
        try await Tool.run(
            "sfdisk", ["--no-reread", "--no-tell-kernel", disk], environment: Tool.reproducibleEnvironment,
            input: Array(script.utf8))
        let json = try await Tool.run("sfdisk", ["-J", disk], environment: Tool.reproducibleEnvironment).stdout
        let report = try JSONDecoder().decode(SfdiskReport.self, from: Data(json.utf8)).partitiontable

        let sector = try scratch.bytes("disk.img", at: 0, count: 512)
        let mbr = try MasterBootRecord(bytes: sector[...], at: 0)
        #expect(report.id == "0x1badcafe")
        #expect(mbr.diskSignature == 0x1BAD_CAFE)
        let used = mbr.partitions.filter { !$0.isEmpty }
        #expect(used.count == report.partitions.count)
        for (entry, expected) in zip(used, report.partitions) {
            #expect(UInt64(entry.firstLBA) == expected.start)
            #expect(UInt64(entry.sectorCount) == expected.size)
            #expect(String(entry.type.rawValue, radix: 16) == expected.type)
            #expect(entry.isBootable == (expected.bootable ?? false))
        }
        #expect(mbr.encode() == sector)
    }
}

/// The parts of `sfdisk -J` output the tests compare.
struct SfdiskReport: Decodable {
    struct Table: Decodable {
        var id: String
        var partitions: [Partition]
    }

    struct Partition: Decodable {
        var start: UInt64
        var size: UInt64
        var type: String
        var bootable: Bool?
    }

    var partitiontable: Table
}
