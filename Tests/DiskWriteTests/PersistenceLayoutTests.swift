import BinaryIO
import DiskFormats
import DiskWrite
import TestSupport
import Testing

@Suite("PersistenceLayout")
struct PersistenceLayoutTests {
    @Test("a GPT image: a Linux partition on the next 1 MiB boundary up to the new last usable LBA, a hybrid MBR slot")
    func gptLayout() throws {
        let scratch = try TemporaryDirectory()
        let iso = try DiskWriteFixture.hybridISO(in: scratch.path)
        let image = try ImageReader(path: iso)
        let layout = try PersistenceLayout(image: image, diskBytes: 64 << 20, label: "isokit-persist")
        let imageSectors = UInt64(image.size / 512)
        #expect(layout.partition.firstLBA == (imageSectors + 2047) / 2048 * 2048)
        #expect(layout.partition.lastLBA == (64 << 11) - 34)
        // ISO data, ESP, rest of the ISO data, then persistence.
        #expect(layout.partition.number == 4)
        #expect(layout.partition.mbrSlot == 2)
        #expect(layout.partition.fileSystemBytes % 4096 == 0)
        #expect(layout.patches.first?.offset == 0)
        #expect(layout.patches.last?.range.upperBound == 64 << 20)

        let mbr = try MasterBootRecord(bytes: layout.patches[0].bytes[...], at: 0)
        #expect(mbr.partitions[0].type == .gptProtective)
        #expect(UInt64(mbr.partitions[0].sectorCount) == layout.partition.firstLBA - 1)
        #expect(mbr.partitions[1].type == .linux)
        #expect(UInt64(mbr.partitions[1].firstLBA) == layout.partition.firstLBA)
    }

    @Test("an MBR-only image (ISO, ESP, ISO) gets the partition in its free fourth slot")
    func mbrLayout() throws {
        let scratch = try TemporaryDirectory()
        let iso = try DiskWriteFixture.hybridISO(in: scratch.path, scheme: .mbr)
        let layout = try PersistenceLayout(image: try ImageReader(path: iso), diskBytes: 32 << 20, label: "persist")
        #expect(layout.partition.number == 4)
        #expect(layout.partition.mbrSlot == 4)
        #expect(layout.partition.lastLBA == (32 << 11) - 1)
        #expect(layout.patches.count == 1)

        var full = try MasterBootRecord(bytes: try ImageReader(path: iso).read(at: 0, count: 512, structure: "MBR")[...], at: 0)
        full.partitions[3] = MBRPartitionEntry(
            status: 0, chsStart: CHSAddress(lba: 40), type: .linux, chsEnd: CHSAddress(lba: 47), firstLBA: 40, sectorCount: 8)
        try scratch.write(full.encode(), to: "image.iso", at: 0)
        #expect(throws: DiskWriteError.noPartitionTable(image: iso, reason: "it has an MBR only, and all four of its slots are used")) {
            try PersistenceLayout(image: try ImageReader(path: iso), diskBytes: 32 << 20, label: "persist")
        }
    }

    @Test("an image without a partition table, a size too small, and bad labels are refused")
    func refusals() throws {
        let scratch = try TemporaryDirectory()
        let plain = try scratch.sparseFile("plain.iso", size: 1 << 20)
        #expect(throws: DiskWriteError.noPartitionTable(
            image: plain, reason: "no MBR boot signature (55 AA) at byte 510 and no GPT header at LBA 1")) {
            try PersistenceLayout(image: try ImageReader(path: plain), diskBytes: 64 << 20, label: "isokit-persist")
        }
        let iso = try DiskWriteFixture.hybridISO(in: scratch.path)
        let image = try ImageReader(path: iso)
        #expect(throws: DiskWriteError.self) {
            try PersistenceLayout(image: image, diskBytes: image.size + (4 << 20), label: "isokit-persist")
        }
        #expect(throws: DiskWriteError.badSize(path: iso, size: (64 << 20) + 1, reason: "not a whole number of 512-byte sectors")) {
            try PersistenceLayout(image: image, diskBytes: (64 << 20) + 1, label: "isokit-persist")
        }
        for label in ["", "seventeen-bytes-x", "with blank"] {
            #expect(throws: DiskWriteError.self) { try PersistenceLayout.validate(label: label) }
        }
    }
}
