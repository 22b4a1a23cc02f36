/// Owners, modes and device numbers of every entry of an extracted SquashFS image, so that an image rebuilt from
/// the extracted tree (``SquashFSBuilder/build(from:restoring:to:options:observer:)``) gets them back.
public struct SquashFSMetadataTable: Hashable, Sendable, Codable {
    /// One row per entry, the root first, parents before their children.
    public var entries: [SquashFSMetadata]

    /// Creates a table.
    public init(entries: [SquashFSMetadata]) {
        self.entries = entries
    }

    /// The rows by path.
    public func byPath() -> [String: SquashFSMetadata] {
        Dictionary(entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
