import BinaryIO

extension SourceTree {
    /// The tree of an existing image, whose regular files point at their data inside it: each has the image as
    /// ``SourceNode/hostPath`` and its extent's byte offset as ``SourceNode/hostOffset``, so writing a new image copies
    /// the data straight from the old one (with `copy_file_range`) instead of extracting it first.
    ///
    /// Names, kinds, modes, owners, times, symbolic link targets and device numbers come from the image's chosen
    /// namespace (Rock Ridge where present; otherwise root-owned, modes 0555/0444). Files with more than one Rock
    /// Ridge link that share a data extent stay hard links.
    /// - Parameter image: The image to read; it must stay unchanged while a writer uses the tree.
    /// - Throws: ``ImageError`` for damaged directories or a directory loop; ``ISO9660Error/unrepresentable(path:reason:)``
    ///   for a file whose data is split over extents that do not follow each other (it can't be copied as one run).
    public init(image: ISOImage) throws {
        var seen: Set<UInt32> = []
        self.init(root: try Self.node(for: image.root(), in: image, seen: &seen))
    }

    private static func node(for entry: ISOEntry, in image: ISOImage, seen: inout Set<UInt32>) throws -> SourceNode {
        var node = SourceNode(
            name: entry.name, hostPath: entry.kind == .regular ? image.path : "", kind: kind(of: entry), mode: entry.mode,
            uid: entry.uid ?? 0, gid: entry.gid ?? 0, size: entry.kind == .regular ? entry.size : 0,
            modificationTime: entry.modificationTime ?? 0, accessTime: entry.accessTime ?? entry.modificationTime ?? 0,
            changeTime: entry.changeTime ?? entry.modificationTime ?? 0)
        switch entry.kind {
        case .directory:
            let extent = entry.extents.first?.lba ?? 0
            guard seen.insert(extent).inserted else {
                throw ImageError(image: image.path, underlying: ISO9660Error.directoryLoop(path: entry.path, extent: extent))
            }
            node.children = try image.list(entry).map { try Self.node(for: $0, in: image, seen: &seen) }
                .sorted(by: SourceNode.nameOrder)
        case .regular:
            node.hostOffset = try dataOffset(of: entry)
            if (entry.links ?? 1) > 1, entry.size > 0 {
                node.hardLinkKey = HardLinkKey(device: UInt64(UInt32.max), inode: UInt64(node.hostOffset / 2048))
            }
        default:
            break
        }
        return node
    }

    /// The byte offset of a regular file's data, which must be one run of blocks.
    private static func dataOffset(of entry: ISOEntry) throws -> Int64 {
        guard let first = entry.extents.first else { return 0 }
        var next = first.byteOffset
        for extent in entry.extents {
            guard extent.length == 0 || extent.byteOffset == next else {
                throw ISO9660Error.unrepresentable(
                    path: entry.path, reason: "its data is split over extents that do not follow each other")
            }
            next = extent.byteOffset + Int64(extent.length)
        }
        return first.byteOffset
    }

    private static func kind(of entry: ISOEntry) -> SourceKind {
        switch entry.kind {
        case .regular: .regular
        case .directory: .directory
        case .symlink: .symlink(target: entry.symlinkTarget ?? "")
        case .characterDevice: .characterDevice(major: entry.device?.major ?? 0, minor: entry.device?.minor ?? 0)
        case .blockDevice: .blockDevice(major: entry.device?.major ?? 0, minor: entry.device?.minor ?? 0)
        case .fifo: .fifo
        case .socket: .socket
        }
    }
}
