import BinaryIO
import DiskFormats

extension BootSetup {
    /// Captures the boot setup of `image`.
    ///
    /// Each boot image's size comes from the tree file that starts at its LBA; else from a boot info table in it that
    /// names that LBA; else, for a UEFI image, from its FAT boot sector; else from the entry's sector count when it is
    /// below the field's cap; else it runs up to the next known extent. A boot info table counts as present when
    /// bytes 8–19 hold the PVD's LBA (16), the image's LBA and its size; GRUB 2 boot info when byte 2548 holds
    /// LBA × 4 + 5 (what xorriso checks for `-report_el_torito`). A partition counts as appended when it lies past
    /// the system area, clear of every directory and file extent, and its first 64 KiB are not all zero.
    ///
    /// - Parameter image: An opened image; only metadata and the first bytes of each boot image are read.
    /// - Throws: ``ImageError`` wrapping ``ISO9660Error/decode(_:)`` for a damaged catalog, ``DiskFormatsError``
    ///   for a damaged MBR or primary GPT, what ``ISOImage/walk(from:_:)`` throws, or ``IOError``.
    public init(image: ISOImage) throws {
        let reader = image.reader
        let volumeBlocks = image.primary.volumeSpaceSize
        let catalogLBA = image.bootRecord?.bootCatalogLBA
        let catalog = try catalogLBA.map { lba in
            try ImageError.wrap(image: image.path) { try ElToritoCatalog.read(from: reader, catalogLBA: lba) }
        }
        var files: [UInt32: (path: String, size: Int64)] = [:]
        // Every extent of the tree (directories and file data) in 512-byte sectors, to tell appended partitions.
        var treeRanges: [Range<UInt64>] = []
        try image.walk(from: image.root()) { entry in
            for extent in entry.extents where extent.length > 0 {
                let start = UInt64(extent.lba) * 4
                treeRanges.append(start..<start + (UInt64(extent.length) + 511) / 512)
            }
            // Empty files may share an LBA with the file after them; only a file with data names an extent.
            guard entry.kind == .regular, entry.size > 0, let first = entry.extents.first, files[first.lba] == nil
            else { return }
            files[first.lba] = (entry.path, entry.size)
        }
        treeRanges.sort { $0.lowerBound < $1.lowerBound }
        let systemArea = try ImageError.wrap(image: image.path) { try SystemAreaReport.read(from: reader) }

        var flat: [(entry: ElToritoBootEntry, platform: PlatformID, section: Int?)] = []
        if let catalog {
            flat.append((catalog.defaultEntry, catalog.validation.platform, nil))
            for (index, section) in catalog.sections.enumerated() {
                flat += section.entries.map { ($0, section.header.platform, index) }
            }
        }
        // Extents that end a boot image of unknown size: other images, the catalog, the volume's end, partitions.
        var boundaries = Set(flat.map { UInt64($0.entry.loadLBA) * 4 })
        if let catalogLBA { boundaries.insert(UInt64(catalogLBA) * 4) }
        boundaries.insert(UInt64(volumeBlocks) * 4)
        for partition in systemArea.gpt?.partitions ?? [] { boundaries.insert(partition.firstLBA) }
        for partition in systemArea.mbr?.partitions ?? [] where partition.firstLBA > 0 {
            boundaries.insert(UInt64(partition.firstLBA))
        }
        let imageSectors = UInt64(reader.size / 512)

        var entries: [BootSetupEntry] = []
        for item in flat {
            let lba = item.entry.loadLBA
            let start = UInt64(lba) * 4
            guard start < imageSectors else {
                throw ImageError(image: image.path, underlying: ISO9660Error.decode(.invalidValue(
                    field: "El Torito load LBA", offset: Int64(catalogLBA ?? 0) * 2048,
                    reason: "boot image at LBA \(lba) starts past the end of the image")))
            }
            var size: (bytes: Int64, source: BootImageSizeSource)
            if let file = files[lba] {
                size = (file.size, .treeFile)
            } else if let length = try Self.bootInfoTableLength(reader, at: Int64(start) * 512, lba: lba) {
                size = (length, .bootInfoTable)
            } else if item.platform == .efi, let fat = try Self.fatImageBytes(reader, at: Int64(start) * 512) {
                size = (fat, .fatBootSector)
            } else if item.entry.sectorCount > 0, item.entry.sectorCount < UInt16.max, item.entry.mediaType == .noEmulation {
                size = (Int64(item.entry.sectorCount) * 512, .sectorCount)
            } else {
                let next = boundaries.filter { $0 > start }.min() ?? imageSectors
                size = (Int64(min(next, imageSectors) - start) * 512, .nextExtent)
            }
            // Never past the end of the image file.
            size.bytes = min(size.bytes, reader.size - Int64(start) * 512)
            let head = try reader.read(
                at: Int64(start) * 512, count: Int(min(size.bytes, Int64(GRUB2BootInfo.minimumImageSize))),
                structure: "El Torito boot image")
            let patches = try ImageError.wrap(image: image.path) {
                do throws(DecodeError) {
                    return (
                        bootInfoTable: try Self.hasBootInfoTable(head, lba: lba, bytes: size.bytes, at: Int64(start) * 512),
                        grub2BootInfo: try Self.hasGRUB2BootInfo(head, lba: lba, at: Int64(start) * 512))
                } catch {
                    throw ISO9660Error.decode(error)
                }
            }
            entries.append(BootSetupEntry(
                section: item.section, platform: item.platform, bootable: item.entry.isBootable,
                mediaType: item.entry.mediaType, loadSegment: item.entry.loadSegment, systemType: item.entry.systemType,
                sectorCount: item.entry.sectorCount, selectionCriteria: item.entry.selectionCriteria, loadLBA: lba,
                imageBytes: size.bytes, sizeSource: size.source, treePath: files[lba]?.path,
                bootInfoTable: patches.bootInfoTable, grub2BootInfo: patches.grub2BootInfo, isAppended: false))
        }

        let mbrSector = reader.size >= 512 ? try reader.read(at: 0, count: 512, structure: "master boot record") : []
        var bootCode: [UInt8]?
        var address = MBRBootImageAddress.none
        if systemArea.mbr != nil {
            let code = Array(mbrSector.prefix(BootSetupSystemArea.bootCodeSize))
            if code.contains(where: { $0 != 0 }) { bootCode = code }
            let field = mbrSector.dropFirst(BootSetupSystemArea.bootCodeSize).prefix(8)
            let value = field.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            if let bios = entries.first(where: { $0.platform == .x86 }) {
                if value == UInt64(bios.loadLBA) * 4 + 4 {
                    address = .grub2
                } else if value & 0xFFFF_FFFF == UInt64(bios.loadLBA) * 4 {
                    // isohybrid writes a 32-bit address; the next bytes hold other fields.
                    address = .isohybrid
                }
            }
        }
        var apple = false
        if mbrSector.starts(with: Self.appleDriverSignature), reader.size >= 2048 + 2 {
            let map = try reader.read(at: 2048, count: 2, structure: "Apple partition map entry")
            apple = map.elementsEqual(Self.applePartitionSignature)
        }
        // Appended: outside the system area, clear of every tree extent (xorriso may place such a partition inside
        // the volume space, before the file data; isokit places it after the volume), and not zero filler (the
        // "Gap" partitions xorriso lays over its padding).
        func isAppended(_ range: Range<UInt64>) throws -> Bool {
            guard range.lowerBound >= HybridSystemArea.firstUsableLBA, !range.isEmpty,
                !treeRanges.contains(where: { $0.overlaps(range) })
            else { return false }
            let start = Int64(range.lowerBound) * 512
            guard start < reader.size else { return false }
            let count = Int(min(Int64(range.count) * 512, Int64(Self.fillerProbeBytes), reader.size - start))
            return try reader.read(at: start, count: count, structure: "appended partition").contains { $0 != 0 }
        }
        var appended: [AppendedPartition] = []
        for partition in systemArea.gpt?.partitions ?? []
        where try partition.lastLBA >= partition.firstLBA && isAppended(partition.firstLBA..<partition.lastLBA + 1) {
            let mbrSlot = systemArea.mbr?.partitions.first { UInt64($0.firstLBA) == partition.firstLBA }
            appended.append(AppendedPartition(
                table: .gpt, slot: partition.slot, firstSector: partition.firstLBA,
                sectorCount: partition.lastLBA - partition.firstLBA + 1, typeGUID: partition.typeGUID,
                name: partition.name, mbrType: mbrSlot?.type,
                bootEntry: entries.firstIndex { UInt64($0.loadLBA) * 4 == partition.firstLBA }))
        }
        if systemArea.gpt == nil {
            for partition in systemArea.mbr?.partitions ?? []
            where try isAppended(UInt64(partition.firstLBA)..<UInt64(partition.firstLBA) + UInt64(partition.sectorCount)) {
                appended.append(AppendedPartition(
                    table: .mbr, slot: partition.slot, firstSector: UInt64(partition.firstLBA),
                    sectorCount: UInt64(partition.sectorCount), typeGUID: nil, name: nil, mbrType: partition.type,
                    bootEntry: entries.firstIndex { UInt64($0.loadLBA) * 4 == UInt64(partition.firstLBA) }))
            }
        }
        for partition in appended {
            if let index = partition.bootEntry { entries[index].isAppended = true }
        }
        self.init(
            entries: entries, catalogLBA: catalogLBA, catalogPath: catalogLBA.flatMap { files[$0]?.path },
            volumeBlocks: volumeBlocks,
            systemArea: BootSetupSystemArea(
                mbrBootCode: bootCode, mbrBootImageAddress: address, mbr: systemArea.mbr, gpt: systemArea.gpt,
                appendedPartitions: appended, hasApplePartitionMap: apple))
    }

