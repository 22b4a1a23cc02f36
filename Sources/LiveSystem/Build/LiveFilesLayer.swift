import Foundation

/// Stages ``LiveFile`` additions as a directory tree for the image's files layer.
enum LiveFilesLayer {
    /// Copies each file to `root` + its target path, creating parent directories (0755).
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` for a source that is not a readable regular file, or a
    ///   target that is not an absolute path without `.`/`..` components.
    static func stage(_ files: [LiveFile], in root: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        for file in files {
            let components = file.target.split(separator: "/", omittingEmptySubsequences: true)
            guard file.target.hasPrefix("/"), !components.isEmpty, !components.contains(where: { $0 == "." || $0 == ".." }) else {
                throw LiveBuildError.badInput(path: file.target, reason: "a file target must be an absolute path without . or ..")
            }
            guard HostPath.isReadableFile(file.source) else {
                throw LiveBuildError.badInput(path: file.source, reason: "not a readable regular file")
            }
            let destination = root + "/" + components.joined(separator: "/")
            try manager.createDirectory(
                atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if manager.fileExists(atPath: destination) { try manager.removeItem(atPath: destination) }
            try manager.copyItem(atPath: file.source, toPath: destination)
            if let mode = file.mode { try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: destination) }
        }
    }
}
