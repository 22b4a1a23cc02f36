import Foundation
import SquashFS

/// Stages a ``ProgramClosure``'s files as a directory tree for the image's programs layer (`80-programs.squashfs`).
///
/// The layer goes above a root that may have symbolic links where the closure has directories: usrmerge's
/// `/lib → usr/lib`. A real `/lib` directory in an upper layer would hide the root's link and everything behind it,
/// so each file's directories are first followed through the root's links (``placement(of:links:)``).
enum ProgramsLayer {
    /// The target of the symbolic link at an absolute path in the root below the layer, or `nil` if that path is
    /// not a link (or not there).
    typealias LinkLookup = (String) -> String?

    /// Copies each file to `directory` + its placement, keeping its permission bits; new directories get 0755.
    /// - Parameters:
    ///   - files: The closure.
    ///   - directory: The layer's staging directory.
    ///   - links: The root's symbolic links, or `nil` for a root without any that matter (the rescue default).
    /// - Throws: ``LiveBuildError/programs(_:)`` for a symbolic link loop in the root, or a host error.
    static func stage(_ files: [ClosureFile], in directory: String, links: LinkLookup?) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var staged: Set<String> = []
        for file in files {
            let name = String(file.targetPath.split(separator: "/").last ?? "")
            var parent = RootedFileSystem.directory(of: file.targetPath)
            if let links { parent = try placement(of: parent, links: links) }
            let relative = (parent == "/" ? "" : parent) + "/" + name
            guard staged.insert(relative).inserted else { continue }
            try manager.createDirectory(
                atPath: directory + parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            let destination = directory + relative
            try manager.copyItem(atPath: file.hostPath, toPath: destination)
            if let mode = try manager.attributesOfItem(atPath: file.hostPath)[.posixPermissions] as? NSNumber {
                try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: destination)
            }
        }
    }

    /// Absolute `path` with the root's symbolic links followed as far as the root has them; the components the
    /// root lacks are kept as written.
    /// - Throws: ``LiveBuildError/programs(_:)`` with ``ProgramClosureError/symlinkLoop(path:)`` after
    ///   ``RootedFileSystem/symlinkLimit`` links.
    static func placement(of path: String, links: LinkLookup) throws(LiveBuildError) -> String {
        var pending = Array(path.split(separator: "/").map(String.init).reversed())
        var resolved: [String] = []
        var followed = 0
        while let component = pending.popLast() {
            if component == "." { continue }
            if component == ".." {
                _ = resolved.popLast()
                continue
            }
            guard let target = links("/" + (resolved + [component]).joined(separator: "/")) else {
                resolved.append(component)
                continue
            }
            followed += 1
            guard followed <= RootedFileSystem.symlinkLimit else { throw .programs(.symlinkLoop(path: path)) }
            if target.hasPrefix("/") { resolved = [] }
            pending += target.split(separator: "/").map(String.init).reversed()
        }
        return "/" + resolved.joined(separator: "/")
    }

    /// The symbolic links of a root directory on the host.
    static func links(inDirectory root: String) -> LinkLookup {
        { path in
            var status = stat()
            guard lstat(root + path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return nil }
            // A link that lstat just saw but readlink cannot read is treated as absent: the copy then makes a
            // directory there, as it would without a root.
            return try? FileManager.default.destinationOfSymbolicLink(atPath: root + path)
        }
    }

    /// The symbolic links of a squashfs layer (a root read from a tar archive).
    /// - Throws: `SquashFSError` if the layer cannot be read.
    static func links(inLayer layer: String) throws -> LinkLookup {
        var targets: [String: String] = [:]
        for entry in try SquashFSReader.entries(of: layer) {
            if let target = entry.linkTarget { targets["/" + entry.path] = target }
        }
        return { [targets] path in targets[path] }
    }
}
