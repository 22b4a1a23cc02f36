import BinaryIO
import DiskFormats

/// Where a persistence partition goes when a disk-image file grows past its image, and the partition-table bytes
/// that describe it: the GPT gets a Linux file system entry and its backup moves to the new end (UEFI 2.10 §5.3),
/// a protective or plain MBR gets a type `0x83` record in a free slot (§5.2.1).
public struct PersistenceLayout: Hashable, Sendable {
    /// Bytes of the image.
    public var imageBytes: Int64
    /// Bytes of the grown file.
    public var diskBytes: Int64
    /// The new partition.
    public var partition: PersistencePartition
    /// The table bytes to write over the copied image (and at the new end), ordered by offset.
    public var patches: [DiskPatch]

    /// Partitions start on 1 MiB boundaries.
    public static let alignmentSectors: UInt64 = 2048
    /// The smallest persistence file system made.
    public static let minimumFileSystemBytes: Int64 = 8 << 20

    /// Plans the partition for `image` grown to `diskBytes`.
    ///
    /// - Parameters:
    ///   - image: The image, with a GPT at LBA 1 or an MBR at LBA 0.
    ///   - diskBytes: The new size; a multiple of 512.
    ///   - label: The file system label and partition name.
    /// - Throws: ``DiskWriteError/badLabel(label:reason:)``; ``DiskWriteError/badSize(path:size:reason:)`` if the
    ///   size is not whole sectors or leaves less than ``minimumFileSystemBytes`` after the image;
    ///   ``DiskWriteError/noPartitionTable(image:reason:)`` for an image without GPT or MBR, or an MBR-only image
    ///   with no free slot; ``DiskFormatsError`` if its GPT does not decode; ``IOError`` if reading fails.
    public init(image: ImageReader, diskBytes: Int64, label: String) throws {
        try Self.validate(label: label)
        guard diskBytes > 0, diskBytes % 512 == 0 else {
            throw DiskWriteError.badSize(path: image.path, size: diskBytes, reason: "not a whole number of 512-byte sectors")
        }
        imageBytes = image.size
        self.diskBytes = diskBytes
        let head = image.size >= 512 ? try image.read(at: 0, count: 512, structure: "master boot record") : []
        let mbr = head.count == 512 ? try? MasterBootRecord(bytes: head[...], at: 0) : nil
        let gpt = try GPTPartitionTable.read(from: image)
        guard mbr != nil || gpt != nil else {
            throw DiskWriteError.noPartitionTable(
                image: image.path, reason: "no MBR boot signature (55 AA) at byte 510 and no GPT header at LBA 1")
        }
        if let table = gpt, table.header.partitionEntryLBA > 1 << 20 {
            throw DiskWriteError.noPartitionTable(
                image: image.path, reason: "its GPT entry array at LBA \(table.header.partitionEntryLBA) is not near the start")
        }
        let imageSectors = UInt64((image.size + 511) / 512)
        let mbrEnd = mbr?.partitions.filter { !$0.isEmpty && $0.type != .gptProtective }
            .map { UInt64($0.firstLBA) + UInt64($0.sectorCount) }.max() ?? 0
        let used = max(imageSectors, gpt?.endOfPartitions ?? 0, mbrEnd)
        let first = (used + Self.alignmentSectors - 1) / Self.alignmentSectors * Self.alignmentSectors
        let diskSectors = UInt64(diskBytes / 512)
        let last: UInt64? = if let gpt { gpt.lastUsableLBA(diskSectors: diskSectors) } else { diskSectors - 1 }
        let needed = Int64(first) * 512 + Self.minimumFileSystemBytes + Int64((gpt?.entryArraySectors ?? 0) + 1) * 512
        guard let last, last >= first, Int64(last - first + 1) * 512 >= Self.minimumFileSystemBytes else {
            throw DiskWriteError.badSize(
                path: image.path, size: diskBytes,
                reason: "the image takes \(image.size) bytes; with 1 MiB alignment and an 8 MiB file system it needs at least \(needed)")
        }
        let fileSystemBytes = Int64(last - first + 1) * 512 / 4096 * 4096
        let legacy: MBRPartitionEntry? =
            last <= UInt64(UInt32.max)
            ? MBRPartitionEntry(
                status: 0, chsStart: CHSAddress(lba: first), type: .linux, chsEnd: CHSAddress(lba: last),
                firstLBA: UInt32(first), sectorCount: UInt32(last - first + 1))
            : nil

        var patches: [DiskPatch] = []
        var number: Int
        var mbrSlot: Int?
        if var table = gpt {
            let seed = table.diskGUID.bytes + Array("persistence \(label)".utf8)
            let entry = GPTPartitionEntry(
                typeGUID: .linuxFilesystem, uniqueGUID: .derived(from: seed), firstLBA: first, lastLBA: last,
                attributes: [], name: label)
            number = try table.add(entry, diskSectors: diskSectors) + 1
            if var record = mbr {
                mbrSlot = record.grow(diskSectors: diskSectors, adding: legacy).map { $0 + 1 }
                patches.append(DiskPatch(offset: 0, bytes: record.encode()))
            }
            // The old backup GPT (in the image's last sectors) is now free space: clear it.
            let oldBackup = table.header.alternateLBA
            if oldBackup < imageSectors, oldBackup >= table.entryArraySectors,
                oldBackup - table.entryArraySectors >= table.endOfPartitions
            {
                let start = oldBackup - table.entryArraySectors
                patches.append(
                    DiskPatch(offset: Int64(start) * 512, bytes: Array(repeating: 0, count: Int(table.entryArraySectors + 1) * 512)))
            }
            let (primary, backup) = table.encode(diskSectors: diskSectors)
            patches.append(DiskPatch(offset: 512, bytes: primary))
            patches.append(DiskPatch(offset: diskBytes - Int64(backup.count), bytes: backup))
        } else if var record = mbr, let legacy, let slot = record.grow(diskSectors: diskSectors, adding: legacy) {
            number = slot + 1
            mbrSlot = slot + 1
            patches.append(DiskPatch(offset: 0, bytes: record.encode()))
        } else if legacy == nil {
            throw DiskWriteError.noPartitionTable(
                image: image.path, reason: "it has an MBR only, which cannot describe sectors past 2³² − 1; use a smaller --size")
        } else {
            throw DiskWriteError.noPartitionTable(
                image: image.path, reason: "it has an MBR only, and all four of its slots are used")
        }
        partition = PersistencePartition(
            label: label, number: number, mbrSlot: mbrSlot, firstLBA: first, lastLBA: last, fileSystemBytes: fileSystemBytes)
        self.patches = patches.sorted { $0.offset < $1.offset }
    }

    /// Checks that `label` can be an ext4 label, a GPT partition name and a kernel parameter value.
    ///
    /// - Throws: ``DiskWriteError/badLabel(label:reason:)``.
    public static func validate(label: String) throws(DiskWriteError) {
        guard !label.isEmpty, label.utf8.count <= Ext4Formatter.maximumLabelBytes else {
            throw .badLabel(label: label, reason: "needs 1 to \(Ext4Formatter.maximumLabelBytes) bytes")
        }
        guard label.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" }) else {
            throw .badLabel(label: label, reason: "only printable ASCII without blanks or quotes fits a kernel command line")
        }
    }
}
