import Foundation
import SquashFS

/// Checks that a root file system can boot: its init exists and is executable, following symlinks inside the
/// root (an absolute link target such as `/lib/systemd/systemd` means the root's own path, not the host's).
enum RootCheck {
    /// What a path in a root is, as far as finding the init goes.
    enum Node {
        case executable
        case symlink(target: String)
        case other
    }

    /// The most symlinks followed before giving up.
    static let maximumLinks = 16

    /// Throws unless the root directory `root` has an executable `initPath`.
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` if `root` is not a directory,
    ///   ``LiveBuildError/rootWithoutInit(root:program:)`` otherwise.
    static func requireInit(root: String, initPath: String) throws(LiveBuildError) {
        guard HostPath.isDirectory(root) else { throw .badInput(path: root, reason: "not a directory") }
        try requireInit(rootName: root, initPath: initPath) { path in
            let host = root + path
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: host) {
                return .symlink(target: target)
            }
            return HostPath.isReadableFile(host) && access(host, X_OK) == 0 ? .executable : .other
        }
    }

    /// Throws unless the squashfs image `layer`, made from `rootName`, has an executable `initPath`.
    static func requireInit(layer: String, rootName: String, initPath: String) throws {
        var entries: [String: SquashFSEntry] = [:]
        for entry in try SquashFSReader.entries(of: layer) { entries["/" + entry.path] = entry }
        try requireInit(rootName: rootName, initPath: initPath) { path in
            guard let entry = entries[path] else { return .other }
            if let target = entry.linkTarget { return .symlink(target: target) }
            return entry.isRegularFile && entry.mode & 0o111 != 0 ? .executable : .other
        }
    }

    /// Follows `initPath` through `lookup` (absolute paths inside the root) to an executable.
    static func requireInit(
        rootName: String, initPath: String, lookup: (String) -> Node
    ) throws(LiveBuildError) {
        var inside = initPath.hasPrefix("/") ? initPath : "/" + initPath
        for _ in 0..<maximumLinks {
            switch lookup(inside) {
            case .executable:
                return
            case .other:
                throw .rootWithoutInit(root: rootName, program: initPath)
            case .symlink(let target):
                inside = target.hasPrefix("/") ? target : ((inside as NSString).deletingLastPathComponent as NSString)
                    .appendingPathComponent(target)
            }
        }
        throw .rootWithoutInit(root: rootName, program: initPath)
    }
}
