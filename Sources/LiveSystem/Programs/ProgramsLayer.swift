import Foundation

/// Stages a ``ProgramClosure``'s files as a directory tree for the image's programs layer (`80-programs.squashfs`).
enum ProgramsLayer {
    /// Copies each file to `directory` + its target path, keeping its permission bits; parent directories get 0755.
    ///
    /// With `liveRoot` (a root directory the layer goes above), a target's directories are looked up in that root
    /// first, so a file for `/lib/x86_64-linux-gnu` lands in `usr/lib/x86_64-linux-gnu` when the root's `/lib` is a
    /// symbolic link to `usr/lib`: a real `/lib` directory in an upper layer would hide the root's link and
    /// everything behind it.
    /// - Throws: ``LiveBuildError/programs(_:)`` for a symbolic link loop in `liveRoot`, or a host error.
    static func stage(_ files: [ClosureFile], in directory: String, liveRoot: String?) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let root = liveRoot.map { RootedFileSystem(root: $0) }
        var staged: Set<String> = []
        for file in files {
            var parent = RootedFileSystem.directory(of: file.targetPath)
            do {
                if let root, let resolved = try root.resolve(parent, keepingMissing: true) { parent = resolved }
            } catch {
                throw LiveBuildError.programs(error)
            }
            let name = String(file.targetPath.split(separator: "/").last ?? "")
            let relative = (parent == "/" ? "" : parent) + "/" + name
            guard staged.insert(relative).inserted else { continue }
            let destination = directory + relative
            try manager.createDirectory(
                atPath: directory + parent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o755])
            try manager.copyItem(atPath: file.hostPath, toPath: destination)
            let mode = try manager.attributesOfItem(atPath: file.hostPath)[.posixPermissions] as? NSNumber
            if let mode { try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: destination) }
        }
    }
}
