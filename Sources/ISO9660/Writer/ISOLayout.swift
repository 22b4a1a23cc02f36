/// The planned image: every block decided before a byte is written (system area, descriptors, path tables, boot
/// catalog, directories, continuation areas, file data).
struct ISOLayout: Sendable {
    var tree: WriterTree
    let options: ISOWriterOptions
    /// LBA of the El Torito boot record descriptor, if booting.
    var bootRecordLBA: UInt32?
    /// LBA of the Joliet supplementary descriptor, if Joliet.
    var jolietDescriptorLBA: UInt32?
    var terminatorLBA: UInt32 = 0
    var pathTables = PathTables()
    var jolietPathTables = PathTables()
    /// LBA of the El Torito boot catalog, if booting.
    var catalogLBA: UInt32?
    var isoDirectoryOrder: [Int] = []
    var jolietDirectoryOrder: [Int] = []
    /// Nodes whose data is written, in ascending LBA order (hard links appear once).
    var dataNodes: [Int] = []
    /// Blocks of the ISO 9660 volume (§8.4.8).
    var volumeBlocks: UInt32 = 0
    /// Where boot images given as bytes (``BootImageOptions/contents``) go, by index in `options.bootImages`; the
    /// appended EFI image is placed by ``BootPlan`` instead.
    var bootImageLBAs: [Int: UInt32] = [:]
    /// The SUSP entries only the root's `.` record carries (ER, in a continuation area).
    let rootExtras: [SystemUseEntry]

    /// Blocks of one set of path tables (type L and type M) and where they start.
    struct PathTables: Sendable {
        var size = 0
        var typeL: UInt32 = 0
        var typeM: UInt32 = 0
        var blocksEach: UInt32 { UInt32((size + 2047) / 2048) }
    }

    /// Zero blocks that end the volume of an image with a BIOS El Torito entry, so a boot image is never its last
    /// block. GRUB's `cdboot.img` loads its core by reading ⌈length / 2048⌉ blocks from the block after the first,
    /// so its last read (of up to 16 blocks) also takes the block after the image. When that block lies past the
    /// medium, SeaBIOS returns that read without the core's tail and no error, and GRUB stops with "incompatible
    /// license" on a module of its half-loaded core. mkisofs and xorriso pad their images by default; 16 blocks is
    /// one read of `cdboot.img`.
    static let biosBootPaddingBlocks: UInt32 = 16

