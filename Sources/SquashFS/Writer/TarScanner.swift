import BinaryIO
import DiskFormats

#if canImport(Glibc)
import Glibc
#endif

/// Builds the node array (root at index 0, like ``SourceScanner``) from the members of a tar archive, with tar's
/// extraction rules: missing parent directories are made (0755, owned by root, with the archive's time), a later
/// member replaces an earlier one of the same path (a directory over a directory only updates its metadata), and
/// a hard link names the inode its target has at that point in the archive.
struct TarScanner {
    let options: SquashFSOptions
    /// The archive's path, for messages.
    let archivePath: String
    /// The time given to directories the archive does not list (seconds since 1970).
    let implicitDirectoryTime: Int64

    /// A name in the tree: the inode it names and, for directories, its children by name.
    private struct Name {
        var inode: Int
        var children: [[UInt8]: Int] = [:]
    }

    private var names: [Name] = []
    /// Inode metadata, shared by hard links; a replaced member's inode stays here while links still name it.
    private var inodes: [TarEntry] = []
    /// Inodes of excluded members by path, so a hard link to one still finds its data.
    private var excludedInodes: [[UInt8]: Int] = [:]

    init(options: SquashFSOptions, archivePath: String, implicitDirectoryTime: Int64) {
        self.options = options
        self.archivePath = archivePath
        self.implicitDirectoryTime = implicitDirectoryTime
    }

    /// Reads every member of `reader` and returns the nodes with their inodes numbered.
    mutating func scan(_ reader: inout TarArchiveReader) throws -> [SourceNode] {
        inodes = [implicitDirectory(path: [])]
        names = [Name(inode: 0)]
        excludedInodes = [:]
        while let entry = try reader.next() { try add(entry) }
        var nodes: [SourceNode] = []
        var firstNames: [Int: Int] = [:]
        try emit(0, name: [], path: [], into: &nodes, firstNames: &firstNames)
        SourceNode.numberInodes(&nodes)
        return nodes
    }

    private func implicitDirectory(path: [UInt8]) -> TarEntry {
        TarEntry(
            pathBytes: path, kind: .directory, permissions: 0o755, uid: 0, gid: 0,
            modificationTime: implicitDirectoryTime, size: 0, headerOffset: 0, dataOffset: 0, linkTarget: [],
            deviceMajor: 0, deviceMinor: 0, extendedAttributes: [])
    }

    private func display(_ path: [UInt8]) -> String { "\(archivePath):\(String(decoding: path, as: UTF8.self))" }

    /// Whether the path or one of its parents matches an exclude pattern.
    private func isExcluded(_ path: [UInt8]) -> Bool {
        guard !options.excludes.isEmpty, !path.isEmpty else { return false }
        var end = path.startIndex
        while end <= path.endIndex {
            if end == path.endIndex || path[end] == 0x2F {
                let prefix = path[..<end].map { CChar(bitPattern: $0) } + [0]
                if options.excludes.contains(where: { fnmatch($0, prefix, FNM_PATHNAME) == 0 }) { return true }
            }
            end += 1
        }
        return false
    }

    /// The name at `path`, or `nil`; fails if a parent is not a directory.
    private func lookup(_ path: [UInt8]) -> Int? {
        var current = 0
        for component in path.split(separator: 0x2F) {
            guard let next = names[current].children[Array(component)] else { return nil }
            current = next
        }
        return current
    }

