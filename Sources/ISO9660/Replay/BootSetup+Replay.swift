import BinaryIO
import DiskFormats

extension BootSetup {
    /// The largest boot image ``writerOptions(reading:base:)`` reads into memory: 256 MiB.
    public static let maximumExtractedBytes = 256 << 20

    /// Writer options that give a rewritten tree this boot setup again.
    ///
    /// Entries whose image is a file of the tree name that file (its copy in the new tree is patched again for a
    /// boot info table or GRUB 2 boot info); the others are read from `image` as bytes and written outside the new
    /// tree. The catalog's own file (``catalogPath``) is excluded from the tree, as the writer places a new catalog.
    /// A GPT gives a protective MBR and a GPT, an MBR with partitions an MBR-only layout; the writer lays the
    /// partitions out itself (ISO data, the ESP), so a partition of another kind lands in
    /// ``BootReplay/notReplayed``.
    ///
    /// - Parameters:
    ///   - image: The image this setup was captured from.
    ///   - base: Options for everything else (names, namespaces, dates); their boot fields are replaced.
    /// - Returns: The options and what could not be carried over.
    /// - Throws: ``ISO9660Error/limitExceeded(what:path:limit:)`` for a boot image larger than
    ///   ``maximumExtractedBytes``; ``ImageError`` wrapping ``IOError`` if reading fails.
    public func writerOptions(reading image: ISOImage, base: ISOWriterOptions = ISOWriterOptions()) throws -> BootReplay {
        try writerOptions(base: base) { index, entry in
            guard entry.imageBytes <= Int64(Self.maximumExtractedBytes) else {
                throw ImageError(image: image.path, underlying: ISO9660Error.limitExceeded(
                    what: "bytes in El Torito boot image \(index + 1)", path: "El Torito entry \(index + 1)",
                    limit: Self.maximumExtractedBytes))
            }
            return try ImageError.wrap(image: image.path) {
                try image.reader.read(
                    at: Int64(entry.loadLBA) * 2048, count: Int(entry.imageBytes), structure: "El Torito boot image")
            }
        }
    }

    /// Writer options that give a rewritten tree this boot setup again, taking the boot images that are not files
    /// of the tree from `bootImage` instead of the original image (`isokit repack` reads them from files saved by
    /// `isokit unpack`). Otherwise as ``writerOptions(reading:base:)``.
    /// - Parameters:
    ///   - base: Options for everything else; their boot fields are replaced.
    ///   - bootImage: The bytes of entry `index` (whose ``BootSetupEntry/treePath`` is `nil`).
    /// - Returns: The options and what could not be carried over.
    /// - Throws: What `bootImage` throws.
    public func writerOptions(
        base: ISOWriterOptions = ISOWriterOptions(), bootImage: (_ index: Int, _ entry: BootSetupEntry) throws -> [UInt8]
    ) throws -> BootReplay {
        var options = base
        options.bootImages = []
        var extracted: [Int] = []
        var notes: [String] = []
        for (index, entry) in entries.enumerated() {
            let firmware: BootImageOptions.Firmware = entry.platform == .efi ? .efi : .bios
            // An EFI entry that covers its whole image follows the image's size if it changes.
            let wholeImage = ElToritoBootEntry.sectorCount(forImageBytes: UInt64(max(0, entry.imageBytes)))
            var boot = BootImageOptions(
                firmware: firmware, path: entry.treePath ?? "El Torito entry \(index + 1)",
                loadSectors: firmware == .efi && entry.sectorCount == wholeImage ? nil : entry.sectorCount,
                bootInfoTable: entry.bootInfoTable, grub2BootInfo: entry.grub2BootInfo)
            boot.platform = entry.platform
            boot.mediaType = entry.mediaType
            boot.loadSegment = entry.loadSegment
            boot.systemType = entry.systemType
            boot.bootable = entry.bootable
            boot.selectionCriteria = entry.selectionCriteria
            if entry.treePath == nil {
                boot.contents = try bootImage(index, entry)
                extracted.append(index)
            }
            if firmware == .bios, entry.platform != .x86, entry.bootInfoTable || entry.grub2BootInfo {
                notes.append("entry \(index + 1) (\(entry.platform)) gets its boot info patched like a BIOS image")
            }
            options.bootImages.append(boot)
        }
        // The writer starts a section wherever the platform changes (as xorriso does); say so if the input differs.
        var section: Int?
        for (index, entry) in entries.enumerated() where index > 0 {
            if index == 1 || entry.platform != entries[index - 1].platform { section = (section ?? -1) + 1 }
            if entry.section != section {
                notes.append("the catalog's sections are regrouped by platform (entry \(index + 1))")
                break
            }
        }
        if let catalogPath {
            options.excludes.append(String(catalogPath.drop { $0 == "/" }))
        }
        replaySystemArea(into: &options, notes: &notes)
        return BootReplay(options: options, extractedEntries: extracted, notReplayed: notes)
    }

