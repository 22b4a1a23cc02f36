import CSquashFS

/// Builds the node array for a rebuilt image: the source image's tree, minus deletions, with host overlays copied
/// over it, flattened in the order ``ImageAssembler`` writes (parents first, children sorted by name bytes).
struct TreeMerger {
    /// One entry of the merged tree before flattening.
    private struct Entry {
        /// What the image records for it; `children` and `hardLinkOf` are filled in when flattening.
        var node: SourceNode
        /// Names sharing a key are hard links of one inode.
        var linkKey: String?
        var children: [[UInt8]: Entry] = [:]
    }

    private var root: Entry
    private let imageName: String

    /// Reads the image's tree (inodes stay owned by `session`, which must outlive the build).
    init(session: ImageSession) throws {
        imageName = session.path
        let tree = try session.loadTree()
        root = try Self.entry(tree, name: [], path: "", session: session)
    }

    private static func entry(
        _ treeNode: UnsafeMutablePointer<sqfs_tree_node_t>, name: [UInt8], path: String, session: ImageSession
    ) throws -> Entry {
        let inode = UnsafePointer(treeNode.pointee.inode)
        guard let inode else {
            throw SquashFSError.library(operation: "inode of /\(path)", path: session.path, code: SQFS_ERROR_CORRUPTED.rawValue)
        }
        let base = inode.pointee.base
        let type = UInt32(base.type)
        var node = SourceNode(
            name: name, path: session.path + ":/" + path, cPath: [0], mode: UInt32(base.mode), user: treeNode.pointee.uid,
            group: treeNode.pointee.gid, modificationTime: base.mod_time, sizeBytes: 0, deviceNumber: 0, linkTarget: [],
            children: [], hardLinkOf: nil, linkCount: 1, extendedAttributes: [], inodeNumber: 0)
        node.extendedAttributes = try session.attributes(of: inode, entry: path)
            .filter { SourceNode.isStorableAttribute($0.key) }
        var linkCount: UInt32 = 1
        switch type {
        case SQFS_INODE_FILE.rawValue, SQFS_INODE_EXT_FILE.rawValue:
            var size: UInt64 = 0
            guard sqfs_inode_get_file_size(inode, &size) == 0 else {
                throw SquashFSError.library(operation: "file size /\(path)", path: session.path, code: SQFS_ERROR_CORRUPTED.rawValue)
            }
            node.sizeBytes = size
            node.imageInode = inode
            if type == SQFS_INODE_EXT_FILE.rawValue { linkCount = inode.pointee.data.file_ext.nlink }
        case SQFS_INODE_SLINK.rawValue, SQFS_INODE_EXT_SLINK.rawValue:
            let data = inode.pointee.data
            let length = Int(type == SQFS_INODE_SLINK.rawValue ? data.slink.target_size : data.slink_ext.target_size)
            guard length <= Int(inode.pointee.payload_bytes_available) else {
                throw SquashFSError.library(operation: "symlink target /\(path)", path: session.path, code: SQFS_ERROR_CORRUPTED.rawValue)
            }
            node.linkTarget = Array(UnsafeRawBufferPointer(start: isokit_sqfs_inode_extra(inode), count: length))
            linkCount = type == SQFS_INODE_SLINK.rawValue ? data.slink.nlink : data.slink_ext.nlink
        case SQFS_INODE_BDEV.rawValue, SQFS_INODE_CDEV.rawValue:
            node.deviceNumber = inode.pointee.data.dev.devno
            linkCount = inode.pointee.data.dev.nlink
        case SQFS_INODE_EXT_BDEV.rawValue, SQFS_INODE_EXT_CDEV.rawValue:
            node.deviceNumber = inode.pointee.data.dev_ext.devno
            linkCount = inode.pointee.data.dev_ext.nlink
        case SQFS_INODE_FIFO.rawValue, SQFS_INODE_SOCKET.rawValue:
            linkCount = inode.pointee.data.ipc.nlink
        case SQFS_INODE_EXT_FIFO.rawValue, SQFS_INODE_EXT_SOCKET.rawValue:
            linkCount = inode.pointee.data.ipc_ext.nlink
        case SQFS_INODE_DIR.rawValue, SQFS_INODE_EXT_DIR.rawValue:
            break
        default:
            throw SquashFSError.unsupportedFileType(path: node.path, mode: node.mode)
        }
        var entry = Entry(node: node, linkKey: linkCount > 1 ? "image:\(base.inode_number)" : nil)
        var child = treeNode.pointee.children
        while let current = child {
            let childName = Array(String(cString: isokit_sqfs_tree_node_name(current)).utf8)
            let childPath = path.isEmpty ? String(decoding: childName, as: UTF8.self) : path + "/" + String(decoding: childName, as: UTF8.self)
            entry.children[childName] = try Self.entry(current, name: childName, path: childPath, session: session)
            child = current.pointee.next
        }
        return entry
    }

