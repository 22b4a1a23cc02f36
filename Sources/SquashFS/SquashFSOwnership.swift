/// Who owns the files in a new image.
public enum SquashFSOwnership: Hashable, Sendable {
    /// Each entry keeps the owner and group it has in the source tree.
    case preserve
    /// Every entry is owned by root (0:0): a rootfs built by an unprivileged user from their own tree.
    case root
    /// Owners and groups are translated through these maps; ids not in a map are kept.
    case mapped(users: [UInt32: UInt32], groups: [UInt32: UInt32])

    /// The owner and group recorded for a source entry owned by `user`:`group`.
    func map(user: UInt32, group: UInt32) -> (user: UInt32, group: UInt32) {
        switch self {
        case .preserve: (user, group)
        case .root: (0, 0)
        case .mapped(let users, let groups): (users[user] ?? user, groups[group] ?? group)
        }
    }
}