    /// Sets the hybrid layout, the MBR boot code and the appended partition; notes what the writer cannot repeat.
    private func replaySystemArea(into options: inout ISOWriterOptions, notes: inout [String]) {
        let area = systemArea
        options.mbrBootCodeBytes = area.mbrBootCode
        options.mbrBootImageAddress = area.mbrBootImageAddress
        options.mbrBootCode = nil
        options.appendEFIPartition = false
        options.appendedPartitionType = nil
        options.appendedPartitionName = nil
        if area.gpt != nil {
            options.hybrid = true
            options.partitionScheme = .gpt
        } else if let mbr = area.mbr, !mbr.partitions.isEmpty {
            options.hybrid = true
            options.partitionScheme = .mbr
        } else {
            options.hybrid = area.mbrBootCode != nil
            options.partitionScheme = .gpt
            if options.hybrid { notes.append("the MBR has boot code but no partitions; the rewrite adds a GPT") }
        }
        if area.hasApplePartitionMap {
            notes.append("the Apple partition map (and any HFS+ hybrid) is not written again")
        }
        let firstEFI = entries.firstIndex { $0.platform == .efi }
        for partition in area.appendedPartitions {
            if let entry = partition.bootEntry, entry == firstEFI {
                options.appendEFIPartition = true
                options.appendedPartitionType = partition.typeGUID
                options.appendedPartitionName = partition.name
            } else {
                notes.append(
                    "appended \(partition.table.rawValue.uppercased()) partition \(partition.slot)"
                        + " (\(partition.name ?? partition.mbrType.map { "type 0x\(String($0, radix: 16))" } ?? "?"))"
                        + " is not the first EFI boot image and is left out")
            }
        }
        let images = Set(entries.map { UInt64($0.loadLBA) * 4 })
        let appendedSlots = Set(area.appendedPartitions.filter { $0.table == .gpt }.map(\.slot))
        for partition in area.gpt?.partitions ?? [] where !appendedSlots.contains(partition.slot) {
            let known = partition.typeGUID == .basicData
                || (partition.typeGUID == .efiSystemPartition && images.contains(partition.firstLBA))
            if !known {
                notes.append(
                    "GPT partition \(partition.slot) \"\(partition.name)\""
                        + " (\(partition.typeName ?? partition.typeGUID.string))"
                        + " is laid out anew as ISO data")
            }
        }
        if area.gpt == nil, let mbr = area.mbr {
            let known: Set<UInt8> = [MBRPartitionType.iso9660.rawValue, MBRPartitionType.efiSystem.rawValue]
            let appendedMBRSlots = Set(area.appendedPartitions.filter { $0.table == .mbr }.map(\.slot))
            for partition in mbr.partitions
            where !appendedMBRSlots.contains(partition.slot) && !known.contains(partition.type) {
                notes.append(
                    "MBR partition \(partition.slot) of type 0x\(String(partition.type, radix: 16)) becomes an ISO 9660"
                        + " (0xcd) partition")
            }
        }
    }
}
