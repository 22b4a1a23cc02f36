import BinaryIO

extension ELFFile {
    /// `PN_XNUM`: in `e_phnum`, the real count is in section 0's `sh_info`.
    public static let extendedProgramHeaderCount: UInt16 = 0xFFFF

    /// The program header table, in file order; empty when the file has none (a relocatable object or module).
    ///
    /// Every segment's file bytes are checked to lie inside the file.
    /// - Throws: ``DecodeError/fieldOutOfRange(field:offset:value:limit:)`` when `e_phoff` or `e_phnum` put the
    ///   table past the end of the file, ``DecodeError/truncated(structure:offset:needed:available:)`` when a
    ///   segment runs past it, the errors of ``ELFProgramHeader/init(bytes:at:)``, and ``IOError`` if a read fails.
    ///
    /// Spec: System V gABI, "Program Header" (and "Sections" for `PN_XNUM`).
    public func programHeaders() throws -> [ELFProgramHeader] {
        guard header.programHeaderOffset != 0 else { return [] }
        var count = UInt64(header.programHeaderCount)
        var countField = (name: "e_phnum", offset: Int64(0x38))
        if header.programHeaderCount == Self.extendedProgramHeaderCount, let first = sections.first {
            count = UInt64(first.header.info)
            countField = ("sh_info of section 0 (program header count)", Int64(clamping: header.sectionHeaderOffset) + 0x2C)
        }
        guard count > 0 else { return [] }
        let entrySize = UInt64(ELFHeader.programHeaderSize)
        let fileSize = UInt64(size)
        guard header.programHeaderOffset <= fileSize else {
            throw DecodeError.fieldOutOfRange(
                field: "e_phoff", offset: 0x20, value: header.programHeaderOffset, limit: fileSize)
        }
        let room = (fileSize - header.programHeaderOffset) / entrySize
        guard count <= room else {
            throw DecodeError.fieldOutOfRange(
                field: countField.name, offset: countField.offset, value: count, limit: room)
        }
        let table = try read(
            at: header.programHeaderOffset, count: count * entrySize, structure: "ELF program header table")
        var headers: [ELFProgramHeader] = []
        headers.reserveCapacity(Int(count))
        for index in 0..<Int(count) {
            let start = table.startIndex + index * ELFHeader.programHeaderSize
            let position = Int64(clamping: header.programHeaderOffset) + Int64(index * ELFHeader.programHeaderSize)
            let programHeader = try ELFProgramHeader(
                bytes: table[start..<(start + ELFHeader.programHeaderSize)], at: position)
            try Self.checkSegment(programHeader, index: index, headerOffset: position, fileSize: fileSize)
            headers.append(programHeader)
        }
        return headers
    }

    /// The entries of the dynamic section (`PT_DYNAMIC`) up to and without `DT_NULL`; empty for a file without
    /// one (a static executable).
    /// - Throws: ``DecodeError/invalidValue(field:offset:reason:)`` for more than one `PT_DYNAMIC` or a dynamic
    ///   array without `DT_NULL`, the errors of ``programHeaders()``, and ``IOError`` if a read fails.
    ///
    /// Spec: System V gABI, "Dynamic Section".
    public func dynamicEntries() throws -> [ELFDynamicEntry] {
        try dynamicEntries(in: programHeaders()).map(\.entry)
    }

    /// The program's interpreter, needed libraries, own name and search paths, read from `PT_INTERP` and the
    /// dynamic section; the strings come from `DT_STRTAB`, found through the `PT_LOAD` segment that maps it.
    /// - Throws: ``DecodeError/invalidValue(field:offset:reason:)`` for more than one `PT_INTERP`, an interpreter
    ///   path without NUL, string entries without `DT_STRTAB`/`DT_STRSZ`, or a string table address no `PT_LOAD`
    ///   maps; ``DecodeError/fieldOutOfRange(field:offset:value:limit:)`` for a string offset past the table; the
    ///   errors of ``dynamicEntries()`` and ``ELFStringTable/init(bytes:at:)``; and ``IOError`` if a read fails.
    ///
    /// Spec: System V gABI, "Program Interpreter", "Dynamic Section" and "Shared Object Dependencies".
    public func dynamicLinking() throws -> ELFDynamicLinking {
        let segments = try programHeaders()
        var result = ELFDynamicLinking(interpreter: try interpreter(in: segments))
        let entries = try dynamicEntries(in: segments)
        let stringTags: Set<ELFDynamicTag> = [.needed, .soname, .rpath, .runpath]
        guard entries.contains(where: { stringTags.contains($0.entry.tag) }) else { return result }
        let strings = try dynamicStrings(entries, segments: segments)
        for (entry, position) in entries where stringTags.contains(entry.tag) {
            guard let index = UInt32(exactly: entry.value) else {
                throw DecodeError.fieldOutOfRange(
                    field: "d_val", offset: position + 8, value: entry.value, limit: UInt64(strings.bytes.count))
            }
            let field = "d_val of \(Self.tagName(entry.tag)) at \(Offset.describe(position))"
            let text = try strings.string(at: index, field: field)
            switch entry.tag {
            case .needed: result.needed.append(text)
            case .soname: result.soname = text
            case .rpath: result.rpath += Self.searchPath(text)
            default: result.runpath += Self.searchPath(text)
            }
        }
        return result
    }

