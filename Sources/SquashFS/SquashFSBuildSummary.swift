/// What ``SquashFSBuilder/build(from:to:options:)`` or ``SquashFSBuilder/build(fromTar:to:options:)`` stored.
public struct SquashFSBuildSummary: Hashable, Sendable {
    /// Distinct inodes (hard links share one).
    public var inodeCount: Int
    /// Directory entries including the root.
    public var entryCount: Int
    /// Bytes of file data read from the source (each hard-linked file once).
    public var dataBytes: UInt64

    /// The summary of a numbered node array.
    init(_ nodes: [SourceNode]) {
        inodeCount = Int(nodes[0].inodeNumber)
        entryCount = nodes.count
        dataBytes = nodes.reduce(0) { $1.isRegularFile && $1.hardLinkOf == nil ? $0 + $1.sizeBytes : $0 }
    }
}