    /// Drops `path` (relative to the root, slashes at either end ignored) and its subtree.
    /// - Throws: ``SquashFSError/deletionNotFound(image:path:)`` if it is not there.
    mutating func delete(_ path: String) throws {
        let components = path.split(separator: "/").map { Array($0.utf8) }
        let clean = components.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/")
        guard !components.isEmpty, !components.contains([0x2E]), !components.contains([0x2E, 0x2E]) else {
            throw SquashFSError.deletionNotFound(image: imageName, path: clean)
        }
        guard Self.remove(components[...], from: &root) else {
            throw SquashFSError.deletionNotFound(image: imageName, path: clean)
        }
    }

    private static func remove(_ components: ArraySlice<[UInt8]>, from entry: inout Entry) -> Bool {
        guard let first = components.first else { return false }
        if components.count == 1 { return entry.children.removeValue(forKey: first) != nil }
        guard entry.children[first] != nil else { return false }
        // Checked just above; mutating in place avoids copying the subtree.
        return remove(components.dropFirst(), from: &entry.children[first]!)
    }

    // A scanned host tree has its root at index 0; `tag` keeps its hard links apart from other overlays'.
    /// Copies a scanned host tree over the merged tree; with `keepOwners`, a file replacing a file keeps the
    /// replaced one's owner and group.
    mutating func overlay(_ nodes: [SourceNode], tag: Int, keepOwners: Bool) {
        Self.merge(nodes, index: 0, into: &root, tag: tag, keepOwners: keepOwners)
    }

    private static func merge(_ nodes: [SourceNode], index: Int, into entry: inout Entry, tag: Int, keepOwners: Bool) {
        for childIndex in nodes[index].children {
            let source = nodes[childIndex]
            let existing = entry.children[source.name]
            if source.isDirectory, let existing, existing.node.isDirectory {
                // Checked just above: the child is there. Mutating it in place avoids copying its subtree.
                merge(nodes, index: childIndex, into: &entry.children[source.name]!, tag: tag, keepOwners: keepOwners)
                continue
            }
            var replacement = fresh(nodes, index: childIndex, tag: tag)
            if keepOwners, let existing, !existing.node.isDirectory, !source.isDirectory {
                replacement.node.user = existing.node.user
                replacement.node.group = existing.node.group
            }
            entry.children[source.name] = replacement
        }
    }

    /// A host subtree as merged entries.
    private static func fresh(_ nodes: [SourceNode], index: Int, tag: Int) -> Entry {
        var node = nodes[index]
        let holder = node.hardLinkOf ?? index
        let linked = node.hardLinkOf != nil || nodes[index].linkCount > 1 && !node.isDirectory
        if let first = node.hardLinkOf {
            // The holder's size and source path carry the data; this name only needs them to be the same inode.
            node = nodes[first].renamed(node.name)
        }
        var entry = Entry(node: node, linkKey: linked ? "overlay\(tag):\(holder)" : nil)
        for child in nodes[index].children {
            entry.children[nodes[child].name] = fresh(nodes, index: child, tag: tag)
        }
        return entry
    }

    /// The merged tree flattened: root at index 0, parents before children, children sorted by name bytes, hard
    /// links pointing at their first name, link counts recomputed, inodes numbered.
    func flattened() -> [SourceNode] {
        var nodes: [SourceNode] = []
        var holders: [String: Int] = [:]
        func add(_ entry: Entry) -> Int {
            let index = nodes.count
            var node = entry.node
            node.children = []
            node.hardLinkOf = nil
            node.linkCount = node.isDirectory ? 2 : 1
            if !node.isDirectory, let key = entry.linkKey {
                if let holder = holders[key] {
                    node.hardLinkOf = holder
                    nodes[holder].linkCount += 1
                } else {
                    holders[key] = index
                }
            }
            nodes.append(node)
            var children: [Int] = []
            for name in entry.children.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                guard let child = entry.children[name] else { continue }
                let childIndex = add(child)
                if nodes[childIndex].isDirectory { nodes[index].linkCount += 1 }
                children.append(childIndex)
            }
            nodes[index].children = children
            return index
        }
        _ = add(root)
        SourceNode.numberInodes(&nodes)
        return nodes
    }
}

extension SourceNode {
    /// The same node under another name (a further name of a hard-linked host file).
    fileprivate func renamed(_ newName: [UInt8]) -> SourceNode {
        var copy = self
        copy.name = newName
        return copy
    }
}
