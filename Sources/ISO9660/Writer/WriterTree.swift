/// The tree to write, flattened: ISO 9660 and Joliet identifiers chosen, deep directories relocated, hard links and
/// serial numbers assigned. Deterministic for a given ``SourceTree``.
struct WriterTree: Sendable {
    var nodes: [WriterNode] = []
    /// Index of the relocation directory, if any directory had to move.
    var relocationDirectory: Int?

    init(source: SourceTree, joliet: Bool) throws {
        var root = source.root
        root.name = ""
        let plan = RelocationPlan.plan(source)
        let moved = Set(plan.relocated.map { "/" + $0.joined(separator: "/") })
        append(root, path: "/", parent: 0)
        var queue = [0]
        var children: [Int: [SourceNode]] = [0: root.children]
        var cursor = 0
        while cursor < queue.count {
            let index = queue[cursor]
            cursor += 1
            let kids = children[index] ?? []
            var indices: [Int] = []
            for kid in kids {
                let path = nodes[index].path == "/" ? "/" + kid.name : nodes[index].path + "/" + kid.name
                let child = append(kid, path: path, parent: index)
                indices.append(child)
                if kid.isDirectory {
                    children[child] = kid.children
                    queue.append(child)
                }
            }
            nodes[index].jolietChildren = indices
            children[index] = nil
        }
        if !moved.isEmpty {
            relocate(moved: moved, directoryName: plan.movedDirectoryName)
        }
        try assignIdentifiers(joliet: joliet)
        assignSerials()
    }

    @discardableResult
    private mutating func append(_ source: SourceNode, path: String, parent: Int) -> Int {
        var flat = source
        flat.children = []
        nodes.append(WriterNode(source: flat, path: path, parent: parent, originalParent: parent))
        return nodes.count - 1
    }

    /// Moves each directory in `moved` under a new top-level relocation directory and leaves a CL record behind.
    private mutating func relocate(moved: Set<String>, directoryName: String) {
        let root = nodes[0].source
        let holder = SourceNode(
            name: directoryName, kind: .directory, mode: 0o040555, uid: root.uid, gid: root.gid,
            modificationTime: root.modificationTime, accessTime: root.accessTime, changeTime: root.changeTime)
        let holderIndex = append(holder, path: "/" + directoryName, parent: 0)
        relocationDirectory = holderIndex
        for index in nodes.indices where moved.contains(nodes[index].path) {
            nodes[index].isRelocated = true
            nodes[index].parent = holderIndex
        }
    }

    private mutating func assignIdentifiers(joliet: Bool) throws {
        for index in nodes.indices where nodes[index].isDirectory {
            var isoChildren = nodes[index].jolietChildren.map { nodes[$0].isRelocated ? ChildRecord.childLink($0) : .node($0) }
            if index == 0, let holder = relocationDirectory { isoChildren.append(.node(holder)) }
            if index == relocationDirectory {
                isoChildren = nodes.indices.filter { nodes[$0].isRelocated }.map { ChildRecord.node($0) }
            }
            let names = isoChildren.map { nodes[$0.index].source.name }
            let directoryFlags = isoChildren.map { nodes[$0.index].isDirectory }
            let identifiers = ISOName.identifiers(for: names, areDirectories: directoryFlags)
            for (record, identifier) in zip(isoChildren, identifiers) {
                if index == relocationDirectory {
                    nodes[record.index].relocatedIdentifier = Array(identifier.utf8)
                } else {
                    nodes[record.index].isoIdentifier = Array(identifier.utf8)
                }
            }
            nodes[index].children = zip(isoChildren, identifiers.map(ISOName.sortKey))
                .sorted { $0.1.lexicographicallyPrecedes($1.1) }
                .map(\.0)
            guard joliet else { continue }
            let jolietKids = nodes[index].jolietChildren
            let jolietIDs = JolietName.identifiers(
                for: jolietKids.map { nodes[$0].source.name }, areDirectories: jolietKids.map { nodes[$0].isDirectory })
            for (child, identifier) in zip(jolietKids, jolietIDs) { nodes[child].jolietIdentifier = identifier }
            nodes[index].jolietChildren = jolietKids.sorted {
                nodes[$0].jolietIdentifier.lexicographicallyPrecedes(nodes[$1].jolietIdentifier)
            }
        }
        nodes[0].isoIdentifier = [0]
        nodes[0].jolietIdentifier = [0]
    }

    /// Serial numbers in tree order; hard links share the first one's serial and count each other as links.
    private mutating func assignSerials() {
        var firstOfKey: [HardLinkKey: Int] = [:]
        var linkCounts: [HardLinkKey: UInt32] = [:]
        for index in nodes.indices {
            if let key = nodes[index].source.hardLinkKey { linkCounts[key, default: 0] += 1 }
        }
        var next: UInt32 = 1
        for index in nodes.indices {
            if let key = nodes[index].source.hardLinkKey, let first = firstOfKey[key] {
                nodes[index].serial = nodes[first].serial
            } else {
                nodes[index].serial = next
                next += 1
                if let key = nodes[index].source.hardLinkKey { firstOfKey[key] = index }
            }
            if let key = nodes[index].source.hardLinkKey { nodes[index].links = linkCounts[key] ?? 1 }
        }
        for index in nodes.indices where nodes[index].isDirectory {
            let subdirectories = nodes[index].jolietChildren.filter { nodes[$0].isDirectory }.count
            nodes[index].links = UInt32(2 + subdirectories)
        }
    }

    /// Directories of the ISO 9660 tree in path table order (§9.4: by level, then parent number, then identifier).
    func isoDirectoryOrder() -> [Int] {
        var order = [0]
        var cursor = 0
        while cursor < order.count {
            let index = order[cursor]
            cursor += 1
            for record in nodes[index].children {
                if case let .node(child) = record, nodes[child].isDirectory { order.append(child) }
            }
        }
        return order
    }

    /// Directories of the Joliet tree in path table order.
    func jolietDirectoryOrder() -> [Int] {
        var order = [0]
        var cursor = 0
        while cursor < order.count {
            let index = order[cursor]
            cursor += 1
            order += nodes[index].jolietChildren.filter { nodes[$0].isDirectory }
        }
        return order
    }
}
