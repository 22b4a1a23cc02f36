import BinaryIO
import DiskFormats
import SystemPackage

/// The boot parts of an image, decided after the layout: El Torito entries pointing at boot files in the tree (or
/// at an appended EFI partition), boot info patches, and the hybrid MBR/GPT with its backup at the end.
struct BootPlan: Sendable {
    /// One El Torito entry resolved against the tree.
    struct Entry: Sendable {
        var options: BootImageOptions
        /// Where the firmware loads from: the file's data, the image given as bytes, or the appended partition.
        var loadLBA: UInt32
        var bytes: Int64
    }

    var entries: [Entry]
    /// The EFI image appended after the ISO data, as a host path (and the offset of its data there) or bytes, and
    /// its first block.
    var appendedPartition: (hostPath: String, hostOffset: Int64, contents: [UInt8]?, lba: UInt32, bytes: Int64)?
    /// The image size before the hybrid tail: ISO data and any appended partition.
    var imageBytes: Int64
    /// The hybrid system area and tail, when `hybrid` is set.
    var hybrid: (systemArea: [UInt8], tail: [UInt8])?

    /// The shortest MBR boot code given as bytes: the code before the address field at `0x1B0`.
    static let minimumBootCodeBytes = 432

    /// Bytes of the ISO 9660 volume itself.
    private var volumeBytes: Int64

    /// Bytes written after the ISO 9660 volume: the appended partition and the hybrid tail.
    var trailingBytes: Int64 { imageBytes - volumeBytes + Int64(hybrid?.tail.count ?? 0) }

