import BinaryIO

/// Turns a directory extent into ``ISOEntry`` values: multi-extent files joined, Rock Ridge applied, relocated
/// directories (RRIP §4.1.5) put back where they belong.
struct DirectoryParser {
    let image: ISOImage

    /// A directory bigger than this is treated as damage (100k entries with Rock Ridge need about 20 MiB).
    static let directorySizeLimit = 256 << 20
    /// A file with more extents than this is treated as damage (a 1 TiB file needs 256).
    static let extentLimit = 65_536

    /// The entries of `directory`. In the root, a relocation directory (RRIP §4.1.5) that holds nothing but
    /// relocated directories is left out, as those appear at their original places.
    func entries(of directory: ISOEntry) throws -> [ISOEntry] {
        let listing = try parse(directory)
        guard directory.path == "/", image.namespace == .rockRidge else { return listing.entries }
        return try listing.entries.filter { entry in
            guard entry.kind == .directory, Self.relocationDirectoryNames.contains(entry.name) else { return true }
            let inside = try parse(entry)
            return !(inside.entries.isEmpty && inside.relocated > 0)
        }
    }

    /// Names mastering tools give the relocation directory.
    static let relocationDirectoryNames: Set<String> = ["rr_moved", ".rr_moved", "RR_MOVED"]

    private func parse(_ directory: ISOEntry) throws -> (entries: [ISOEntry], relocated: Int) {
        guard let extent = directory.extents.first else { return ([], 0) }
        guard Int(extent.length) <= Self.directorySizeLimit else {
            throw ISO9660Error.limitExceeded(what: "directory bytes", path: directory.path, limit: Self.directorySizeLimit)
        }
        let base = extent.byteOffset
        let data = try decoding {
            try image.reader.read(at: base, count: Int(extent.length), structure: "directory \(directory.path)")
        }
        var entries: [ISOEntry] = []
        var relocated = 0
        var budget = SystemUseReader.Budget(directoryBytes: data.count)
        var pending: [(record: DirectoryRecord, offset: Int64)] = []
        var position = 0
        while position < data.count {
            let length = Int(data[position])
            if length == 0 {
                position = (position / 2048 + 1) * 2048
                continue
            }
            let sectorEnd = min((position / 2048 + 1) * 2048, data.count)
            let offset = base + Int64(position)
            let record = try decoding { try DirectoryRecord(bytes: data[position..<sectorEnd], at: offset) }
            position += length
            if record.isSelf || record.isParent { continue }
            pending.append((record, offset))
            guard pending.count <= Self.extentLimit else {
                throw ISO9660Error.limitExceeded(what: "extents for one file", path: directory.path, limit: Self.extentLimit)
            }
            if record.flags.contains(.multiExtent) { continue }
            if let entry = try makeEntry(from: pending, in: directory, budget: &budget) {
                entries.append(entry)
            } else {
                relocated += 1
            }
            pending.removeAll()
        }
        if !pending.isEmpty {
            if let entry = try makeEntry(from: pending, in: directory, budget: &budget) {
                entries.append(entry)
            } else {
                relocated += 1
            }
        }
        return (entries, relocated)
    }

