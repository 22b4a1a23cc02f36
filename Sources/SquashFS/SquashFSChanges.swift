/// What ``SquashFSBuilder/build(fromImage:changes:to:options:observer:)`` changes in an existing image.
public struct SquashFSChanges: Hashable, Sendable {
    /// Host directories copied over the image's root, lowest first: a file replaces what is at its path,
    /// a directory merges into a directory there (which keeps its own owner, mode and time), and a file over a
    /// directory or a directory over a file replaces it with its whole subtree.
    public var overlays: [String]
    /// Paths in the image to leave out, each with its whole subtree (`etc/motd`, `/var/cache/apt`); applied before
    /// the overlays.
    public var deletions: [String]

    /// Changes with the given overlays and deletions.
    /// - Parameters:
    ///   - overlays: Host directories, lowest first.
    ///   - deletions: Image paths to drop.
    public init(overlays: [String] = [], deletions: [String] = []) {
        self.overlays = overlays
        self.deletions = deletions
    }
}
