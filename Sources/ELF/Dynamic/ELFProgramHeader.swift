import BinaryIO

/// System V gABI "Program Header" (`Elf64_Phdr`, 56 bytes) — one segment of an executable or shared object.
public struct ELFProgramHeader: Hashable, Sendable {
    /// `p_type`: what the segment is.
    public var type: ELFSegmentType
    /// `p_flags`: its memory permissions.
    public var flags: ELFSegmentFlags
    /// `p_offset`: the file offset of its first byte.
    public var offset: UInt64
    /// `p_vaddr`: the virtual address of its first byte in memory.
    public var virtualAddress: UInt64
    /// `p_paddr`: the physical address, where that matters (usually equal to ``virtualAddress``).
    public var physicalAddress: UInt64
    /// `p_filesz`: its size in the file, in bytes.
    public var fileSize: UInt64
    /// `p_memsz`: its size in memory, in bytes (at least ``fileSize`` for a loadable segment).
    public var memorySize: UInt64
    /// `p_align`: its alignment in memory and in the file; 0 or 1 for none, else a power of two.
    public var alignment: UInt64

    /// Creates a program header from its fields.
    public init(
        type: ELFSegmentType, flags: ELFSegmentFlags = [.read], offset: UInt64, virtualAddress: UInt64,
        physicalAddress: UInt64? = nil, fileSize: UInt64, memorySize: UInt64? = nil, alignment: UInt64 = 1
    ) {
        self.type = type
        self.flags = flags
        self.offset = offset
        self.virtualAddress = virtualAddress
        self.physicalAddress = physicalAddress ?? virtualAddress
        self.fileSize = fileSize
        self.memorySize = memorySize ?? fileSize
        self.alignment = alignment
    }

    /// Decodes one program header from the start of `bytes`, which lies at `offset` in its file.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` for fewer than 56 bytes, and
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` when `p_align` is not 0 or a power of two, or a
    ///   `PT_LOAD` segment is larger in the file than in memory.
    ///
    /// Spec: System V gABI, "Program Header", Figure "Program Header".
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "ELF program header")
        try reader.require(ELFHeader.programHeaderSize)
        type = ELFSegmentType(rawValue: try reader.uint32LE())
        flags = ELFSegmentFlags(rawValue: try reader.uint32LE())
        self.offset = try reader.uint64LE()
        virtualAddress = try reader.uint64LE()
        physicalAddress = try reader.uint64LE()
        fileSize = try reader.uint64LE()
        let memorySizeOffset = reader.offset
        memorySize = try reader.uint64LE()
        let alignmentOffset = reader.offset
        alignment = try reader.uint64LE()
        guard alignment & (alignment &- 1) == 0 else {
            throw .invalidValue(field: "p_align", offset: alignmentOffset, reason: "\(alignment) is not a power of two")
        }
        // gABI: "p_filesz may not be larger than p_memsz" for a loadable segment.
        guard type != .load || fileSize <= memorySize else {
            throw .invalidValue(
                field: "p_memsz", offset: memorySizeOffset,
                reason: "\(memorySize) bytes in memory, less than the \(fileSize) bytes in the file")
        }
    }

    /// The 56 bytes of the program header.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: ELFHeader.programHeaderSize)
        writer.uint32LE(type.rawValue)
        writer.uint32LE(flags.rawValue)
        writer.uint64LE(offset)
        writer.uint64LE(virtualAddress)
        writer.uint64LE(physicalAddress)
        writer.uint64LE(fileSize)
        writer.uint64LE(memorySize)
        writer.uint64LE(alignment)
        return writer.bytes
    }

    /// The file offset of virtual address `address` if it lies in this segment's file bytes (a `PT_LOAD` maps
    /// `[p_vaddr, p_vaddr + p_filesz)` from `[p_offset, p_offset + p_filesz)`), with how many file bytes follow it
    /// in the segment.
    public func fileOffset(ofVirtualAddress address: UInt64) -> (offset: UInt64, available: UInt64)? {
        guard address >= virtualAddress else { return nil }
        let delta = address - virtualAddress
        guard delta < fileSize else { return nil }
        let (start, overflow) = offset.addingReportingOverflow(delta)
        guard !overflow else { return nil }
        return (start, fileSize - delta)
    }
}
