import BinaryIO
import DiskFormats

/// The partition tables of a hybrid ISO image that boots as a CD and as a disk, under BIOS and UEFI
/// (UEFI 2.10 §5.2.3 protective MBR, §5.3 GPT; the layout `grub-mkrescue` gets from xorriso).
///
/// Layout, in 512-byte sectors:
/// - LBA 0: a protective MBR. Bytes 0–445 are the BIOS boot code (GRUB's `boot_hybrid.img`), patched like
///   `xorriso --grub2-mbr`: the 64-bit value at `0x1B0` becomes the El Torito boot image's 2048-byte LBA × 4 + 4,
///   so the code loads GRUB's core from the image. Slot 1 is type `0xEE` from LBA 1 to the end of the disk
///   (capped at 2³² − 1), not active; slots 2–4 are empty.
/// - LBA 1: the primary GPT header; LBA 2–33: 128 entries. The first usable LBA is 64 (2048-byte block 16), so
///   the rest of the ISO system area is never free space.
/// - Partitions, ordered by start: the ISO data from LBA 64 to the end of the image, as basic data (required,
///   read-only), split around the ESP when the ESP lies inside it; and the ESP (EFI system type, required).
/// - The tail, appended after the image: 3 zero sectors that keep the image a whole number of 2048-byte blocks,
///   then the backup entry array and the backup header in the disk's last sector.
///
/// Why this layout rather than xorriso's `-isohybrid-gpt-basdat` (an MBR with a `0x00`/`0xCD` partition over the
/// ISO and an `0xEF` ESP, plus a GPT whose first partition starts at LBA 0): that GPT overlaps its own header, so
/// `sgdisk -v` rejects it and UEFI may ignore it; the protective MBR with a valid GPT passes `sgdisk -v`, OVMF
/// finds the ESP through the GPT, and SeaBIOS runs the MBR code whatever the partition table says.
/// GUIDs are derived from a seed, so equal inputs give equal bytes.
public struct HybridSystemArea: Hashable, Sendable {
    /// The protective MBR with the boot code.
    public var mbr: MasterBootRecord
    /// The GPT; `nil` for an MBR-only layout.
    public var gpt: GPTPartitionTable?
    /// The size of the whole disk image, tail included, in 512-byte sectors.
    public var diskSectors: UInt64

    /// The size of the ISO 9660 system area: 16 sectors of 2048 bytes.
    public static let systemAreaSize = 32768
    /// The size of the tail: 3 padding sectors, 32 entry sectors and the backup header (9 blocks of 2048 bytes).
    public static let tailSize = 36 * 512
    /// The first usable LBA and the start of the ISO data partition.
    public static let firstUsableLBA: UInt64 = 64
    /// Where `xorriso --grub2-mbr` writes the boot image address into GRUB's `boot_hybrid.img`.
    public static let grub2MBRAddressOffset = 0x1B0

