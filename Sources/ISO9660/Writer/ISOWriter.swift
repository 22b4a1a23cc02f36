import BinaryIO
import CIsokitLinux
import SystemPackage

/// Streams a planned ``ISOLayout`` into a file: metadata blocks first, then each file's data exactly once, copied
/// from its host file with `copy_file_range`.
struct ISOWriter {
    let layout: ISOLayout
    let boot: BootPlan?
    let output: FileDescriptor
    let outputPath: String
    let creationTime: Int64
    let progress: ProgressCounter
    /// Contents of files made in code (no host path), by image path.
    let generatedFiles: [String: [UInt8]]

    /// Writes the whole image; returns its size in bytes.
    func write() throws -> Int64 {
        let totalBytes = Int64(layout.volumeBlocks) * 2048 + (boot?.trailingBytes ?? 0)
        try IOError.wrap("truncate", path: outputPath) { try output.resize(to: totalBytes) }
        try writeDescriptors()
        try writePathTables()
        for index in layout.isoDirectoryOrder {
            let node = layout.tree.nodes[index]
            try put(DirectoryEncoder.encode(
                layout.isoDrafts(index), size: node.directorySize, at: node.lba,
                continuationBlocks: node.continuationBlocks), at: node.lba)
        }
        for index in layout.jolietDirectoryOrder {
            let node = layout.tree.nodes[index]
            try put(DirectoryEncoder.encode(
                layout.tree.jolietRecords(of: index), size: node.jolietDirectorySize, at: node.jolietLBA,
                continuationBlocks: 0), at: node.jolietLBA)
        }
        try writeFileData()
        if let boot {
            try boot.writeBootStructures(layout: layout, output: output, path: outputPath)
        }
        return totalBytes
    }

    private func put(_ bytes: [UInt8], at lba: UInt32) throws {
        guard !bytes.isEmpty else { return }
        try FileCopier.write(bytes, to: output, at: Int64(lba) * 2048, path: outputPath)
    }

    private func writeDescriptors() throws {
        let options = layout.options
        let root = layout.tree.nodes[0]
        var primary = descriptor(.primary, rootLBA: root.lba, rootSize: root.directorySize, pathTables: layout.pathTables)
        primary.volumeIdentifier = Array(options.volumeID.utf8.prefix(32))
        try put(primary.encode(), at: 16)
        if let lba = layout.jolietDescriptorLBA {
            var joliet = descriptor(
                .supplementary, rootLBA: root.jolietLBA, rootSize: root.jolietDirectorySize,
                pathTables: layout.jolietPathTables, escapeSequences: [0x25, 0x2F, 0x45])
            joliet.volumeIdentifier = joliet.field(String(options.volumeID.prefix(16)), width: 32)
            try put(joliet.encode(), at: lba)
        }
        if let lba = layout.bootRecordLBA, let catalog = layout.catalogLBA {
            try put(BootRecordVolumeDescriptor(bootCatalogLBA: catalog).encode(), at: lba)
        }
        try put(VolumeDescriptorType.terminatorSector(), at: layout.terminatorLBA)
    }

    /// A primary or Joliet descriptor with the fields both share: root record, sizes, path tables, ids and dates.
    private func descriptor(
        _ type: VolumeDescriptorType, rootLBA: UInt32, rootSize: UInt32, pathTables: ISOLayout.PathTables,
        escapeSequences: [UInt8] = []
    ) -> VolumeDescriptor {
        let options = layout.options
        var descriptor = VolumeDescriptor(
            type: type,
            rootDirectoryRecord: DirectoryRecord(
                extentLBA: rootLBA, dataLength: rootSize,
                recordingDate: RecordingDate(unixTime: layout.tree.nodes[0].source.modificationTime),
                flags: .directory, identifier: [0]))
        descriptor.escapeSequences = escapeSequences + [UInt8](repeating: 0, count: 32 - escapeSequences.count)
        descriptor.volumeSpaceSize = layout.volumeBlocks
        descriptor.pathTableSize = UInt32(pathTables.size)
        descriptor.typeLPathTableLBA = pathTables.typeL
        descriptor.typeMPathTableLBA = pathTables.typeM
        descriptor.systemIdentifier = descriptor.field(options.system, width: 32)
        descriptor.publisherIdentifier = descriptor.field(options.publisher, width: 128)
        descriptor.dataPreparerIdentifier = descriptor.field(options.preparer, width: 128)
        descriptor.applicationIdentifier = descriptor.field(options.application, width: 128)
        descriptor.copyrightFileIdentifier = descriptor.field("", width: 37)
        descriptor.abstractFileIdentifier = descriptor.field("", width: 37)
        descriptor.bibliographicFileIdentifier = descriptor.field("", width: 37)
        descriptor.volumeSetIdentifier = descriptor.field("", width: 128)
        let date = VolumeDate(unixTime: creationTime)
        descriptor.creationDate = date
        descriptor.modificationDate = date
        descriptor.effectiveDate = date
        return descriptor
    }

    private func writePathTables() throws {
        let tree = layout.tree
        let iso = PathTableEncoder.encode(
            order: layout.isoDirectoryOrder, identifier: layout.identifier(ofDirectory:),
            lba: { tree.nodes[$0].lba }, parent: { tree.nodes[$0].parent })
        try put(iso.typeL, at: layout.pathTables.typeL)
        try put(iso.typeM, at: layout.pathTables.typeM)
        guard layout.options.joliet else { return }
        let joliet = PathTableEncoder.encode(
            order: layout.jolietDirectoryOrder, identifier: { $0 == 0 ? [0] : tree.nodes[$0].jolietIdentifier },
            lba: { tree.nodes[$0].jolietLBA }, parent: { tree.nodes[$0].originalParent })
        try put(joliet.typeL, at: layout.jolietPathTables.typeL)
        try put(joliet.typeM, at: layout.jolietPathTables.typeM)
    }

    /// Dirty data past this many bytes is handed to the kernel for writeback while copying goes on, so the final
    /// fsync has little left to wait for.
    static let writebackInterval: Int64 = 32 << 20

    private func writeFileData() throws {
        var writtenBack: Int64 = 0
        var batch = SmallFileBatch(output: output, outputPath: outputPath)
        defer { batch.close() }
        for index in layout.dataNodes {
            let source = layout.tree.nodes[index].source
            let offset = Int64(layout.tree.nodes[index].lba) * 2048
            if offset - writtenBack >= Self.writebackInterval {
                try batch.flush()
                // Only a hint to start writeback early; the fsync at the end reports any real failure.
                _ = isokit_start_writeback(output.rawValue, writtenBack, offset - writtenBack)
                writtenBack = offset
            }
            if source.hostPath.isEmpty, let content = generatedFiles[layout.tree.nodes[index].path] {
                try batch.flush()
                try FileCopier.write(content, to: output, at: offset, path: outputPath)
            } else if source.size <= SmallFileBatch.fileLimit {
                try batch.add(hostPath: source.hostPath, hostOffset: source.hostOffset, size: source.size, at: offset)
            } else {
                try batch.flush()
                let file = try IOError.wrap("open", path: source.hostPath) {
                    try FileDescriptor.open(FilePath(source.hostPath), .readOnly, options: [.closeOnExec])
                }
                defer { try? file.close() }
                try FileCopier.copySparse(
                    from: file, at: source.hostOffset, path: source.hostPath, to: output, at: offset, path: outputPath,
                    count: source.size)
            }
            progress.advance(bytes: source.size, files: 1)
        }
        try batch.flush()
    }
}
