/// A directory record before its continuation areas are placed: identifier, extent and every SUSP entry.
struct RecordDraft: Sendable {
    var identifier: [UInt8]
    var flags: FileFlags
    var date: RecordingDate
    var extentLBA: UInt32
    var dataLength: UInt32
    var systemUse: [SystemUseEntry]

    /// Bytes the system use field may hold: a record is at most 255 bytes (§9.1.1) and even, so 254.
    var systemUseSpace: Int { 254 - 33 - identifier.count - (identifier.count % 2 == 0 ? 1 : 0) }
}

extension WriterTree {
    /// The records of ISO 9660 directory `index`: `.`, `..`, then each child (several for a multi-extent file).
    func isoRecords(of index: Int, rockRidge: Bool, rootExtras: [SystemUseEntry]) -> [RecordDraft] {
        let directory = nodes[index]
        var selfEntries: [SystemUseEntry] = []
        if rockRidge {
            selfEntries = rockRidgeEntries(of: index, name: false)
            if index == 0 { selfEntries = [.sharingProtocol(skipBytes: 0)] + selfEntries + rootExtras }
        }
        var records = [RecordDraft(
            identifier: [0], flags: .directory, date: date(of: index), extentLBA: directory.lba,
            dataLength: directory.directorySize, systemUse: selfEntries)]
        let parent = nodes[directory.parent]
        var parentEntries = rockRidge ? rockRidgeEntries(of: directory.parent, name: false) : []
        if rockRidge, directory.isRelocated { parentEntries.append(.parentLink(nodes[directory.originalParent].lba)) }
        records.append(RecordDraft(
            identifier: [1], flags: .directory, date: date(of: directory.parent), extentLBA: parent.lba,
            dataLength: parent.directorySize, systemUse: parentEntries))
        for child in directory.children {
            records += childRecords(child, rockRidge: rockRidge)
        }
        return records
    }

    /// The records of Joliet directory `index`.
    func jolietRecords(of index: Int) -> [RecordDraft] {
        let directory = nodes[index]
        let parent = nodes[index == 0 ? 0 : directory.originalParent]
        var records = [
            RecordDraft(identifier: [0], flags: .directory, date: date(of: index), extentLBA: directory.jolietLBA,
                        dataLength: directory.jolietDirectorySize, systemUse: []),
            RecordDraft(identifier: [1], flags: .directory, date: date(of: index == 0 ? 0 : directory.originalParent),
                        extentLBA: parent.jolietLBA, dataLength: parent.jolietDirectorySize, systemUse: []),
        ]
        for child in directory.jolietChildren {
            if nodes[child].isDirectory {
                records.append(RecordDraft(
                    identifier: nodes[child].jolietIdentifier, flags: .directory, date: date(of: child),
                    extentLBA: nodes[child].jolietLBA, dataLength: nodes[child].jolietDirectorySize, systemUse: []))
            } else {
                records += dataRecords(child, identifier: nodes[child].jolietIdentifier, systemUse: [])
            }
        }
        return records
    }

    private func childRecords(_ child: ChildRecord, rockRidge: Bool) -> [RecordDraft] {
        // Fields are read in place (`nodes[index].x`): copying a whole node costs a retain per stored reference.
        let index = child.index
        switch child {
        case .childLink:
            var entries = rockRidge ? rockRidgeEntries(of: index, name: true) : []
            if rockRidge { entries.append(.childLink(nodes[index].lba)) }
            return [RecordDraft(
                identifier: nodes[index].isoIdentifier, flags: [], date: date(of: index), extentLBA: nodes[index].lba,
                dataLength: 0, systemUse: entries)]
        case .node where nodes[index].isDirectory:
            var entries = rockRidge ? rockRidgeEntries(of: index, name: true) : []
            if rockRidge, nodes[index].isRelocated { entries.append(.relocatedDirectory) }
            return [RecordDraft(
                identifier: nodes[index].identifierInISOParent, flags: .directory, date: date(of: index),
                extentLBA: nodes[index].lba, dataLength: nodes[index].directorySize, systemUse: entries)]
        case .node:
            return dataRecords(index, identifier: nodes[index].isoIdentifier,
                               systemUse: rockRidge ? rockRidgeEntries(of: index, name: true) : [])
        }
    }

    /// One record per extent of a file (ECMA-119 §6.5.1); all but the last carry the multi-extent flag.
    private func dataRecords(_ index: Int, identifier: [UInt8], systemUse: [SystemUseEntry]) -> [RecordDraft] {
        let extents = DataExtents.split(size: nodes[index].source.size, firstLBA: nodes[index].lba)
        return extents.enumerated().map { position, extent in
            RecordDraft(
                identifier: identifier, flags: position < extents.count - 1 ? .multiExtent : [],
                date: date(of: index), extentLBA: extent.lba, dataLength: extent.length, systemUse: systemUse)
        }
    }

    private func date(of index: Int) -> RecordingDate { RecordingDate(unixTime: nodes[index].source.modificationTime) }

    /// Rock Ridge entries for node `index` (PX, PN, SL, NM, TF).
    func rockRidgeEntries(of index: Int, name: Bool) -> [SystemUseEntry] {
        var attributes = RockRidgeAttributes()
        attributes.mode = nodes[index].source.mode
        attributes.links = nodes[index].links
        attributes.uid = nodes[index].source.uid
        attributes.gid = nodes[index].source.gid
        attributes.serial = nodes[index].serial
        if name { attributes.name = nodes[index].source.name }
        switch nodes[index].source.kind {
        case let .symlink(target): attributes.symlinkTarget = target
        case let .characterDevice(major, minor), let .blockDevice(major, minor):
            attributes.deviceNumber = DeviceNumber(major: major, minor: minor)
        default: break
        }
        attributes.modificationTime = nodes[index].source.modificationTime
        attributes.accessTime = nodes[index].source.accessTime
        attributes.attributeChangeTime = nodes[index].source.changeTime
        return attributes.entries()
    }
}

/// How a file's bytes are cut into extents: each at most 4 GiB − 2 KiB so its length fits the 32-bit field.
enum DataExtents {
    /// The largest extent isokit writes (a multiple of the block size).
    static let maximumLength: Int64 = 0xFFFF_F800

    /// The extents of a `size`-byte file stored contiguously from `firstLBA`; one empty extent for an empty file.
    static func split(size: Int64, firstLBA: UInt32) -> [Extent] {
        guard size > 0 else { return [Extent(lba: firstLBA, length: 0)] }
        var extents: [Extent] = []
        var offset: Int64 = 0
        while offset < size {
            let length = min(maximumLength, size - offset)
            extents.append(Extent(lba: firstLBA + UInt32(offset / 2048), length: UInt32(length)))
            offset += length
        }
        return extents
    }

    /// Blocks a `size`-byte file occupies.
    static func blocks(_ size: Int64) -> Int64 { (size + 2047) / 2048 }
}
