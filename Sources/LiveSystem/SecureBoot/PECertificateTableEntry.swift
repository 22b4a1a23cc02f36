import BinaryIO

/// PE/COFF specification §3.4.3 "Optional Header Data Directories", entry 4 — the Certificate Table: where an EFI
/// image keeps its Authenticode signatures (§4.7 "The Attribute Certificate Table"), as a file offset and a size.
public struct PECertificateTableEntry: Hashable, Sendable {
    /// The table's offset in the file (unlike the other data directories, not a virtual address); 0 when unsigned.
    public var fileOffset: UInt32
    /// The table's size in bytes; 0 when the image carries no signature.
    public var byteCount: UInt32

    /// The entry's size on disk.
    public static let size = 8

    /// Creates an entry.
    public init(fileOffset: UInt32, byteCount: UInt32) {
        self.fileOffset = fileOffset
        self.byteCount = byteCount
    }

    /// Whether the image has no certificate table, so no signature.
    public var isEmpty: Bool { byteCount == 0 }

    /// Decodes the 8-byte entry at the start of `bytes`, which lie at `offset` in the file.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` for fewer than 8 bytes, and
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` for a size with no offset.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "PE certificate table entry")
        try reader.require(Self.size)
        fileOffset = try reader.uint32LE()
        let sizeOffset = reader.offset
        byteCount = try reader.uint32LE()
        // The table follows the image's sections, so it can never start at the beginning of the file.
        guard byteCount == 0 || fileOffset != 0 else {
            throw .invalidValue(field: "certificate table size", offset: sizeOffset, reason: "\(byteCount) bytes at file offset 0")
        }
    }

    /// The 8 bytes of the entry.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.uint32LE(fileOffset)
        writer.uint32LE(byteCount)
        return writer.bytes
    }
}
