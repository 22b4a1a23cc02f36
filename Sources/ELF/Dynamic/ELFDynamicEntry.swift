import BinaryIO

/// System V gABI "Dynamic Section" (`Elf64_Dyn`, 16 bytes) — one entry of the dynamic array: a tag and a value
/// or address.
public struct ELFDynamicEntry: Hashable, Sendable {
    /// The size of an ELF64 dynamic entry in bytes.
    public static let size = 16

    /// `d_tag`: what the entry holds.
    public var tag: ELFDynamicTag
    /// `d_val` / `d_ptr`: a number, a string table offset or a virtual address, depending on ``tag``.
    public var value: UInt64

    /// Creates an entry.
    public init(tag: ELFDynamicTag, value: UInt64) {
        self.tag = tag
        self.value = value
    }

    /// Decodes one entry from the start of `bytes`, which lies at `offset` in its file.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` for fewer than 16 bytes.
    ///
    /// Spec: System V gABI, "Dynamic Section", Figure "Dynamic Structure".
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "ELF dynamic entry")
        try reader.require(Self.size)
        tag = ELFDynamicTag(rawValue: Int64(bitPattern: try reader.uint64LE()))
        value = try reader.uint64LE()
    }

    /// The 16 bytes of the entry.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.uint64LE(UInt64(bitPattern: tag.rawValue))
        writer.uint64LE(value)
        return writer.bytes
    }
}