    init(tree: WriterTree, options: ISOWriterOptions) throws {
        self.tree = tree
        self.options = options
        rootExtras = options.rockRidge ? [.extensionsReference(.rockRidge112)] : []
        isoDirectoryOrder = tree.isoDirectoryOrder()
        jolietDirectoryOrder = options.joliet ? tree.jolietDirectoryOrder() : []
        var next: UInt32 = 16
        next += 1
        if !options.bootImages.isEmpty {
            bootRecordLBA = next
            next += 1
        }
        if options.joliet {
            jolietDescriptorLBA = next
            next += 1
        }
        terminatorLBA = next
        next += 1
        pathTables.size = isoDirectoryOrder.reduce(0) { $0 + 8 + Self.padded(identifier(ofDirectory: $1).count) }
        next = pathTables.place(at: next)
        if options.joliet {
            jolietPathTables.size = jolietDirectoryOrder.reduce(0) { $0 + 8 + Self.padded(self.tree.nodes[$1].jolietIdentifier.count) }
            next = jolietPathTables.place(at: next)
        }
        if !options.bootImages.isEmpty {
            catalogLBA = next
            next += 1
        }
        // Pass 1: sizes of directories and their continuation areas (LBAs are still zero; entry sizes do not depend
        // on them). Each directory's continuation blocks follow its extent, so a streaming reader meets them in
        // order (libarchive rejects continuation areas behind its read position).
        for index in isoDirectoryOrder {
            var allocator = ContinuationAllocator()
            self.tree.nodes[index].directorySize = UInt32(Self.directoryBytes(isoDrafts(index), allocator: &allocator))
            self.tree.nodes[index].continuationBlocks = UInt32(allocator.blocks)
        }
        for index in jolietDirectoryOrder {
            var allocator = ContinuationAllocator()
            self.tree.nodes[index].jolietDirectorySize = UInt32(Self.directoryBytes(self.tree.jolietRecords(of: index), allocator: &allocator))
        }
        for index in isoDirectoryOrder {
            self.tree.nodes[index].lba = next
            next += self.tree.nodes[index].directorySize / 2048 + self.tree.nodes[index].continuationBlocks
        }
        for index in jolietDirectoryOrder {
            self.tree.nodes[index].jolietLBA = next
            next += self.tree.nodes[index].jolietDirectorySize / 2048
        }
        var firstOfKey: [HardLinkKey: Int] = [:]
        var block = UInt64(next)
        // Empty files and special files point at the start of the data area, after every continuation area, as
        // streaming readers (libarchive) expect an entry's continuation areas to come before its data.
        for index in self.tree.nodes.indices where !self.tree.nodes[index].isDirectory {
            self.tree.nodes[index].lba = next
        }
        for index in self.tree.nodes.indices where self.tree.nodes[index].source.kind == .regular {
            if let key = self.tree.nodes[index].source.hardLinkKey {
                if let first = firstOfKey[key] {
                    self.tree.nodes[index].lba = self.tree.nodes[first].lba
                    continue
                }
                firstOfKey[key] = index
            }
            let size = self.tree.nodes[index].source.size
            guard size > 0 else { continue }
            guard block <= UInt64(UInt32.max) else {
                throw ISO9660Error.unrepresentable(
                    path: self.tree.nodes[index].path, reason: "image would exceed 8 TiB (2^32 blocks)")
            }
            self.tree.nodes[index].lba = UInt32(block)
            dataNodes.append(index)
            block += UInt64(DataExtents.blocks(size))
        }
        // Boot images given as bytes lie outside the tree, after the file data.
        for (index, boot) in options.bootImages.enumerated() where index != options.appendedBootImage {
            guard let contents = boot.contents else { continue }
            guard !contents.isEmpty else {
                throw ISO9660Error.unrepresentable(path: boot.path, reason: "boot image given as bytes is empty")
            }
            guard block <= UInt64(UInt32.max) else {
                throw ISO9660Error.unrepresentable(path: boot.path, reason: "image would exceed 8 TiB (2^32 blocks)")
            }
            bootImageLBAs[index] = UInt32(block)
            block += UInt64(DataExtents.blocks(Int64(contents.count)))
        }
        if options.bootImages.contains(where: { $0.firmware == .bios }) {
            block += UInt64(Self.biosBootPaddingBlocks)
        }
        guard block <= UInt64(UInt32.max) else {
            throw ISO9660Error.unrepresentable(path: "/", reason: "image would exceed 8 TiB (2^32 blocks)")
        }
        volumeBlocks = UInt32(block)
    }

    /// The identifier of an ISO 9660 directory in the path table.
    func identifier(ofDirectory index: Int) -> [UInt8] { index == 0 ? [0] : tree.nodes[index].identifierInISOParent }

    func isoDrafts(_ index: Int) -> [RecordDraft] {
        tree.isoRecords(of: index, rockRidge: options.rockRidge, rootExtras: rootExtras)
    }

    static func padded(_ count: Int) -> Int { count + count % 2 }

    /// Bytes of a directory whose records are `drafts`: records never cross a block (§6.8.1.1); whole blocks.
    static func directoryBytes(_ drafts: [RecordDraft], allocator: inout ContinuationAllocator) -> Int {
        var used = 0
        for draft in drafts {
            let split = SystemUsePacker.split(draft.systemUse, space: draft.systemUseSpace)
            for (position, area) in split.areas.enumerated() {
                _ = allocator.allocate(SystemUsePacker.areaLength(area, chained: position < split.areas.count - 1))
            }
            var inlineBytes = split.inline.reduce(0) { $0 + $1.encodedLength }
            if !split.areas.isEmpty { inlineBytes += SystemUsePacker.continuationEntrySize }
            let length = recordLength(identifier: draft.identifier.count, systemUse: inlineBytes)
            if used % 2048 + length > 2048 { used = (used / 2048 + 1) * 2048 }
            used += length
        }
        return max(2048, (used + 2047) / 2048 * 2048)
    }

    static func recordLength(identifier: Int, systemUse: Int) -> Int {
        let total = 33 + identifier + (identifier % 2 == 0 ? 1 : 0) + systemUse
        return total + total % 2
    }
}

extension ISOLayout.PathTables {
    /// Places the type L then type M table from `lba`; returns the next free block.
    mutating func place(at lba: UInt32) -> UInt32 {
        typeL = lba
        typeM = lba + blocksEach
        return typeM + blocksEach
    }
}
