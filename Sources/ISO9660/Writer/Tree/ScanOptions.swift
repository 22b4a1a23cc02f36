/// Choices for ``SourceTree/scan(directory:options:)``.
public struct ScanOptions: Hashable, Sendable {
    /// Glob patterns (`fnmatch(3)`, no flags, so `*` also matches `/`) of entries to leave out. A pattern is matched
    /// against the entry's path relative to the scanned directory (`boot/grub/x.tmp`) and against its name alone;
    /// either match excludes it, and an excluded directory leaves out its whole subtree. Example: `"*.tmp"`.
    public var excludes: [String] = []
    /// Follows symbolic links below the root and records what they point to (like `mkisofs -f`). Dangling links stay
    /// symbolic links; a link back to one of its own ancestors is an error.
    public var followSymlinks = false
    /// Records uid and gid 0 for every node instead of the host's owners (like `mkisofs -r`).
    public var rootOwnership = false

    /// Creates options; the defaults keep everything, follow no links and keep owners.
    public init(excludes: [String] = [], followSymlinks: Bool = false, rootOwnership: Bool = false) {
        self.excludes = excludes
        self.followSymlinks = followSymlinks
        self.rootOwnership = rootOwnership
    }
}
