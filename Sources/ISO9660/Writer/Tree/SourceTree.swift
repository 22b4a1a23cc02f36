/// The tree of files to write into an image: a root directory node and everything below it.
///
/// Make one with ``scan(directory:options:)`` or build the nodes in code. The tree is a plain value; applying
/// `SOURCE_DATE_EPOCH` (``clampingTimes(to:)``) returns a new tree.
public struct SourceTree: Hashable, Sendable {
    /// The root directory. Its ``SourceNode/name`` is `""`; it has no name in the image.
    public var root: SourceNode

    /// Creates a tree from a root directory node.
    /// - Precondition: `root` is a directory.
    public init(root: SourceNode) {
        precondition(root.kind == .directory, "the root of a source tree must be a directory")
        self.root = root
    }

    /// Returns the tree with every modification time later than `epoch` set to `epoch` and earlier ones kept (the
    /// clamp semantics of reproducible-builds.org's `SOURCE_DATE_EPOCH`), and every access and change time set to
    /// that modification time, as xorriso does: reading the tree moves access times (isokit's own run does) and
    /// change times can't be set, so neither could be reproduced.
    /// - Parameter epoch: Seconds since 1970-01-01 UTC, usually `SOURCE_DATE_EPOCH`.
    /// - Returns: The clamped tree; owners, modes and names are unchanged.
    public func clampingTimes(to epoch: Int64) -> SourceTree {
        func clamp(_ node: SourceNode) -> SourceNode {
            var node = node
            node.modificationTime = min(node.modificationTime, epoch)
            node.accessTime = node.modificationTime
            node.changeTime = node.modificationTime
            node.children = node.children.map(clamp)
            return node
        }
        return SourceTree(root: clamp(root))
    }

    /// The number of nodes that are not directories (regular files, symbolic links, devices, fifos, sockets); every
    /// hard link counts.
    public var fileCount: Int { count { !$0.isDirectory } }

    /// The number of directories, the root included.
    public var directoryCount: Int { count { $0.isDirectory } }

    /// The bytes of all regular files, counting a file reached through several hard links once.
    public var totalFileBytes: Int64 {
        var seen = Set<HardLinkKey>()
        var total: Int64 = 0
        forEach { node, _ in
            guard node.kind == .regular else { return }
            if let key = node.hardLinkKey, !seen.insert(key).inserted { return }
            total += node.size
        }
        return total
    }

    /// Calls `body` for every node in depth-first pre-order (a directory before its children, children by name), with
    /// the node's path from the root as host names (`[]` for the root).
    public func forEach(_ body: (SourceNode, [String]) throws -> Void) rethrows {
        func visit(_ node: SourceNode, _ path: [String]) throws {
            try body(node, path)
            for child in node.children {
                try visit(child, path + [child.name])
            }
        }
        try visit(root, [])
    }

    private func count(where predicate: (SourceNode) -> Bool) -> Int {
        var total = 0
        forEach { node, _ in if predicate(node) { total += 1 } }
        return total
    }
}
