import Foundation
import SquashFS

/// Owner options of a live build (`--all-root`, `--map-uid FROM:TO`, `--map-gid FROM:TO`) as squashfs ownership.
public enum LiveOwnership {
    /// The owners recorded for a host directory when none are asked for: the tree's own when run as root, root's
    /// otherwise (a rootless build of a user's own tree).
    public static var hostTreeDefault: SquashFSOwnership { geteuid() == 0 ? .preserve : .root }

    /// The ownership for the given options, or `nil` for the default (see ``LiveBuildOptions/ownership``).
    /// - Throws: ``LiveBuildError/invalidOption(_:)`` for a map entry that is not `FROM:TO` with decimal ids, or
    ///   maps together with all-root.
    public static func parse(allRoot: Bool, users: [String], groups: [String]) throws(LiveBuildError) -> SquashFSOwnership? {
        if allRoot {
            guard users.isEmpty, groups.isEmpty else {
                throw .invalidOption("all-root and id maps exclude each other")
            }
            return .root
        }
        guard !users.isEmpty || !groups.isEmpty else { return nil }
        return .mapped(users: try map(users, kind: "uid"), groups: try map(groups, kind: "gid"))
    }

    private static func map(_ entries: [String], kind: String) throws(LiveBuildError) -> [UInt32: UInt32] {
        var result: [UInt32: UInt32] = [:]
        for entry in entries {
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let from = UInt32(parts[0]), let to = UInt32(parts[1]) else {
                throw .invalidOption("\(kind) map \(String(reflecting: entry)): use FROM:TO with numeric ids")
            }
            result[from] = to
        }
        return result
    }
}
