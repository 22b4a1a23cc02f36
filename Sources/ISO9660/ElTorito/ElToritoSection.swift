import BinaryIO

/// El Torito 1.0 §2.3–§2.4 — a section of the boot catalog: a Section Header Entry and the Section Entries it counts.
public struct ElToritoSection: Hashable, Sendable {
    /// The section header.
    public var header: ElToritoSectionHeader
    /// The entries, each with its extension records.
    public var entries: [ElToritoBootEntry]

    /// Creates a section.
    public init(header: ElToritoSectionHeader, entries: [ElToritoBootEntry]) {
        self.header = header
        self.entries = entries
    }

    /// Decodes a header and the entries it counts.
    ///
    /// - Parameters:
    ///   - bytes: The section and the catalog bytes after it.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: The errors of ``ElToritoSectionHeader/init(bytes:at:)`` and ``ElToritoBootEntry/init(bytes:at:)``;
    ///   ``DecodeError/truncated(structure:offset:needed:available:)`` if the entries run past `bytes`.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        header = try ElToritoSectionHeader(bytes: bytes, at: offset)
        var position = bytes.startIndex + ElToritoSectionHeader.size
        var entries: [ElToritoBootEntry] = []
        for _ in 0..<header.entryCount {
            guard position < bytes.endIndex else {
                throw .truncated(
                    structure: "El Torito section entry", offset: offset + Int64(position - bytes.startIndex),
                    needed: ElToritoBootEntry.size, available: 0)
            }
            let entry = try ElToritoBootEntry(bytes: bytes[position...], at: offset + Int64(position - bytes.startIndex))
            entries.append(entry)
            position += entry.encodedSize
        }
        self.entries = entries
    }

    /// The header followed by the entries.
    public func encode() -> [UInt8] {
        header.encode() + entries.flatMap { $0.encode() }
    }

    /// The number of catalog bytes the section takes.
    public var encodedSize: Int { ElToritoSectionHeader.size + entries.reduce(0) { $0 + $1.encodedSize } }
}
