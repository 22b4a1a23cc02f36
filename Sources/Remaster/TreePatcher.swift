import Foundation
import LiveSystem

/// Applies `--delete` and `--patch` to an extracted image tree.
enum TreePatcher {
    /// Removes each of `paths` (absolute, in the image) from `tree`.
    /// - Throws: ``RemasterError/badDeletion(path:reason:)`` for a path that is not clean or not there.
    static func delete(_ paths: [String], in tree: String) throws {
        for path in paths {
            let components = path.split(separator: "/")
            guard path.hasPrefix("/"), !components.isEmpty, !components.contains(where: { $0 == "." || $0 == ".." }) else {
                throw RemasterError.badDeletion(path: path, reason: "use an absolute path in the image without . or ..")
            }
            let host = tree + "/" + components.joined(separator: "/")
            guard (try? FileManager.default.attributesOfItem(atPath: host)) != nil else {
                throw RemasterError.badDeletion(path: path, reason: "no such file or directory in the image")
            }
            try FileManager.default.removeItem(atPath: host)
        }
    }

    /// Copies the contents of `patch` over `tree`: directories merge, files and symlinks replace what is there.
    /// - Returns: The image paths written, sorted.
    /// - Throws: ``RemasterError/badPatch(path:reason:)`` if `patch` is not a directory; host errors otherwise.
    static func apply(_ patch: String, to tree: String) throws -> [String] {
        guard HostPath.isDirectory(patch) else { throw RemasterError.badPatch(path: patch, reason: "not a directory") }
        let manager = FileManager.default
        var written: [String] = []
        guard let walker = manager.enumerator(atPath: patch) else {
            throw RemasterError.badPatch(path: patch, reason: "cannot be read")
        }
        while let relative = walker.nextObject() as? String {
            let source = patch + "/" + relative
            let target = tree + "/" + relative
            let attributes = try manager.attributesOfItem(atPath: source)
            let type = attributes[.type] as? FileAttributeType
            var targetIsDirectory: ObjCBool = false
            let exists = manager.fileExists(atPath: target, isDirectory: &targetIsDirectory)
            let isLink = (try? manager.destinationOfSymbolicLink(atPath: target)) != nil
            if type == .typeDirectory {
                if exists, targetIsDirectory.boolValue, !isLink { continue }
                if exists || isLink { try manager.removeItem(atPath: target) }
                try manager.createDirectory(atPath: target, withIntermediateDirectories: false)
                if let mode = attributes[.posixPermissions] {
                    try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: target)
                }
            } else {
                if exists || isLink { try manager.removeItem(atPath: target) }
                try manager.copyItem(atPath: source, toPath: target)
            }
            written.append("/" + relative)
        }
        return written.sorted()
    }
}
