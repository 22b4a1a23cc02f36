/// What ``SquashFSBuilder/build(from:to:options:)`` stored.
public struct SquashFSBuildSummary: Hashable, Sendable {
    /// Distinct inodes (hard links share one).
    public var inodeCount: Int
    /// Directory entries including the root.
    public var entryCount: Int
    /// Bytes of file data read from the source (each hard-linked file once).
    public var dataBytes: UInt64
}