    /// Builds the entry for one file's records (several when multi-extent); `nil` for a relocated directory,
    /// which is listed at its original place through its CL record instead.
    private func makeEntry(
        from records: [(record: DirectoryRecord, offset: Int64)], in parent: ISOEntry, budget: inout SystemUseReader.Budget
    ) throws -> ISOEntry? {
        let (first, firstOffset) = records[0]
        let isoName = plainName(first.identifier)
        let provisionalPath = Self.join(parent.path, isoName)
        var attributes: RockRidgeAttributes?
        if image.namespace == .rockRidge, let skip = image.suspSkipBytes {
            let system = SystemUseReader(reader: image.reader, skipBytes: skip)
            let entries = try system.entries(of: first, at: firstOffset, path: provisionalPath, budget: &budget)
            do {
                attributes = try RockRidgeAttributes(entries: entries)
            } catch DecodeError.invalidValue(let field, _, let reason) {
                // RockRidgeAttributes merges entries from several areas and reports offset 0; name the record.
                throw ISO9660Error.decode(.invalidValue(field: field, offset: firstOffset, reason: reason))
            } catch {
                throw ISO9660Error.decode(error)
            }
        }
        if attributes?.isRelocated == true { return nil }
        let name = try safeName(attributes?.name ?? (image.namespace == .joliet ? JolietName.decode(first.identifier[...]) : isoName),
                                parent: parent.path)
        let path = Self.join(parent.path, name)
        var extents = records.map { Extent(lba: $0.record.extentLBA, length: $0.record.dataLength) }
        var isDirectory = first.flags.contains(.directory)
        if let child = attributes?.childLinkLBA {
            extents = [try relocatedExtent(lba: child, path: path)]
            isDirectory = true
        }
        let size = extents.reduce(Int64(0)) { $0 + Int64($1.length) }
        for extent in extents where !isDirectory || extent.length > 0 {
            try decoding {
                try image.reader.checkRange(
                    offset: extent.byteOffset, count: Int(extent.length), structure: "extent of \(path)")
            }
        }
        // A file's extents hold distinct bytes of the image, so it cannot be larger than the image; a file made of
        // the same extent many times over would make extraction write far more than the image holds.
        guard size <= image.reader.size else {
            throw ISO9660Error.decode(.fieldOutOfRange(
                field: "size of \(path)", offset: firstOffset, value: UInt64(size), limit: UInt64(image.reader.size)))
        }
        let defaultKind: EntryKind = isDirectory ? .directory : .regular
        let mode = attributes?.mode ?? (isDirectory ? 0o040555 : 0o100444)
        var kind = EntryKind(mode: mode) ?? defaultKind
        if isDirectory != (kind == .directory) { kind = defaultKind }
        return ISOEntry(
            name: name, path: path, kind: kind, size: size, extents: extents,
            mode: kind.modeBits | (mode & 0o7777), uid: attributes?.uid, gid: attributes?.gid,
            links: attributes?.links, serial: attributes?.serial,
            modificationTime: attributes?.modificationTime ?? first.recordingDate.unixTime,
            accessTime: attributes?.accessTime, changeTime: attributes?.attributeChangeTime,
            symlinkTarget: kind == .symlink ? attributes?.symlinkTarget : nil,
            device: attributes?.deviceNumber.map { DeviceID(major: $0.major, minor: $0.minor) },
            recordOffset: firstOffset, hidden: first.flags.contains(.hidden))
    }

    /// The directory extent a CL entry points to, from the `.` record at its start.
    private func relocatedExtent(lba: UInt32, path: String) throws -> Extent {
        let offset = Int64(lba) * 2048
        let bytes = try decoding { try image.reader.read(at: offset, count: 2048, structure: "relocated directory \(path)") }
        let record = try decoding { try DirectoryRecord(bytes: bytes[...], at: offset) }
        guard record.isSelf, record.extentLBA == lba else {
            throw ISO9660Error.decode(.invalidValue(
                field: "CL target", offset: offset, reason: "\(path): LBA \(lba) does not start a directory"))
        }
        return Extent(lba: lba, length: record.dataLength)
    }

    /// The ISO 9660 name without its `;1` version and a trailing dot (§7.5.1).
    private func plainName(_ identifier: [UInt8]) -> String {
        var name = String(decoding: identifier, as: UTF8.self)
        if let semicolon = name.lastIndex(of: ";") { name = String(name[..<semicolon]) }
        if name.hasSuffix(".") { name.removeLast() }
        return name
    }

    /// Rejects names that would escape or confuse a host path.
    private func safeName(_ name: String, parent: String) throws -> String {
        let bytes = name.utf8
        guard !bytes.isEmpty, name != ".", name != "..", !bytes.contains(UInt8(ascii: "/")), !bytes.contains(0) else {
            throw ISO9660Error.unsafeName(path: parent, name: name)
        }
        return name
    }

    static func join(_ parent: String, _ name: String) -> String { parent == "/" ? "/" + name : parent + "/" + name }
}