    private mutating func add(_ entry: TarEntry) throws {
        if isExcluded(entry.pathBytes) {
            if entry.kind != .directory, entry.kind != .hardLink {
                excludedInodes[entry.pathBytes] = inodes.count
                inodes.append(entry)
            }
            return
        }
        guard !entry.pathBytes.isEmpty else {
            guard entry.kind == .directory else { throw SquashFSError.notADirectory(path: display([])) }
            inodes[names[0].inode] = entry
            return
        }
        var components = entry.pathBytes.split(separator: 0x2F).map { Array($0) }
        let leaf = components.removeLast()
        guard leaf.count <= 256 else { throw SquashFSError.nameTooLong(path: display(entry.pathBytes), bytes: leaf.count) }
        var parent = 0
        var walked: [UInt8] = []
        for component in components {
            walked += walked.isEmpty ? component : [0x2F] + component
            if let next = names[parent].children[component] {
                guard inodes[names[next].inode].kind == .directory else {
                    throw SquashFSError.parentNotADirectory(path: display(entry.pathBytes), parent: display(walked))
                }
                parent = next
            } else {
                guard component.count <= 256 else {
                    throw SquashFSError.nameTooLong(path: display(walked), bytes: component.count)
                }
                inodes.append(implicitDirectory(path: walked))
                names.append(Name(inode: inodes.count - 1))
                names[parent].children[component] = names.count - 1
                parent = names.count - 1
            }
        }
        let existing = names[parent].children[leaf]
        switch entry.kind {
        case .hardLink:
            let inode: Int
            if let target = lookup(entry.linkTarget) {
                inode = names[target].inode
            } else if let excluded = excludedInodes[entry.linkTarget] {
                inode = excluded
            } else {
                throw SquashFSError.hardLinkTargetMissing(
                    path: display(entry.pathBytes), target: display(entry.linkTarget))
            }
            guard inodes[inode].kind != .directory else {
                throw SquashFSError.hardLinkToDirectory(path: display(entry.pathBytes), target: display(entry.linkTarget))
            }
            names.append(Name(inode: inode))
        case .directory where existing.map({ inodes[names[$0].inode].kind == .directory }) ?? false:
            if let existing { inodes[names[existing].inode] = entry }
            return
        default:
            inodes.append(entry)
            names.append(Name(inode: inodes.count - 1))
        }
        names[parent].children[leaf] = names.count - 1
    }

    /// Appends the node for `name` and (depth first, children sorted by name bytes) its subtree.
    @discardableResult
    private func emit(
        _ name: Int, name leafName: [UInt8], path: [UInt8], into nodes: inout [SourceNode], firstNames: inout [Int: Int]
    ) throws -> Int {
        let inodeIndex = names[name].inode
        let entry = inodes[inodeIndex]
        let owner = options.ownership.map(user: entry.uid, group: entry.gid)
        var node = SourceNode(
            name: leafName, path: display(path), cPath: [0], mode: Self.typeBits(entry.kind) | entry.permissions,
            user: owner.user, group: owner.group,
            modificationTime: options.fixedTime ?? UInt32(clamping: max(0, entry.modificationTime)), sizeBytes: 0,
            deviceNumber: 0, linkTarget: [], children: [], hardLinkOf: nil, linkCount: 1, extendedAttributes: [],
            inodeNumber: 0)
        let index = nodes.count
        if entry.kind != .directory, let first = firstNames[inodeIndex] {
            node.hardLinkOf = first
            nodes[first].linkCount += 1
            nodes.append(node)
            return index
        }
        firstNames[inodeIndex] = index
        switch entry.kind {
        case .regular:
            node.sizeBytes = UInt64(entry.size)
            node.archiveOffset = entry.dataOffset
        case .symbolicLink:
            node.linkTarget = entry.linkTarget
        case .characterDevice, .blockDevice:
            node.deviceNumber = SourceNode.deviceNumber(major: entry.deviceMajor, minor: entry.deviceMinor)
        case .directory, .fifo, .hardLink:
            break
        }
        if options.extendedAttributes {
            node.extendedAttributes = entry.extendedAttributes
                .filter { SourceNode.isStorableAttribute($0.name) }
                .map { (key: $0.name, value: $0.value) }
                .sorted { $0.key.lexicographicallyPrecedes($1.key) }
        }
        nodes.append(node)
        guard entry.kind == .directory else { return index }
        var children: [Int] = []
        var subdirectories: UInt32 = 0
        for (childName, child) in names[name].children.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let childPath = path.isEmpty ? childName : path + [0x2F] + childName
            let childIndex = try emit(child, name: childName, path: childPath, into: &nodes, firstNames: &firstNames)
            if nodes[childIndex].isDirectory { subdirectories += 1 }
            children.append(childIndex)
        }
        nodes[index].children = children
        nodes[index].linkCount = 2 + subdirectories
        return index
    }

    /// `S_IFMT` bits for a member kind.
    private static func typeBits(_ kind: TarEntry.Kind) -> UInt32 {
        switch kind {
        case .regular, .hardLink: POSIXFileType.regular.rawValue
        case .symbolicLink: POSIXFileType.symbolicLink.rawValue
        case .characterDevice: POSIXFileType.characterDevice.rawValue
        case .blockDevice: POSIXFileType.blockDevice.rawValue
        case .directory: POSIXFileType.directory.rawValue
        case .fifo: POSIXFileType.fifo.rawValue
        }
    }
}
