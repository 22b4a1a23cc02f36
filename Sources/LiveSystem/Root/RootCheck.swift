import Foundation

/// Checks that a root file system can boot: its init exists and is executable, following symlinks inside the
/// root (an absolute link target such as `/lib/systemd/systemd` means the root's own path, not the host's).
enum RootCheck {
    /// The most symlinks followed before giving up.
    static let maximumLinks = 16

    /// Throws unless `root` has an executable `initPath`.
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` if `root` is not a directory,
    ///   ``LiveBuildError/rootWithoutInit(root:init:)`` otherwise.
    static func requireInit(root: String, initPath: String) throws(LiveBuildError) {
        guard HostPath.isDirectory(root) else { throw .badInput(path: root, reason: "not a directory") }
        var inside = initPath.hasPrefix("/") ? initPath : "/" + initPath
        for _ in 0..<maximumLinks {
            let host = root + inside
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: host) else {
                guard HostPath.isReadableFile(host), access(host, X_OK) == 0 else { break }
                return
            }
            inside = target.hasPrefix("/") ? target : ((inside as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent(target)
        }
        throw .rootWithoutInit(root: root, program: initPath)
    }
}
