extension SourceTree {
    /// The node at an absolute path in the tree (`/` is the root), or `nil`.
    public func node(at path: String) -> SourceNode? {
        root.descendant(at: path.split(separator: "/").map(String.init))
    }

    /// Removes the entry at an absolute path, with everything below it.
    /// - Returns: Whether there was such an entry (the root can't be removed).
    @discardableResult
    public mutating func remove(at path: String) -> Bool {
        let components = path.split(separator: "/").map(String.init)
        guard !components.isEmpty else { return false }
        return Self.remove(components[...], from: &root)
    }

    /// Lays `top` over this tree: its directories merge with directories of the same name (which keep their own
    /// owner, mode and times), and every other entry of it replaces what has that name here (a file over a directory replaces the whole directory, and the other way
    /// round). `top`'s root only contributes its children.
    /// - Returns: The absolute paths of the entries `top` added or replaced (not of directories it merged), parents
    ///   before children.
    @discardableResult
    public mutating func overlay(_ top: SourceTree) -> [String] {
        var written: [String] = []
        Self.merge(top.root, into: &root, path: "", written: &written)
        return written
    }

    /// Returns the tree without the entries whose path from the root (no leading `/`) or name matches one of the
    /// `fnmatch(3)` patterns, as ``ScanOptions/excludes`` leaves them out of a scan.
    public func excluding(_ patterns: [String]) -> SourceTree {
        guard !patterns.isEmpty else { return self }
        let matcher = ExcludeMatcher(patterns: patterns)
        func keep(_ node: SourceNode, path: String) -> SourceNode {
            var node = node
            node.children = node.children.compactMap { child in
                let childPath = path.isEmpty ? child.name : path + "/" + child.name
                let excluded = matcher.matches(
                    relativePath: Array(childPath.utf8), name: Array(child.name.utf8))
                return excluded ? nil : keep(child, path: childPath)
            }
            return node
        }
        return SourceTree(root: keep(root, path: ""))
    }

    private static func remove(_ components: ArraySlice<String>, from node: inout SourceNode) -> Bool {
        guard let first = components.first,
            let index = node.children.firstIndex(where: { $0.name.utf8.elementsEqual(first.utf8) })
        else { return false }
        if components.count == 1 {
            node.children.remove(at: index)
            return true
        }
        return remove(components.dropFirst(), from: &node.children[index])
    }

    private static func merge(_ top: SourceNode, into node: inout SourceNode, path: String, written: inout [String]) {
        for child in top.children {
            let childPath = path + "/" + child.name
            if let index = node.children.firstIndex(where: { $0.name.utf8.elementsEqual(child.name.utf8) }) {
                if child.isDirectory, node.children[index].isDirectory {
                    var merged = node.children[index]
                    merge(child, into: &merged, path: childPath, written: &written)
                    node.children[index] = merged
                } else {
                    written.append(childPath)
                    node.children[index] = child
                    child.forEachDescendantPath(from: childPath) { written.append($0) }
                }
            } else {
                written.append(childPath)
                node.children.append(child)
                node.children.sort(by: SourceNode.nameOrder)
                child.forEachDescendantPath(from: childPath) { written.append($0) }
            }
        }
    }
}

extension SourceNode {
    /// Calls `body` with the absolute path of every entry below this one, parents first.
    fileprivate func forEachDescendantPath(from path: String, _ body: (String) -> Void) {
        for child in children {
            body(path + "/" + child.name)
            child.forEachDescendantPath(from: path + "/" + child.name, body)
        }
    }
}
