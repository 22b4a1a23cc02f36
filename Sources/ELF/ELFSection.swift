/// A section of an ``ELFFile``: its header, index and name.
public struct ELFSection: Hashable, Sendable {
    /// The index in the section header table.
    public let index: Int
    /// The name from the section name string table (`""` if the file has none).
    public let name: String
    /// The section header.
    public let header: ELFSectionHeader

    /// Creates a section.
    public init(index: Int, name: String, header: ELFSectionHeader) {
        self.index = index
        self.name = name
        self.header = header
    }
}