    /// The dynamic entries with the file offset of each.
    private func dynamicEntries(in segments: [ELFProgramHeader]) throws -> [(entry: ELFDynamicEntry, offset: Int64)] {
        let dynamic = segments.enumerated().filter { $0.element.type == .dynamic }
        guard let first = dynamic.first else { return [] }
        let segment = first.element
        guard dynamic.count == 1 else {
            throw DecodeError.invalidValue(
                field: "p_type", offset: programHeaderOffset(dynamic[1].offset),
                reason: "a second PT_DYNAMIC segment (the first is program header \(first.offset))")
        }
        let count = segment.fileSize / UInt64(ELFDynamicEntry.size)
        let bytes = try read(
            at: segment.offset, count: count * UInt64(ELFDynamicEntry.size), structure: "ELF dynamic section")
        var entries: [(entry: ELFDynamicEntry, offset: Int64)] = []
        for entryIndex in 0..<Int(count) {
            let start = bytes.startIndex + entryIndex * ELFDynamicEntry.size
            let position = Int64(clamping: segment.offset) + Int64(entryIndex * ELFDynamicEntry.size)
            let entry = try ELFDynamicEntry(bytes: bytes[start..<(start + ELFDynamicEntry.size)], at: position)
            if entry.tag == .null { return entries }
            entries.append((entry, position))
        }
        throw DecodeError.invalidValue(
            field: "dynamic section", offset: Int64(clamping: segment.offset),
            reason: "\(count) entries without DT_NULL at the end")
    }

    /// The `PT_INTERP` path, without its NUL.
    private func interpreter(in segments: [ELFProgramHeader]) throws -> String? {
        let found = segments.enumerated().filter { $0.element.type == .interpreter }
        guard let segment = found.first?.element else { return nil }
        guard found.count == 1 else {
            throw DecodeError.invalidValue(
                field: "p_type", offset: programHeaderOffset(found[1].offset), reason: "a second PT_INTERP segment")
        }
        let bytes = try read(at: segment.offset, count: segment.fileSize, structure: "ELF program interpreter")
        guard let end = bytes.firstIndex(of: 0), end > bytes.startIndex else {
            throw DecodeError.invalidValue(
                field: "PT_INTERP", offset: Int64(clamping: segment.offset),
                reason: bytes.first == 0 ? "an empty path" : "the path has no NUL terminator")
        }
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// The dynamic string table, read at the file offset `DT_STRTAB`'s address maps to.
    private func dynamicStrings(
        _ entries: [(entry: ELFDynamicEntry, offset: Int64)], segments: [ELFProgramHeader]
    ) throws -> ELFStringTable {
        guard let address = entries.first(where: { $0.entry.tag == .stringTable }) else {
            throw DecodeError.invalidValue(
                field: "dynamic section", offset: entries.first?.offset ?? 0,
                reason: "names libraries or paths but has no DT_STRTAB")
        }
        guard let length = entries.first(where: { $0.entry.tag == .stringTableSize }) else {
            throw DecodeError.invalidValue(
                field: "dynamic section", offset: entries.first?.offset ?? 0, reason: "has DT_STRTAB but no DT_STRSZ")
        }
        let mapped = segments.lazy.filter { $0.type == .load }
            .compactMap { $0.fileOffset(ofVirtualAddress: address.entry.value) }.first
        guard let mapped else {
            throw DecodeError.invalidValue(
                field: "DT_STRTAB", offset: address.offset + 8,
                reason: "address 0x\(String(address.entry.value, radix: 16)) lies in no PT_LOAD segment's file bytes")
        }
        guard length.entry.value <= mapped.available else {
            throw DecodeError.fieldOutOfRange(
                field: "DT_STRSZ", offset: length.offset + 8, value: length.entry.value, limit: mapped.available)
        }
        let bytes = try read(at: mapped.offset, count: length.entry.value, structure: "ELF dynamic string table")
        return try ELFStringTable(bytes: bytes, at: Int64(clamping: mapped.offset))
    }

    /// Throws unless a segment's file bytes lie inside the file.
    private static func checkSegment(
        _ segment: ELFProgramHeader, index: Int, headerOffset: Int64, fileSize: UInt64
    ) throws(DecodeError) {
        guard segment.fileSize > 0 else { return }
        guard segment.offset <= fileSize else {
            throw .fieldOutOfRange(
                field: "p_offset of program header \(index)", offset: headerOffset + 0x08, value: segment.offset,
                limit: fileSize)
        }
        guard segment.fileSize <= fileSize - segment.offset else {
            throw .truncated(
                structure: "ELF segment \(index)", offset: Int64(clamping: segment.offset),
                needed: Int(clamping: segment.fileSize), available: Int(fileSize - segment.offset))
        }
    }

    /// The file offset of program header `index` (the table was read, so it fits).
    private func programHeaderOffset(_ index: Int) -> Int64 {
        Int64(clamping: header.programHeaderOffset) + Int64(index * ELFHeader.programHeaderSize)
    }

    /// A search path's directories; `ld.so` splits on `:` and this drops empty parts.
    private static func searchPath(_ text: String) -> [String] {
        text.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
    }

    private static func tagName(_ tag: ELFDynamicTag) -> String {
        switch tag {
        case .needed: "DT_NEEDED"
        case .soname: "DT_SONAME"
        case .rpath: "DT_RPATH"
        default: "DT_RUNPATH"
        }
    }
}
