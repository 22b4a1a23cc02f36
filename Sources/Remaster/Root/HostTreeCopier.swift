import Foundation
import LiveSystem

/// Copies a host directory's contents over another host directory, as `cp -a SRC/. DST` would without owners:
/// directories merge, files and symbolic links replace what is there. The root edits stage an isokit image's new
/// layer this way.
enum HostTreeCopier {
    /// Copies the contents of `source` over `target`.
    /// - Returns: The paths written, relative to `target` with a leading `/`, sorted.
    /// - Throws: ``RemasterError/badPatch(path:reason:)`` if `source` is not a readable directory; host errors.
    static func copy(_ source: String, over target: String) throws -> [String] {
        guard HostPath.isDirectory(source) else { throw RemasterError.badPatch(path: source, reason: "not a directory") }
        let manager = FileManager.default
        var written: [String] = []
        guard let walker = manager.enumerator(atPath: source) else {
            throw RemasterError.badPatch(path: source, reason: "cannot be read")
        }
        while let relative = walker.nextObject() as? String {
            let from = source + "/" + relative
            let to = target + "/" + relative
            let attributes = try manager.attributesOfItem(atPath: from)
            var isDirectory: ObjCBool = false
            let exists = manager.fileExists(atPath: to, isDirectory: &isDirectory)
            let isLink = (try? manager.destinationOfSymbolicLink(atPath: to)) != nil
            if attributes[.type] as? FileAttributeType == .typeDirectory {
                if exists, isDirectory.boolValue, !isLink { continue }
                if exists || isLink { try manager.removeItem(atPath: to) }
                try manager.createDirectory(atPath: to, withIntermediateDirectories: false)
                if let mode = attributes[.posixPermissions] {
                    try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: to)
                }
            } else {
                if exists || isLink { try manager.removeItem(atPath: to) }
                try manager.copyItem(atPath: from, toPath: to)
            }
            written.append("/" + relative)
        }
        return written.sorted()
    }
}
