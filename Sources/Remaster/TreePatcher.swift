import ISO9660
import LiveSystem

/// Applies `--delete` and `--patch` to the tree of the image being remastered.
enum TreePatcher {
    /// Removes each of `paths` (absolute, in the image) from `tree`.
    /// - Throws: ``RemasterError/badDeletion(path:reason:)`` for a path that is not clean or not there.
    static func delete(_ paths: [String], from tree: inout SourceTree) throws {
        for path in paths {
            let components = path.split(separator: "/")
            guard path.hasPrefix("/"), !components.isEmpty, !components.contains(where: { $0 == "." || $0 == ".." }) else {
                throw RemasterError.badDeletion(path: path, reason: "use an absolute path in the image without . or ..")
            }
            guard tree.remove(at: path) else {
                throw RemasterError.badDeletion(path: path, reason: "no such file or directory in the image")
            }
        }
    }

    /// Lays the contents of `patch` over `tree`: directories merge, every other entry replaces what is there. The
    /// patch's files are read from the host when the image is written, owned by root, never copied first.
    /// - Returns: The image paths written.
    /// - Throws: ``RemasterError/badPatch(path:reason:)`` if `patch` is not a directory; host errors otherwise.
    static func apply(_ patch: String, to tree: inout SourceTree) throws -> [String] {
        guard HostPath.isDirectory(patch) else { throw RemasterError.badPatch(path: patch, reason: "not a directory") }
        return tree.overlay(try SourceTree.scan(directory: patch, options: ScanOptions(rootOwnership: true)))
    }

    /// Lays the files written under `overlay` (replacements made by the remaster itself: edited menus, new layers,
    /// rebuilt root images) over `tree`. A replaced regular file keeps its owner and mode; new entries are owned by
    /// root.
    /// - Returns: The image paths of the files written (directories that only hold them are left out).
    static func applyReplacements(_ overlay: String, to tree: inout SourceTree) throws -> [String] {
        var top = try SourceTree.scan(directory: overlay, options: ScanOptions(rootOwnership: true))
        keepMetadata(of: tree.root, in: &top.root)
        return tree.overlay(top).filter { top.node(at: $0)?.isDirectory == false }
    }

    private static func keepMetadata(of original: SourceNode, in node: inout SourceNode) {
        for index in node.children.indices {
            guard let old = original.child(named: node.children[index].name) else { continue }
            if old.kind == .regular, node.children[index].kind == .regular {
                node.children[index].mode = old.mode
                node.children[index].uid = old.uid
                node.children[index].gid = old.gid
            } else if old.isDirectory, node.children[index].isDirectory {
                keepMetadata(of: old, in: &node.children[index])
            }
        }
    }
}
