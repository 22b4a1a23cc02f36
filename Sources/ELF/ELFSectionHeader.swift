import BinaryIO

/// System V gABI "Sections" — one section header (`Elf64_Shdr`, 64 bytes).
public struct ELFSectionHeader: Hashable, Sendable {
    /// `sh_name`: the offset of the section's name in the section name string table.
    public var nameOffset: UInt32
    /// `sh_type`: what the section holds.
    public var type: ELFSectionType
    /// `sh_flags`: attributes.
    public var flags: ELFSectionFlags
    /// `sh_addr`: the address of the first byte in memory, or 0.
    public var address: UInt64
    /// `sh_offset`: the file offset of the section's bytes.
    public var offset: UInt64
    /// `sh_size`: the section's size in bytes (in memory only for ``ELFSectionType/noBits``).
    public var size: UInt64
    /// `sh_link`: a section header index whose meaning depends on ``type``.
    public var link: UInt32
    /// `sh_info`: extra information whose meaning depends on ``type``.
    public var info: UInt32
    /// `sh_addralign`: the alignment of ``address`` (0 or 1: none; otherwise a power of two).
    public var addressAlignment: UInt64
    /// `sh_entsize`: the size of each entry for sections that hold a table, or 0.
    public var entrySize: UInt64

    /// Creates a section header from its fields.
    public init(
        nameOffset: UInt32, type: ELFSectionType, flags: ELFSectionFlags = [], address: UInt64 = 0, offset: UInt64,
        size: UInt64, link: UInt32 = 0, info: UInt32 = 0, addressAlignment: UInt64 = 1, entrySize: UInt64 = 0
    ) {
        self.nameOffset = nameOffset
        self.type = type
        self.flags = flags
        self.address = address
        self.offset = offset
        self.size = size
        self.link = link
        self.info = info
        self.addressAlignment = addressAlignment
        self.entrySize = entrySize
    }

    /// Whether the section occupies bytes in the file (every type except ``ELFSectionType/noBits`` and
    /// ``ELFSectionType/null``).
    public var hasFileContents: Bool { type != .noBits && type != .null }

    /// Decodes one section header from the start of `bytes`, which lies at `offset` in its file.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` for fewer than 64 bytes, and
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` when `sh_addralign` is not 0 or a power of two.
    ///
    /// Spec: System V gABI, "Sections", Figure "Section Header".
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "ELF section header")
        try reader.require(ELFHeader.sectionHeaderSize)
        nameOffset = try reader.uint32LE()
        type = ELFSectionType(rawValue: try reader.uint32LE())
        flags = ELFSectionFlags(rawValue: try reader.uint64LE())
        address = try reader.uint64LE()
        self.offset = try reader.uint64LE()
        size = try reader.uint64LE()
        link = try reader.uint32LE()
        info = try reader.uint32LE()
        let alignmentOffset = reader.offset
        addressAlignment = try reader.uint64LE()
        guard addressAlignment & (addressAlignment &- 1) == 0 else {
            throw .invalidValue(
                field: "sh_addralign", offset: alignmentOffset, reason: "\(addressAlignment) is not a power of two")
        }
        entrySize = try reader.uint64LE()
    }

    /// The 64 bytes of the section header.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: ELFHeader.sectionHeaderSize)
        writer.uint32LE(nameOffset)
        writer.uint32LE(type.rawValue)
        writer.uint64LE(flags.rawValue)
        writer.uint64LE(address)
        writer.uint64LE(offset)
        writer.uint64LE(size)
        writer.uint32LE(link)
        writer.uint32LE(info)
        writer.uint64LE(addressAlignment)
        writer.uint64LE(entrySize)
        return writer.bytes
    }
}