    /// How much of a partition outside the tree is read to tell data from zero filler: 64 KiB.
    static let fillerProbeBytes = 65536

    /// "ER": the driver descriptor map that starts an Apple-partitioned disk.
    static let appleDriverSignature: [UInt8] = [0x45, 0x52]
    /// "PM": an Apple partition map entry, here in the 2048-byte block 1.
    static let applePartitionSignature: [UInt8] = [0x50, 0x4D]

    /// The boot file length of a boot info table at `offset` that names the PVD at 16 and `lba`, if there is one.
    static func bootInfoTableLength(_ reader: ImageReader, at offset: Int64, lba: UInt32) throws -> Int64? {
        guard reader.size - offset >= Int64(BootInfoTable.checksumStart) else { return nil }
        let head = try reader.read(at: offset, count: BootInfoTable.checksumStart, structure: "boot info table")
        let table: BootInfoTable
        do {
            table = try BootInfoTable(bytes: head[BootInfoTable.offset...], at: offset + Int64(BootInfoTable.offset))
        } catch {
            throw ImageError(image: reader.path, underlying: ISO9660Error.decode(error))
        }
        guard table.pvdLBA == 16, table.bootFileLBA == lba, table.bootFileLength > 0 else { return nil }
        return Int64(table.bootFileLength)
    }