    /// Resolves boot paths, plans the catalog and, for hybrid images, the partition tables.
    /// - Throws: ``ISO9660Error/unrepresentable(path:reason:)`` for a boot path that is missing, not a regular file or
    ///   empty; ``DiskFormatsError`` for an impossible partition layout; ``IOError`` reading the MBR code.
    init(layout: ISOLayout, creationTime: Int64) throws {
        let options = layout.options
        volumeBytes = Int64(layout.volumeBlocks) * 2048
        imageBytes = volumeBytes
        entries = []
        for (index, boot) in options.bootImages.enumerated() {
            var entry: Entry
            var hostPath = ""
            var hostOffset: Int64 = 0
            if let contents = boot.contents {
                guard !contents.isEmpty else {
                    throw ISO9660Error.unrepresentable(path: boot.path, reason: "boot image given as bytes is empty")
                }
                entry = Entry(options: boot, loadLBA: layout.bootImageLBAs[index] ?? 0, bytes: Int64(contents.count))
            } else {
                let path = boot.path.hasPrefix("/") ? boot.path : "/" + boot.path
                guard let node = layout.tree.nodes.firstIndex(where: { $0.path == path }) else {
                    throw ISO9660Error.unrepresentable(path: boot.path, reason: "boot image not found in the tree")
                }
                let source = layout.tree.nodes[node].source
                guard source.kind == .regular, source.size > 0 else {
                    throw ISO9660Error.unrepresentable(path: boot.path, reason: "boot image is not a non-empty regular file")
                }
                entry = Entry(options: boot, loadLBA: layout.tree.nodes[node].lba, bytes: source.size)
                hostPath = source.hostPath
                hostOffset = source.hostOffset
            }
            if index == options.appendedBootImage {
                entry.loadLBA = UInt32(imageBytes / 2048)
                appendedPartition = (hostPath, hostOffset, boot.contents, entry.loadLBA, entry.bytes)
                imageBytes += (entry.bytes + 2047) / 2048 * 2048
            }
            if boot.bootInfoTable, entry.bytes < Int64(BootInfoTable.checksumStart) {
                throw ISO9660Error.unrepresentable(
                    path: boot.path, reason: "a boot info table needs a boot image of at least \(BootInfoTable.checksumStart) bytes")
            }
            if boot.grub2BootInfo, entry.bytes < Int64(GRUB2BootInfo.minimumImageSize) {
                throw ISO9660Error.unrepresentable(
                    path: boot.path, reason: "GRUB 2 boot info needs a boot image of at least \(GRUB2BootInfo.minimumImageSize) bytes")
            }
            entries.append(entry)
        }
        guard options.hybrid else { return }
        let esp = entries.first { $0.options.firmware == .efi }.map {
            (lba2048: $0.loadLBA, blocks2048: UInt32(($0.bytes + 2047) / 2048))
        }
        let bootCode = try options.mbrBootCodeBytes.map { bytes in
            guard (Self.minimumBootCodeBytes...MasterBootRecord.size).contains(bytes.count) else {
                throw ISO9660Error.unrepresentable(
                    path: "MBR boot code", reason: "must be 432 to 512 bytes, not \(bytes.count)")
            }
            // The bytes past 432 are the address field, patched below, and the disk signature.
            return bytes + Array(repeating: 0, count: max(0, MasterBootRecord.bootCodeSize - bytes.count))
        } ?? options.mbrBootCode.map { path in
            let reader = try ImageReader(path: path)
            guard reader.size >= 440, reader.size <= 512 else {
                throw ISO9660Error.unrepresentable(path: path, reason: "MBR boot code must be 440 to 512 bytes, not \(reader.size)")
            }
            return try reader.read(at: 0, count: Int(reader.size), structure: "MBR boot code")
        }
        let biosLBA: UInt32? = bootCode == nil ? nil : entries.first { $0.options.firmware == .bios }.flatMap { entry in
            switch options.mbrBootImageAddress {
            case .none: nil
            case .grub2: entry.loadLBA
            // HybridSystemArea writes LBA × 4 + 4; isohybrid's LBA × 4 is that of the block before (boot images
            // follow the volume descriptors, so there is one).
            case .isohybrid: entry.loadLBA == 0 ? nil : entry.loadLBA - 1
            }
        }
        let seed = Array("\(options.volumeID)/\(layout.volumeBlocks)/\(options.sourceDateEpoch ?? creationTime)".utf8)
        var area = try HybridSystemArea(
            imageBytes: UInt64(imageBytes), espPartition: esp, bootCode: bootCode, elToritoBootImageLBA: biosLBA,
            diskGUIDSeed: seed, scheme: options.partitionScheme)
        if appendedPartition != nil, var gpt = area.gpt,
            let slot = gpt.entries.firstIndex(where: { $0.typeGUID == .efiSystemPartition })
        {
            let esp = gpt.entries[slot]
            gpt.entries[slot] = GPTPartitionEntry(
                typeGUID: options.appendedPartitionType ?? esp.typeGUID, uniqueGUID: esp.uniqueGUID,
                firstLBA: esp.firstLBA, lastLBA: esp.lastLBA, attributes: esp.attributes,
                name: options.appendedPartitionName ?? esp.name)
            area.gpt = gpt
        }
        hybrid = area.encode()
    }

    /// The El Torito catalog for these entries; the first is the default entry.
    var catalog: ElToritoCatalog {
        var catalog = ElToritoCatalog.build(entries: entries.map { entry in
            let boot = entry.options
            let platform: PlatformID = boot.platform ?? (boot.firmware == .bios ? .x86 : .efi)
            let sectors = boot.loadSectors
                ?? (boot.firmware == .bios ? 4 : ElToritoBootEntry.sectorCount(forImageBytes: UInt64(entry.bytes)))
            return ElToritoBootImageSpec(
                platform: platform, mediaType: boot.mediaType, loadLBA: entry.loadLBA, sectorCount: sectors,
                loadSegment: boot.loadSegment, systemType: boot.systemType, bootable: boot.bootable)
        })
        // Selection criteria (bytes 12–31) in catalog order: the default entry, then each section's entries.
        var criteria = entries.map(\.options.selectionCriteria)[...]
        if let bytes = criteria.popFirst() ?? nil { catalog.defaultEntry.selectionCriteria = Self.criteria(bytes) }
        for section in catalog.sections.indices {
            for index in catalog.sections[section].entries.indices {
                if let bytes = criteria.popFirst() ?? nil {
                    catalog.sections[section].entries[index].selectionCriteria = Self.criteria(bytes)
                }
            }
        }
        return catalog
    }

