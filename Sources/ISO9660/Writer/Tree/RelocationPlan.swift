/// Which directories leave their place in the ISO 9660 tree because it may be at most 8 levels deep, and where they go.
///
/// The root is level 1, so a directory at level 8 may hold files but no directories: every directory that would
/// be at level 9 or deeper moves into a directory in the root, ``movedDirectoryName`` (`rr_moved`, as genisoimage
/// names it; its ISO 9660 identifier is `RR_MOVED`). A moved directory is at level 3 there, and its own subtree is
/// measured again from there, so a very deep tree moves several times.
///
/// The writer keeps the Rock Ridge view whole (RRIP §4.1.5): a CL record where the directory was (a file record
/// pointing at its new extent), RE in the moved directory's own record, and PL in its `..` record pointing at the
/// original parent. The Joliet tree is not relocated (Joliet readers do not need it; genisoimage does the same,
/// xorriso too apart from an empty `RR_MOVED` it lists), and ``movedDirectoryName`` does not appear in it.
///
/// Not planned here: xorriso also moves directories whose ISO 9660 path would exceed 255 characters
/// (ECMA-119 §6.8.2.1); with identifiers of at most 31 characters and 8 levels that needs names near the limits.
///
/// Spec: ECMA-119 §6.8.2.1 (depth of the hierarchy); IEEE P1282 (RRIP 1.12) §4.1.5.
public struct RelocationPlan: Hashable, Sendable {
    /// The name genisoimage gives the relocation directory.
    public static let defaultMovedDirectoryName = "rr_moved"

    /// The directories that move, each as its host path from the root (`["a", "b", …, "i"]`), in pre-order of the
    /// source tree (parents before children, siblings by name bytes). A directory inside a moved one is listed by
    /// its original path.
    public var relocated: [[String]]
    /// The host name of the relocation directory in the root: `rr_moved`, or `rr_moved1`, `rr_moved2`, … if the
    /// root already has an entry of that name or ISO 9660 identifier.
    public var movedDirectoryName: String
    /// The deepest level a directory may have; the root is level 1.
    public var maxDepth: Int

    /// Creates a plan from its parts (for tests and for plans made by hand).
    public init(relocated: [[String]], movedDirectoryName: String, maxDepth: Int) {
        self.relocated = relocated
        self.movedDirectoryName = movedDirectoryName
        self.maxDepth = maxDepth
    }

    /// Whether nothing moves (no relocation directory is needed).
    public var isEmpty: Bool { relocated.isEmpty }

    /// Whether the directory at `path` (host names from the root) moves.
    public func isRelocated(_ path: [String]) -> Bool { relocated.contains(path) }

    /// Plans the relocation of `tree`'s deep directories.
    /// - Parameters:
    ///   - tree: The source tree.
    ///   - maxDepth: The deepest level a directory may have, the root being level 1; ECMA-119 allows 8.
    /// - Returns: The plan; ``isEmpty`` if no directory is deeper than `maxDepth`.
    /// - Precondition: `maxDepth` ≥ 3 (the relocation directory's children are at level 3).
    public static func plan(_ tree: SourceTree, maxDepth: Int = 8) -> RelocationPlan {
        precondition(maxDepth >= 3, "moved directories are at level 3, so maxDepth must be at least 3")
        var relocated: [[String]] = []
        func visit(_ node: SourceNode, path: [String], level: Int) {
            for child in node.children where child.isDirectory {
                let childPath = path + [child.name]
                if level + 1 > maxDepth {
                    relocated.append(childPath)
                    visit(child, path: childPath, level: 3)
                } else {
                    visit(child, path: childPath, level: level + 1)
                }
            }
        }
        visit(tree.root, path: [], level: 1)
        return RelocationPlan(
            relocated: relocated, movedDirectoryName: freeName(in: tree.root), maxDepth: maxDepth)
    }

    /// `rr_moved`, or the first numbered variant that clashes with no entry of `root`, by host name or by ISO 9660
    /// identifier.
    static func freeName(in root: SourceNode) -> String {
        let usedKeys = Set(
            root.children.map { child in
                let part = ISOName.proposal(for: child.name, isDirectory: child.isDirectory)
                return ISOName.clashKey(
                    ISOName.spelled(name: part.name, extension: part.extension, isDirectory: child.isDirectory))
            })
        var candidate = defaultMovedDirectoryName
        var n = 0
        while root.child(named: candidate) != nil
            || usedKeys.contains(ISOName.proposal(for: candidate, isDirectory: true).name)
        {
            n += 1
            candidate = defaultMovedDirectoryName + String(n)
        }
        return candidate
    }
}