    /// The size a FAT boot sector at `offset` gives its file system, or `nil` if the bytes there are not one.
    static func fatImageBytes(_ reader: ImageReader, at offset: Int64) throws -> Int64? {
        guard reader.size - offset >= 512 else { return nil }
        let sector = try reader.read(at: offset, count: 512, structure: "FAT boot sector")
        // A probe: bytes that fail to decode as a boot sector only mean the size must come from elsewhere.
        guard let boot = try? FATBootSector(bytes: sector[...], at: offset) else { return nil }
        let sectors = boot.totalSectors16 != 0 ? Int64(boot.totalSectors16) : Int64(boot.totalSectors32)
        return sectors > 0 ? sectors * Int64(boot.bytesPerSector) : nil
    }

    /// Whether `head` (the first bytes of the image at `offset`) holds a boot info table for an image at `lba` of
    /// `bytes` bytes.
    static func hasBootInfoTable(
        _ head: [UInt8], lba: UInt32, bytes: Int64, at offset: Int64
    ) throws(DecodeError) -> Bool {
        guard head.count >= BootInfoTable.checksumStart else { return false }
        let table = try BootInfoTable(bytes: head[BootInfoTable.offset...], at: offset + Int64(BootInfoTable.offset))
        return table.pvdLBA == 16 && table.bootFileLBA == lba && Int64(table.bootFileLength) == bytes
    }

    /// Whether `head` (the first bytes of the image at `offset`) holds GRUB 2 boot info for an image at `lba`.
    static func hasGRUB2BootInfo(_ head: [UInt8], lba: UInt32, at offset: Int64) throws(DecodeError) -> Bool {
        guard head.count >= GRUB2BootInfo.minimumImageSize else { return false }
        let info = try GRUB2BootInfo(bytes: head[GRUB2BootInfo.offset...], at: offset + Int64(GRUB2BootInfo.offset))
        return info.bootImageLBA == lba
    }
}
