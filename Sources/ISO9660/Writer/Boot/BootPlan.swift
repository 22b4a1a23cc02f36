import BinaryIO
import DiskFormats
import SystemPackage

/// The boot parts of an image, decided after the layout: El Torito entries pointing at boot files in the tree (or
/// at an appended EFI partition), boot info patches, and the hybrid MBR/GPT with its backup at the end.
struct BootPlan: Sendable {
    /// One El Torito entry resolved against the tree.
    struct Entry: Sendable {
        var options: BootImageOptions
        /// The boot file's node in the tree.
        var node: Int
        /// Where the firmware loads from: the file's data, or the appended partition.
        var loadLBA: UInt32
        var bytes: Int64
    }

    var entries: [Entry]
    /// The EFI image appended after the ISO data, as a host path and its first block.
    var appendedPartition: (hostPath: String, lba: UInt32, bytes: Int64)?
    /// The image size before the hybrid tail: ISO data and any appended partition.
    var imageBytes: Int64
    /// The hybrid system area and tail, when `hybrid` is set.
    var hybrid: (systemArea: [UInt8], tail: [UInt8])?

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
        for boot in options.bootImages {
            let path = boot.path.hasPrefix("/") ? boot.path : "/" + boot.path
            guard let node = layout.tree.nodes.firstIndex(where: { $0.path == path }) else {
                throw ISO9660Error.unrepresentable(path: boot.path, reason: "boot image not found in the tree")
            }
            let source = layout.tree.nodes[node].source
            guard source.kind == .regular, source.size > 0 else {
                throw ISO9660Error.unrepresentable(path: boot.path, reason: "boot image is not a non-empty regular file")
            }
            var entry = Entry(options: boot, node: node, loadLBA: layout.tree.nodes[node].lba, bytes: source.size)
            if boot.firmware == .efi, options.appendEFIPartition, appendedPartition == nil {
                entry.loadLBA = UInt32(imageBytes / 2048)
                appendedPartition = (source.hostPath, entry.loadLBA, source.size)
                imageBytes += (source.size + 2047) / 2048 * 2048
            }
            if boot.bootInfoTable, source.size < Int64(BootInfoTable.checksumStart) {
                throw ISO9660Error.unrepresentable(
                    path: boot.path, reason: "a boot info table needs a boot image of at least \(BootInfoTable.checksumStart) bytes")
            }
            if boot.grub2BootInfo, source.size < Int64(GRUB2BootInfo.minimumImageSize) {
                throw ISO9660Error.unrepresentable(
                    path: boot.path, reason: "GRUB 2 boot info needs a boot image of at least \(GRUB2BootInfo.minimumImageSize) bytes")
            }
            entries.append(entry)
        }
        guard options.hybrid else { return }
        let esp = entries.first { $0.options.firmware == .efi }.map {
            (lba2048: $0.loadLBA, blocks2048: UInt32(($0.bytes + 2047) / 2048))
        }
        let bootCode = try options.mbrBootCode.map { path in
            let reader = try ImageReader(path: path)
            guard reader.size >= 440, reader.size <= 512 else {
                throw ISO9660Error.unrepresentable(path: path, reason: "MBR boot code must be 440 to 512 bytes, not \(reader.size)")
            }
            return try reader.read(at: 0, count: Int(reader.size), structure: "MBR boot code")
        }
        let biosLBA = bootCode == nil ? nil : entries.first { $0.options.firmware == .bios }?.loadLBA
        let seed = Array("\(options.volumeID)/\(layout.volumeBlocks)/\(options.sourceDateEpoch ?? creationTime)".utf8)
        hybrid = try HybridSystemArea.build(
            imageBytes: UInt64(imageBytes), espPartition: esp, bootCode: bootCode, elToritoBootImageLBA: biosLBA,
            diskGUIDSeed: seed, scheme: options.partitionScheme)
    }

    /// The El Torito catalog for these entries; the first is the default entry.
    var catalog: ElToritoCatalog {
        ElToritoCatalog.build(entries: entries.map { entry in
            let platform: PlatformID = entry.options.firmware == .bios ? .x86 : .efi
            let sectors = entry.options.loadSectors
                ?? (entry.options.firmware == .bios ? 4 : ElToritoBootEntry.sectorCount(forImageBytes: UInt64(entry.bytes)))
            return ElToritoBootImageSpec(platform: platform, loadLBA: entry.loadLBA, sectorCount: sectors)
        })
    }

    /// Writes the catalog, patches boot images, appends the EFI partition and writes the partition tables.
    /// File data must already be in place.
    func writeBootStructures(layout: ISOLayout, output: FileDescriptor, path: String) throws {
        if let catalogLBA = layout.catalogLBA {
            try FileCopier.write(catalog.encode(), to: output, at: Int64(catalogLBA) * 2048, path: path)
        }
        for entry in entries where entry.options.firmware == .bios {
            try patchBootInfo(entry, output: output, path: path)
        }
        if let appended = appendedPartition {
            let source = try IOError.wrap("open", path: appended.hostPath) {
                try FileDescriptor.open(FilePath(appended.hostPath), .readOnly, options: [.closeOnExec])
            }
            defer { try? source.close() }
            try FileCopier.copySparse(
                from: source, at: 0, path: appended.hostPath, to: output, at: Int64(appended.lba) * 2048, path: path,
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
