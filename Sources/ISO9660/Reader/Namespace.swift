/// Which directory tree of an image names its files.
public enum Namespace: String, Hashable, Sendable, Codable, CaseIterable {
    /// Pick Rock Ridge when present, else Joliet when present, else plain ISO 9660.
    case auto
    /// The primary tree with Rock Ridge names and attributes.
    case rockRidge = "rockridge"
    /// The Joliet supplementary tree (UCS-2 names).
    case joliet
    /// The primary tree with plain ISO 9660 names, ignoring Rock Ridge.
    case iso9660
}
