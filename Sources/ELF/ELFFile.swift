import BinaryIO

/// An ELF64 little-endian file: its header, its section headers with their names, and section contents read on
/// demand.
///
/// Opening reads only the 64-byte header, the section header table and the section name string table; a
/// section's bytes are read when asked for, with `pread` for a file, as are the program headers and the dynamic
/// section (``programHeaders()``, ``dynamicLinking()``). Every offset and size is checked against the file size
/// before anything is read or allocated.
///
/// ```swift
/// let elf = try ELFFile(reader: ImageReader(path: "sr_mod.ko"))
/// let modinfo = try ModuleInfo(bytes: elf.section(named: ".modinfo") ?? [], at: 0)
/// ```
public struct ELFFile: Sendable {
    /// The ELF header.
    public let header: ELFHeader
    /// The sections in section header table order (index 0 is the null section when there is a table).
    public let sections: [ELFSection]
    /// The size of the whole file in bytes.
    public var size: Int64 { source.size }

    private let source: ELFByteSource

    /// Reads the header and section table of the file open in `reader`.
    /// - Throws: ``DecodeError`` for a malformed or unsupported file (see ``init(bytes:)``), ``IOError`` if a read
    ///   fails.
    ///
    /// Spec: System V gABI, "ELF Header" and "Sections".
    public init(reader: ImageReader) throws {
        source = .file(reader)
        (header, sections) = try Self.load(source)
    }

    /// Reads the header and section table of an ELF file held in memory.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` when the header, the section header
    ///   table or a section runs past the end; ``DecodeError/fieldOutOfRange(field:offset:value:limit:)`` for an
    ///   offset, count or name index out of range; ``DecodeError/invalidValue(field:offset:reason:)`` for an
    ///   unsupported class or byte order, or a name table that is not `SHT_STRTAB`; and the errors of
    ///   ``ELFHeader/init(bytes:at:)`` and ``ELFSectionHeader/init(bytes:at:)``.
    ///
    /// Spec: System V gABI, "ELF Header" and "Sections".
    public init(bytes: [UInt8]) throws(DecodeError) {
        source = .memory(bytes)
        do {
            (header, sections) = try Self.load(source)
        } catch let error as DecodeError {
            throw error
        } catch {
            preconditionFailure("reading from memory throws only DecodeError, not \(error)")
        }
    }

    /// The first section called `name`.
    public func firstSection(named name: String) -> ELFSection? { sections.first { $0.name == name } }

    /// The bytes of the first section called `name`, or `nil` if there is none.
    /// - Throws: ``IOError`` if a read fails.
    public func section(named name: String) throws -> ArraySlice<UInt8>? {
        guard let section = firstSection(named: name) else { return nil }
        return try contents(of: section)
    }

    /// The bytes of `section` (empty for `SHT_NOBITS` and `SHT_NULL`); its range was checked when the file was
    /// opened.
    /// - Throws: ``IOError`` if a read fails.
    public func contents(of section: ELFSection) throws -> ArraySlice<UInt8> {
        guard section.header.hasFileContents, section.header.size > 0 else { return [] }
        return try read(
            at: section.header.offset, count: section.header.size, structure: "ELF section \(section.name)")
    }

    /// Reads `count` bytes at file offset `offset`, as for a program header's segment or a table found through one.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` if the range passes the end of the
    ///   file (`structure` names it), ``IOError`` if a read fails.
    public func read(at offset: UInt64, count: UInt64, structure: String) throws -> ArraySlice<UInt8> {
        guard let start = Int64(exactly: offset), let length = Int(exactly: count) else {
            throw DecodeError.truncated(
                structure: structure, offset: Int64(clamping: offset), needed: Int(clamping: count), available: 0)
        }
        return try source.read(at: start, count: length, structure: structure)
    }