    /// Plans the tables.
    ///
    /// - Parameters:
    ///   - imageBytes: The image size without the tail (ISO data and any appended partitions); a multiple of 2048.
    ///   - espPartition: The ESP (a FAT image) in 2048-byte blocks: an El Torito EFI image inside the ISO or a
    ///     partition appended after it.
    ///   - bootCode: BIOS boot code, 440 to 512 bytes, e.g. GRUB's `boot_hybrid.img`; its first 446 bytes are used.
    ///   - elToritoBootImageLBA: With GRUB's `boot_hybrid.img`: the 2048-byte LBA of GRUB's El Torito image, written
    ///     at `0x1B0` as LBA × 4 + 4.
    ///   - diskGUIDSeed: Seed for the disk and partition GUIDs (see ``GUID/derived(from:)``).
    /// - Throws: ``DiskFormatsError/layout(reason:)`` for an image size that is not a multiple of 2048 or is too
    ///   small, an ESP that is empty, starts in the system area or ends past the image, boot code of the wrong
    ///   size, or a boot image LBA without boot code.
    ///   - scheme: ``PartitionScheme/gpt`` (protective MBR and GPT) or ``PartitionScheme/mbr`` (the same
    ///     partitions as MBR entries, the first ISO part active, no GPT and no tail), for firmware that ignores GPT.
    public init(
        imageBytes: UInt64, espPartition: (lba2048: UInt32, blocks2048: UInt32)?, bootCode: [UInt8]?,
        elToritoBootImageLBA: UInt32?, diskGUIDSeed: [UInt8], scheme: PartitionScheme = .gpt
    ) throws(DiskFormatsError) {
        guard imageBytes % 2048 == 0 else {
            throw .layout(reason: "image size \(imageBytes) is not a multiple of 2048 bytes")
        }
        let imageSectors = imageBytes / 512
        guard imageSectors > Self.firstUsableLBA else {
            throw .layout(reason: "image of \(imageBytes) bytes ends inside the system area")
        }
        let diskSectors = imageSectors + UInt64(Self.tailSize / 512)

        var partitions: [GPTPartitionEntry] = []
        var dataRanges: [Range<UInt64>] = []
        if let esp = espPartition {
            let start = UInt64(esp.lba2048) * 4
            let end = start + UInt64(esp.blocks2048) * 4
            guard esp.blocks2048 > 0 else { throw .layout(reason: "the ESP is empty") }
            guard start >= Self.firstUsableLBA else {
                throw .layout(reason: "the ESP at 2048-byte block \(esp.lba2048) overlaps the system area")
            }
            guard end <= imageSectors else {
                throw .layout(reason: "the ESP ends at 512-byte sector \(end), past the image's \(imageSectors)")
            }
            partitions.append(
                GPTPartitionEntry(
                    typeGUID: .efiSystemPartition, uniqueGUID: .derived(from: diskGUIDSeed + Array("esp".utf8)),
                    firstLBA: start, lastLBA: end - 1, attributes: [.requiredPartition], name: "EFI System"))
            dataRanges = [Self.firstUsableLBA..<start, end..<imageSectors]
        } else {
            dataRanges = [Self.firstUsableLBA..<imageSectors]
        }
        for (index, range) in dataRanges.filter({ !$0.isEmpty }).enumerated() {
            partitions.append(
                GPTPartitionEntry(
                    typeGUID: .basicData, uniqueGUID: .derived(from: diskGUIDSeed + Array("iso\(index)".utf8)),
                    firstLBA: range.lowerBound, lastLBA: range.upperBound - 1, attributes: [.requiredPartition, .readOnly],
                    name: index == 0 ? "ISO9660" : "ISO9660 continued"))
        }
        partitions.sort { $0.firstLBA < $1.firstLBA }

        var code: [UInt8] = []
        if let bootCode {
            guard (440...512).contains(bootCode.count) else {
                throw .layout(reason: "MBR boot code has \(bootCode.count) bytes, expected 440 to 512")
            }
            code = Array(bootCode.prefix(MasterBootRecord.bootCodeSize))
            if let lba = elToritoBootImageLBA {
                let address = UInt64(lba) * 4 + 4
                for index in 0..<8 {
                    code[Self.grub2MBRAddressOffset + index] = UInt8(truncatingIfNeeded: address >> UInt64(8 * index))
                }
            }
        } else if elToritoBootImageLBA != nil {
            throw .layout(reason: "an El Torito boot image LBA for the MBR needs boot code to patch")
        }
        switch scheme {
        case .gpt:
            let protective = MBRPartitionEntry(
                status: 0, chsStart: .lba1, type: .gptProtective, chsEnd: CHSAddress(lba: diskSectors - 1), firstLBA: 1,
                sectorCount: UInt32(min(diskSectors - 1, UInt64(UInt32.max))))
            self.mbr = MasterBootRecord(bootCode: code, partitions: [protective])
            self.gpt = GPTPartitionTable(
                diskGUID: .derived(from: diskGUIDSeed + Array("disk".utf8)), partitions: partitions,
                firstUsableLBA: Self.firstUsableLBA)
            self.diskSectors = diskSectors
        case .mbr:
            guard imageSectors <= UInt64(UInt32.max) else {
                throw .layout(reason: "an MBR cannot describe an image of \(imageSectors) sectors; use GPT")
            }
            let entries = partitions.enumerated().map { index, partition in
                MBRPartitionEntry(
                    status: index == 0 ? 0x80 : 0, chsStart: CHSAddress(lba: partition.firstLBA),
                    type: partition.typeGUID == .efiSystemPartition ? .efiSystem : .iso9660,
                    chsEnd: CHSAddress(lba: partition.lastLBA), firstLBA: UInt32(partition.firstLBA),
                    sectorCount: UInt32(partition.lastLBA - partition.firstLBA + 1))
            }
            self.mbr = MasterBootRecord(bootCode: code, partitions: entries)
            self.gpt = nil
            self.diskSectors = imageSectors
        }
    }

    /// The bytes to write.
    ///
    /// - Returns: `systemArea`, 32768 bytes for 2048-byte blocks 0–15 (MBR, GPT header and entries, zeros);
    ///   `tail`, ``tailSize`` bytes to append after the image, ending with the backup GPT.
    public func encode() -> (systemArea: [UInt8], tail: [UInt8]) {
        var area = ByteWriter(capacity: Self.systemAreaSize)
        area.append(mbr.encode())
        guard let gpt else {
            area.fill(Self.systemAreaSize - area.count)
            return (area.bytes, [])
        }
        let (primary, backup) = gpt.encode(diskSectors: diskSectors)
        area.append(primary)
        area.fill(Self.systemAreaSize - area.count)
        var tail = ByteWriter(capacity: Self.tailSize)
        tail.fill(Self.tailSize - backup.count)
        tail.append(backup)
        return (area.bytes, tail.bytes)
    }

    /// Plans and encodes the tables in one step; see ``init(imageBytes:espPartition:bootCode:elToritoBootImageLBA:diskGUIDSeed:)``.
    ///
    /// - Returns: `systemArea` for blocks 0–15 and `tail` to append; the image grows by `tail.count`.
    /// - Throws: ``DiskFormatsError/layout(reason:)`` as the initializer does.
    public static func build(
        imageBytes: UInt64, espPartition: (lba2048: UInt32, blocks2048: UInt32)?, bootCode: [UInt8]?,
        elToritoBootImageLBA: UInt32?, diskGUIDSeed: [UInt8], scheme: PartitionScheme = .gpt
    ) throws(DiskFormatsError) -> (systemArea: [UInt8], tail: [UInt8]) {
        try HybridSystemArea(
            imageBytes: imageBytes, espPartition: espPartition, bootCode: bootCode,
            elToritoBootImageLBA: elToritoBootImageLBA, diskGUIDSeed: diskGUIDSeed, scheme: scheme
        ).encode()
    }
}
