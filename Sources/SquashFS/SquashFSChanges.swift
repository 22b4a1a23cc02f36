/// What ``SquashFSBuilder/build(fromImage:changes:to:options:observer:)`` changes in an existing image.
public struct SquashFSChanges: Hashable, Sendable {
    /// Host directories copied over the image's root, lowest first: a file replaces what is at its path,
    /// a directory merges into a directory there (which keeps its own owner, mode and time), and a file over a
    /// directory or a directory over a file replaces it with its whole subtree.
    public var overlays: [String]
    /// Paths in the image to leave out, each with its whole subtree (`etc/motd`, `/var/cache/apt`); applied before
    /// the overlays.
    public var deletions: [String]
    /// Whether an overlay file that replaces a file of the image takes over that file's owner and group (so a new
    /// `/etc/shadow` stays `root:shadow`); new entries always get the options' ownership rule.
    public var keepsReplacedOwners: Bool

    /// Changes with the given overlays and deletions.
    /// - Parameters:
    ///   - overlays: Host directories, lowest first.
    ///   - deletions: Image paths to drop.
    ///   - keepsReplacedOwners: Whether replaced files keep their owner and group.
    public init(overlays: [String] = [], deletions: [String] = [], keepsReplacedOwners: Bool = true) {
        self.overlays = overlays
        self.deletions = deletions
        self.keepsReplacedOwners = keepsReplacedOwners
    }
}
