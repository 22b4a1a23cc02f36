import BinaryIO

/// System V gABI "ELF Header" (`Elf64_Ehdr`, 64 bytes) — ELF64 little-endian only.
///
/// `e_ident` is checked for the magic, `ELFCLASS64`, `ELFDATA2LSB` and `EV_CURRENT`; the OS ABI, ABI version and
/// padding bytes are kept so the header re-encodes byte for byte.
public struct ELFHeader: Hashable, Sendable {
    /// The size of an ELF64 header in bytes.
    public static let size = 64
    /// The size of an ELF64 section header (`Elf64_Shdr`) in bytes.
    public static let sectionHeaderSize = 64
    /// The size of an ELF64 program header (`Elf64_Phdr`) in bytes.
    public static let programHeaderSize = 56
    /// `ELFMAG`: the four bytes every ELF file starts with.
    public static let magic: [UInt8] = [0x7F, 0x45, 0x4C, 0x46]
    /// `ELFCLASS64`, the only `EI_CLASS` read.
    public static let class64: UInt8 = 2
    /// `ELFDATA2LSB`, the only `EI_DATA` read.
    public static let littleEndian: UInt8 = 1
    /// `EV_CURRENT`, the only `EI_VERSION` and `e_version`.
    public static let currentVersion: UInt8 = 1
    /// `SHN_XINDEX`: in ``sectionNameTableIndex``, the real index is in section 0's `sh_link`.
    public static let extendedSectionIndex: UInt16 = 0xFFFF

    /// `EI_OSABI`: the OS or ABI extensions (0 System V, 3 Linux).
    public var osABI: UInt8
    /// `EI_ABIVERSION`: the ABI version.
    public var abiVersion: UInt8
    /// `EI_PAD`: the seven bytes that end `e_ident`, normally zero.
    public var identPadding: [UInt8]
    /// `e_type`: relocatable, executable, shared object …
    public var type: ELFFileType
    /// `e_machine`: the architecture.
    public var machine: ELFMachine
    /// `e_entry`: the virtual address where the program starts, or 0.
    public var entryAddress: UInt64
    /// `e_phoff`: the file offset of the program header table, or 0.
    public var programHeaderOffset: UInt64
    /// `e_shoff`: the file offset of the section header table, or 0.
    public var sectionHeaderOffset: UInt64
    /// `e_flags`: processor-specific flags.
    public var flags: UInt32
    /// `e_phentsize`: the size of one program header (56 when there are any).
    public var programHeaderEntrySize: UInt16
    /// `e_phnum`: the number of program headers.
    public var programHeaderCount: UInt16
    /// `e_shentsize`: the size of one section header (64 when there are any).
    public var sectionHeaderEntrySize: UInt16
    /// `e_shnum`: the number of section headers, or 0 with the real count in section 0's `sh_size` when it does
    /// not fit.
    public var sectionHeaderCount: UInt16
    /// `e_shstrndx`: the index of the section name string table, or ``extendedSectionIndex``.
    public var sectionNameTableIndex: UInt16

    /// Creates a header from its fields; `e_ident`'s class, data and version, `e_version` and `e_ehsize` are fixed.
    public init(
        osABI: UInt8 = 0, abiVersion: UInt8 = 0, identPadding: [UInt8] = Array(repeating: 0, count: 7),
        type: ELFFileType, machine: ELFMachine, entryAddress: UInt64 = 0, programHeaderOffset: UInt64 = 0,
        sectionHeaderOffset: UInt64 = 0, flags: UInt32 = 0, programHeaderEntrySize: UInt16 = 0,
        programHeaderCount: UInt16 = 0, sectionHeaderEntrySize: UInt16 = 0, sectionHeaderCount: UInt16 = 0,
        sectionNameTableIndex: UInt16 = 0
    ) {
        precondition(identPadding.count == 7, "EI_PAD is 7 bytes")
        self.osABI = osABI
        self.abiVersion = abiVersion
        self.identPadding = identPadding
        self.type = type
        self.machine = machine
        self.entryAddress = entryAddress
        self.programHeaderOffset = programHeaderOffset
        self.sectionHeaderOffset = sectionHeaderOffset
        self.flags = flags
        self.programHeaderEntrySize = programHeaderEntrySize
        self.programHeaderCount = programHeaderCount
        self.sectionHeaderEntrySize = sectionHeaderEntrySize
        self.sectionHeaderCount = sectionHeaderCount
        self.sectionNameTableIndex = sectionNameTableIndex
    }

