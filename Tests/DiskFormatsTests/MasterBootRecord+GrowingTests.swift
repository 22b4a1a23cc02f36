import Testing

@testable import DiskFormats

@Suite("MasterBootRecord growing")
struct MasterBootRecordGrowingTests {
    static let protective = MBRPartitionEntry(
        status: 0, chsStart: .lba1, type: .gptProtective, chsEnd: CHSAddress(lba: 999), firstLBA: 1, sectorCount: 999)
    static let linux = MBRPartitionEntry(
        status: 0, chsStart: CHSAddress(lba: 2048), type: .linux, chsEnd: CHSAddress(lba: 9999), firstLBA: 2048,
        sectorCount: 7952)

    @Test("a protective MBR becomes a hybrid one: 0xEE up to the new partition, which takes slot 2")
    func hybrid() throws {
        var mbr = MasterBootRecord(partitions: [Self.protective])
        #expect(mbr.grow(diskSectors: 10_000, adding: Self.linux) == 1)
        #expect(mbr.partitions[0].sectorCount == 2047)
        #expect(mbr.partitions[0].chsEnd == CHSAddress(lba: 2047))
        #expect(mbr.partitions[1] == Self.linux)
        #expect(try MasterBootRecord(bytes: mbr.encode()[...], at: 0) == mbr)
    }

    @Test("without a free slot (or a partition) the protective partition covers the grown disk, capped at 2³² − 1")
    func fullOrNone() {
        var full = MasterBootRecord(partitions: [Self.protective, Self.linux, Self.linux, Self.linux])
        #expect(full.grow(diskSectors: 20_000, adding: Self.linux) == nil)
        #expect(full.partitions[0].sectorCount == 19_999)
        var huge = MasterBootRecord(partitions: [Self.protective])
        #expect(huge.grow(diskSectors: 1 << 40, adding: nil) == nil)
        #expect(huge.partitions[0].sectorCount == UInt32.max)
        #expect(huge.partitions[1].isEmpty)
    }
}