    /// Selection criteria cut or zero-padded to the field's 20 bytes.
    private static func criteria(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.prefix(20)) + Array(repeating: 0, count: max(0, 20 - bytes.count))
    }

    /// Writes the catalog, patches boot images, appends the EFI partition and writes the partition tables.
    /// File data must already be in place.
    func writeBootStructures(layout: ISOLayout, output: FileDescriptor, path: String) throws {
        if let catalogLBA = layout.catalogLBA {
            try FileCopier.write(catalog.encode(), to: output, at: Int64(catalogLBA) * 2048, path: path)
        }
        for entry in entries where entry.loadLBA != appendedPartition?.lba {
            guard let contents = entry.options.contents else { continue }
            try FileCopier.write(contents, to: output, at: Int64(entry.loadLBA) * 2048, path: path)
        }
        for entry in entries where entry.options.firmware == .bios {
            try patchBootInfo(entry, output: output, path: path)
        }
        if let appended = appendedPartition, let contents = appended.contents {
            try FileCopier.write(contents, to: output, at: Int64(appended.lba) * 2048, path: path)
        } else if let appended = appendedPartition {
            let source = try IOError.wrap("open", path: appended.hostPath) {
                try FileDescriptor.open(FilePath(appended.hostPath), .readOnly, options: [.closeOnExec])
            }
            defer { try? source.close() }
            try FileCopier.copySparse(
                from: source, at: appended.hostOffset, path: appended.hostPath, to: output,
                at: Int64(appended.lba) * 2048, path: path,
                count: appended.bytes)
        }
        if let hybrid {
            try FileCopier.write(hybrid.systemArea, to: output, at: 0, path: path)
            try FileCopier.write(hybrid.tail, to: output, at: imageBytes, path: path)
        }
    }

    /// Patches GRUB 2 boot info, then the boot info table (whose checksum covers the GRUB 2 field), into the copy
    /// of a BIOS boot image inside the output.
    private func patchBootInfo(_ entry: Entry, output: FileDescriptor, path: String) throws {
        guard entry.options.bootInfoTable || entry.options.grub2BootInfo else { return }
        let start = Int64(entry.loadLBA) * 2048
        let headCount = Int(min(entry.bytes, 65536))
        var head = try readOutput(output, at: start, count: headCount, path: path)
        if entry.options.grub2BootInfo { GRUB2BootInfo(bootImageLBA: entry.loadLBA).patch(&head) }
        if entry.options.bootInfoTable {
            var checksum = BootInfoTable.Checksum()
            checksum.update(head)
            var offset = Int64(headCount)
            while offset < entry.bytes {
                let count = Int(min(Int64(FileCopier.chunkSize), entry.bytes - offset))
                checksum.update(try readOutput(output, at: start + offset, count: count, path: path))
                offset += Int64(count)
            }
            BootInfoTable(
                bootFileLBA: entry.loadLBA, bootFileLength: UInt32(clamping: entry.bytes), checksum: checksum.value
            ).patch(&head)
        }
        try FileCopier.write(head, to: output, at: start, path: path)
    }

    private func readOutput(_ output: FileDescriptor, at offset: Int64, count: Int, path: String) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let got = try IOError.wrap("read back", path: path) {
            try buffer.withUnsafeMutableBytes { try output.read(fromAbsoluteOffset: offset, into: $0) }
        }
        guard got == count else {
            throw DecodeError.truncated(structure: "boot image copy", offset: offset, needed: count, available: got)
        }
        return buffer
    }
}