    /// Decodes and validates the header at the start of `bytes`, which lies at `offset` in its file.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` for fewer than 64 bytes,
    ///   ``DecodeError/badSignature(structure:offset:expected:found:)`` without the ELF magic, and
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` for a 32-bit or big-endian file, an unknown version,
    ///   or a header or table entry size other than ELF64's.
    ///
    /// Spec: System V gABI, "ELF Header" and "ELF Identification".
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "ELF header")
        try reader.require(Self.size)
        try reader.expect(Self.magic)
        let classOffset = reader.offset
        let fileClass = try reader.uint8()
        guard fileClass == Self.class64 else {
            let reason = fileClass == 1 ? "ELFCLASS32; only ELF64 is supported" : "unknown class \(fileClass)"
            throw .invalidValue(field: "EI_CLASS", offset: classOffset, reason: reason)
        }
        let dataOffset = reader.offset
        let data = try reader.uint8()
        guard data == Self.littleEndian else {
            let reason =
                data == 2 ? "ELFDATA2MSB (big-endian); only little-endian is supported" : "unknown encoding \(data)"
            throw .invalidValue(field: "EI_DATA", offset: dataOffset, reason: reason)
        }
        let identVersionOffset = reader.offset
        let identVersion = try reader.uint8()
        guard identVersion == Self.currentVersion else {
            throw .invalidValue(
                field: "EI_VERSION", offset: identVersionOffset, reason: "version \(identVersion), expected 1")
        }
        osABI = try reader.uint8()
        abiVersion = try reader.uint8()
        identPadding = Array(try reader.bytes(7))
        type = ELFFileType(rawValue: try reader.uint16LE())
        machine = ELFMachine(rawValue: try reader.uint16LE())
        let versionOffset = reader.offset
        let version = try reader.uint32LE()
        guard version == UInt32(Self.currentVersion) else {
            throw .invalidValue(field: "e_version", offset: versionOffset, reason: "version \(version), expected 1")
        }
        entryAddress = try reader.uint64LE()
        programHeaderOffset = try reader.uint64LE()
        sectionHeaderOffset = try reader.uint64LE()
        flags = try reader.uint32LE()
        let headerSizeOffset = reader.offset
        let headerSize = try reader.uint16LE()
        guard headerSize == UInt16(Self.size) else {
            throw .invalidValue(field: "e_ehsize", offset: headerSizeOffset, reason: "\(headerSize) bytes, expected 64")
        }
        let programEntryOffset = reader.offset
        programHeaderEntrySize = try reader.uint16LE()
        programHeaderCount = try reader.uint16LE()
        guard programHeaderCount == 0 || programHeaderEntrySize == UInt16(Self.programHeaderSize) else {
            throw .invalidValue(
                field: "e_phentsize", offset: programEntryOffset,
                reason: "\(programHeaderEntrySize) bytes, expected 56")
        }
        let sectionEntryOffset = reader.offset
        sectionHeaderEntrySize = try reader.uint16LE()
        sectionHeaderCount = try reader.uint16LE()
        guard sectionHeaderOffset == 0 || sectionHeaderEntrySize == UInt16(Self.sectionHeaderSize) else {
            throw .invalidValue(
                field: "e_shentsize", offset: sectionEntryOffset,
                reason: "\(sectionHeaderEntrySize) bytes, expected 64")
        }
        sectionNameTableIndex = try reader.uint16LE()
    }

    /// The 64 bytes of the header.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.append(Self.magic)
        writer.uint8(Self.class64)
        writer.uint8(Self.littleEndian)
        writer.uint8(Self.currentVersion)
        writer.uint8(osABI)
        writer.uint8(abiVersion)
        writer.append(identPadding)
        writer.uint16LE(type.rawValue)
        writer.uint16LE(machine.rawValue)
        writer.uint32LE(UInt32(Self.currentVersion))
        writer.uint64LE(entryAddress)
        writer.uint64LE(programHeaderOffset)
        writer.uint64LE(sectionHeaderOffset)
        writer.uint32LE(flags)
        writer.uint16LE(UInt16(Self.size))
        writer.uint16LE(programHeaderEntrySize)
        writer.uint16LE(programHeaderCount)
        writer.uint16LE(sectionHeaderEntrySize)
        writer.uint16LE(sectionHeaderCount)
        writer.uint16LE(sectionNameTableIndex)
        return writer.bytes
    }
}
