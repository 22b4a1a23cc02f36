import BinaryIO

/// Builds the ``InspectionReport`` of an image (the `isokit inspect` workflow).
public enum ImageInspector {
    /// Reads the descriptors, walks the tree once, decodes the El Torito catalog and the system area.
    /// - Parameters:
    ///   - path: The image; opened read-only.
    ///   - namespace: Which tree to count.
    /// - Throws: ``ImageError`` for damaged images.
    public static func inspect(path: String, namespace: Namespace = .auto) throws -> InspectionReport {
        let image = try ISOImage(path: path, namespace: namespace)
        let catalog = try image.bootRecord.map { record in
            try ImageError.wrap(image: path) {
                try ElToritoCatalog.read(from: image.reader, catalogLBA: record.bootCatalogLBA)
            }
        }
        let loadLBAs = Set(catalog?.bootImages.map(\.loadLBA) ?? [])
        var tree = TreeReport(files: 0, directories: 0, symlinks: 0, otherFiles: 0, fileBytes: 0)
        var filesAtLBA: [UInt32: ISOEntry] = [:]
        try image.walk(from: image.root()) { entry in
            switch entry.kind {
            case .regular:
                tree.files += 1
                tree.fileBytes += entry.size
                if let lba = entry.extents.first?.lba, loadLBAs.contains(lba), entry.size > 0 { filesAtLBA[lba] = entry }
            case .directory: tree.directories += 1
            case .symlink: tree.symlinks += 1
            default: tree.otherFiles += 1
            }
        }
        let boot = (catalog?.bootImages ?? []).enumerated().map { index, boot in
            BootEntryReport(
                position: boot.section.map { "section \($0 + 1)" } ?? "default", platform: boot.platform.description,
                media: boot.mediaType.description, bootable: boot.bootable, loadLBA: boot.loadLBA,
                loadSectors: boot.sectorCount, loadImage: filesAtLBA[boot.loadLBA]?.path,
                loadImageBytes: filesAtLBA[boot.loadLBA]?.size)
        }
        let partitions = try ImageError.wrap(image: path) { try SystemAreaReport.read(from: image.reader) }
        let pathTables = try ImageError.wrap(image: path) {
            let typeL = try PathTable.read(from: image.reader, descriptor: image.primary, bigEndian: false)
            let typeM = try PathTable.read(from: image.reader, descriptor: image.primary, bigEndian: true)
            return PathTableReport(directories: typeL.records.count, tablesAgree: typeL == typeM)
        }
        let primary = image.primary
        let volume = VolumeReport(
            systemID: primary.text(primary.systemIdentifier), volumeID: primary.text(primary.volumeIdentifier),
            volumeSetID: primary.text(primary.volumeSetIdentifier), publisher: primary.text(primary.publisherIdentifier),
            preparer: primary.text(primary.dataPreparerIdentifier),
            application: primary.text(primary.applicationIdentifier), created: primary.creationDate.iso8601,
            modified: primary.modificationDate.iso8601, expires: primary.expirationDate.iso8601,
            effective: primary.effectiveDate.iso8601, blocks: primary.volumeSpaceSize,
            blockSize: primary.logicalBlockSize,
            bytes: Int64(primary.volumeSpaceSize) * Int64(primary.logicalBlockSize))
        let namespaces = NamespaceReport(
            rockRidge: image.hasRockRidge, rockRidgeID: image.rockRidgeIdentifier, joliet: image.joliet != nil,
            jolietVolumeID: image.joliet.map { $0.text($0.volumeIdentifier) }, used: image.namespace.rawValue)
        return InspectionReport(
            image: path, fileBytes: image.reader.size, volume: volume,
            descriptors: image.descriptorTypes.map(\.name), namespaces: namespaces, tree: tree, pathTables: pathTables,
            boot: boot,
            partitions: partitions)
    }
}

extension VolumeDescriptorType {
    /// `primary`, `supplementary`, `boot`, `partition`, `terminator` or `type N`.
    public var name: String {
        switch self {
        case .bootRecord: "boot"
        case .primary: "primary"
        case .supplementary: "supplementary"
        case .partition: "partition"
        case .terminator: "terminator"
        default: "type \(rawValue)"
        }
    }
}