    private static func load(_ source: ELFByteSource) throws -> (ELFHeader, [ELFSection]) {
        let fileSize = source.size
        let headerBytes = try source.read(
            at: 0, count: min(Int64(ELFHeader.size), fileSize).clampedInt, structure: "ELF header")
        let header = try ELFHeader(bytes: headerBytes, at: 0)
        guard header.sectionHeaderOffset != 0 else { return (header, []) }

        let entrySize = Int64(ELFHeader.sectionHeaderSize)
        guard let tableOffset = Int64(exactly: header.sectionHeaderOffset), tableOffset <= fileSize - entrySize else {
            throw DecodeError.fieldOutOfRange(
                field: "e_shoff", offset: 0x28, value: header.sectionHeaderOffset,
                limit: UInt64(max(fileSize - entrySize, 0)))
        }
        // gABI "Sections": e_shnum 0 means the count does not fit in 16 bits and sits in section 0's sh_size.
        var count = UInt64(header.sectionHeaderCount)
        if count == 0 {
            let first = try ELFSectionHeader(
                bytes: try source.read(
                    at: tableOffset, count: ELFHeader.sectionHeaderSize, structure: "ELF section header"),
                at: tableOffset)
            count = first.size
        }
        guard count > 0 else { return (header, []) }
        let room = UInt64(fileSize - tableOffset) / UInt64(entrySize)
        guard count <= room else {
            throw DecodeError.fieldOutOfRange(
                field: header.sectionHeaderCount == 0 ? "sh_size of section 0 (section count)" : "e_shnum",
                offset: header.sectionHeaderCount == 0 ? tableOffset + 0x20 : 0x3C, value: count, limit: room)
        }
        let table = try source.read(
            at: tableOffset, count: Int(count) * ELFHeader.sectionHeaderSize, structure: "ELF section header table")
        var headers: [ELFSectionHeader] = []
        headers.reserveCapacity(Int(count))
        for index in 0..<Int(count) {
            let start = table.startIndex + index * ELFHeader.sectionHeaderSize
            let position = tableOffset + Int64(index) * entrySize
            let sectionHeader = try ELFSectionHeader(
                bytes: table[start..<(start + ELFHeader.sectionHeaderSize)], at: position)
            try checkContents(of: sectionHeader, index: index, headerOffset: position, fileSize: fileSize)
            headers.append(sectionHeader)
        }

        let names = try sectionNames(header: header, headers: headers, firstLink: headers[0].link, source: source)
        let sections = headers.indices.map { ELFSection(index: $0, name: names[$0], header: headers[$0]) }
        return (header, sections)
    }

    /// Throws unless the bytes of a section that occupies file space lie inside the file.
    private static func checkContents(
        of header: ELFSectionHeader, index: Int, headerOffset: Int64, fileSize: Int64
    ) throws(DecodeError) {
        guard header.hasFileContents else { return }
        guard let start = Int64(exactly: header.offset), start <= fileSize else {
            throw .fieldOutOfRange(
                field: "sh_offset of section \(index)", offset: headerOffset + 0x18,
                value: header.offset, limit: UInt64(fileSize))
        }
        guard header.size <= UInt64(fileSize - start) else {
            throw .truncated(
                structure: "ELF section \(index) contents", offset: start,
                needed: Int(clamping: header.size), available: Int(fileSize - start))
        }
    }

    /// The name of each section, from the table `e_shstrndx` (or section 0's `sh_link`) points to.
    private static func sectionNames(
        header: ELFHeader, headers: [ELFSectionHeader], firstLink: UInt32, source: ELFByteSource
    ) throws -> [String] {
        let extended = header.sectionNameTableIndex == ELFHeader.extendedSectionIndex
        let tableIndex = extended ? Int(firstLink) : Int(header.sectionNameTableIndex)
        // SHN_UNDEF: the file has no section names.
        guard tableIndex != 0 else { return Array(repeating: "", count: headers.count) }
        let fieldOffset: Int64 = extended ? Int64(exactly: header.sectionHeaderOffset).map { $0 + 0x28 } ?? 0 : 0x3E
        guard tableIndex < headers.count else {
            throw DecodeError.fieldOutOfRange(
                field: extended ? "sh_link of section 0 (name table index)" : "e_shstrndx", offset: fieldOffset,
                value: UInt64(tableIndex), limit: UInt64(headers.count))
        }
        let tableHeader = headers[tableIndex]
        guard tableHeader.type == .stringTable else {
            throw DecodeError.invalidValue(
                field: "e_shstrndx", offset: fieldOffset,
                reason: "section \(tableIndex) has type \(tableHeader.type.rawValue), not SHT_STRTAB (3)")
        }
        let tableOffset = Int64(tableHeader.offset)  // checked against the file size in checkContents
        let bytes = try source.read(at: tableOffset, count: Int(tableHeader.size), structure: "ELF section name table")
        let table = try ELFStringTable(bytes: bytes, at: tableOffset)
        var names: [String] = []
        names.reserveCapacity(headers.count)
        for (index, sectionHeader) in headers.enumerated() {
            names.append(try table.string(at: sectionHeader.nameOffset, field: "sh_name of section \(index)"))
        }
        return names
    }
}

extension Int64 {
    /// The value as an `Int`, for sizes already known to be small.
    fileprivate var clampedInt: Int { Int(clamping: self) }
}
