import BinaryIO

/// A read-only view of a FAT12/16/32 volume (fatgen103): directory listings with long names and file contents,
/// with every cluster chain bounded and checked for loops.
public struct FATImage: Sendable {
    /// One directory entry with its long name resolved.
    public struct Entry: Hashable, Sendable {
        /// The long name, or the short name as `BASE.EXT` when there is none.
        public var name: String
        /// The short entry.
        public var entry: FATDirectoryEntry
        /// Whether it is a directory.
        public var isDirectory: Bool { entry.isDirectory }
        /// The size in bytes (0 for directories).
        public var size: UInt32 { entry.fileSize }
    }

    /// The image.
    public let reader: ImageReader
    /// The absolute offset of the volume in the image.
    public let volumeOffset: Int64
    /// The boot sector.
    public let bootSector: FATBootSector
    /// The FAT type, from the cluster count.
    public let type: FATType
    /// The count of data clusters.
    public let clusterCount: UInt32
    /// The first FAT.
    let fat: [UInt8]

    /// The largest FAT this reader loads (bytes).
    public static let maximumFATBytes = 64 << 20

    /// Opens the volume that starts at `offset` of `reader`.
    /// - Throws: ``DiskFormatsError/decode(_:)`` wrapping the boot sector's errors, or
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` if the regions don't fit the volume or the type and
    ///   the BPB layout disagree; ``IOError`` if reading fails.
    public init(reader: ImageReader, offset: Int64 = 0) throws {
        self.reader = reader
        volumeOffset = offset
        let sector = try reader.read(at: offset, count: FATBootSector.size, structure: "FAT boot sector")
        do {
            bootSector = try FATBootSector(bytes: sector[...], at: offset)
        } catch {
            throw DiskFormatsError.decode(error)
        }
        guard let count = bootSector.clusterCount, count > 0 else {
            throw DiskFormatsError.decode(
                .invalidValue(field: "FAT total sectors", offset: offset + 19, reason: "no room for data clusters"))
        }
        clusterCount = count
        type = FATType(clusterCount: Int64(count))
        guard (type == .fat32) == (bootSector.fat32 != nil) else {
            throw DiskFormatsError.decode(
                .invalidValue(
                    field: "FAT sectors per FAT (16-bit)", offset: offset + 22,
                    reason: "\(count) clusters make \(type.rawValue), but the BPB has the other layout"))
        }
        let fatBytes = (Int(count) + 2) * type.entryBits / 8 + 1
        guard fatBytes <= Self.maximumFATBytes, fatBytes <= Int(bootSector.fatSize) * Int(bootSector.bytesPerSector) + 1 else {
            throw DiskFormatsError.decode(
                .invalidValue(field: "FAT size", offset: offset + 22, reason: "the FAT can't map \(count) clusters"))
        }
        fat = try reader.read(
            at: offset + Int64(bootSector.reservedSectors) * Int64(bootSector.bytesPerSector),
            count: min(fatBytes, Int(bootSector.fatSize) * Int(bootSector.bytesPerSector)), structure: "FAT")
    }

    var sectorBytes: Int64 { Int64(bootSector.bytesPerSector) }
    var clusterBytes: Int64 { sectorBytes * Int64(bootSector.sectorsPerCluster) }

    /// The FAT entry of `cluster`.
    func next(_ cluster: UInt32) -> UInt32 {
        let index = Int(cluster)
        switch type {
        case .fat12:
            let at = index + index / 2
            guard at + 1 < fat.count else { return type.endOfChain }
            let pair = UInt32(fat[at]) | UInt32(fat[at + 1]) << 8
            return index % 2 == 0 ? pair & 0xFFF : pair >> 4
        case .fat16:
            guard index * 2 + 1 < fat.count else { return type.endOfChain }
            return UInt32(fat[index * 2]) | UInt32(fat[index * 2 + 1]) << 8
        case .fat32:
            guard index * 4 + 3 < fat.count else { return type.endOfChain }
            return (0..<4).reduce(UInt32(0)) { $0 | UInt32(fat[index * 4 + $1]) << (8 * $1) } & 0x0FFF_FFFF
        }
    }

    /// The clusters of the chain that starts at `start`, at most `limit` of them.
    /// - Throws: ``DecodeError/invalidValue(field:offset:reason:)`` for a cluster outside the volume, a chain that
    ///   loops or runs longer than `limit`.
    func chain(from start: UInt32, limit: Int64) throws(DiskFormatsError) -> [UInt32] {
        var clusters: [UInt32] = []
        var cluster = start
        let fatOffset = volumeOffset + Int64(bootSector.reservedSectors) * sectorBytes
        while cluster < type.endOfChain {
            guard cluster >= 2, cluster < clusterCount + 2 else {
                throw .decode(
                    .invalidValue(
                        field: "FAT cluster chain", offset: fatOffset,
                        reason: "cluster \(cluster) (from \(start)) is outside 2…\(clusterCount + 1)"))
            }
            guard clusters.count <= clusterCount else {
                throw .decode(
                    .invalidValue(field: "FAT cluster chain", offset: fatOffset, reason: "the chain from \(start) loops"))
            }
            guard Int64(clusters.count) < limit else {
                throw .decode(
                    .invalidValue(
                        field: "FAT cluster chain", offset: fatOffset, reason: "the chain from \(start) is longer than \(limit) clusters"))
            }
            clusters.append(cluster)
            cluster = next(cluster)
        }
        return clusters
    }

    func offset(ofCluster cluster: UInt32) -> Int64 {
        volumeOffset + (Int64(bootSector.firstDataSector ?? 0) + Int64(cluster - 2) * Int64(bootSector.sectorsPerCluster)) * sectorBytes
    }

    /// The raw entries of the directory starting at `cluster` (0 for the root), with the offset of each.
    func directoryData(cluster: UInt32) throws -> [(bytes: [UInt8], offset: Int64)] {
        if cluster == 0 {
            if let fat32 = bootSector.fat32 { return try directoryData(cluster: fat32.rootCluster) }
            let at = volumeOffset + (Int64(bootSector.reservedSectors) + Int64(bootSector.fatCount) * Int64(bootSector.fatSize)) * sectorBytes
            let bytes = try reader.read(at: at, count: Int(bootSector.rootDirectorySectors) * Int(sectorBytes), structure: "FAT root directory")
            return [(bytes, at)]
        }
        // A directory holds at most 65536 entries (2 MiB).
        let limit = max(1, (1 << 21) / clusterBytes)
        return try chain(from: cluster, limit: limit).map { cluster in
            let at = offset(ofCluster: cluster)
            return (try reader.read(at: at, count: Int(clusterBytes), structure: "FAT directory cluster"), at)
        }
    }

    /// The entries of the directory starting at `cluster`, without `.`, `..` and the volume label.
    /// - Throws: ``DecodeError/badChecksum(structure:offset:stored:computed:)`` when a long name's checksum does
    ///   not match the short entry after it; ``DecodeError/invalidValue(field:offset:reason:)`` for long name
    ///   entries out of sequence.
    func entries(cluster: UInt32) throws -> [Entry] {
        var result: [Entry] = []
        var pending: [FATLongNameEntry] = []
        var pendingOffset: Int64 = 0
        for (bytes, base) in try directoryData(cluster: cluster) {
            var position = 0
            while position + 32 <= bytes.count {
                let slice = bytes[position..<position + 32]
                let at = base + Int64(position)
                position += 32
                guard slice.first != 0 else { return result }
                if slice.first == 0xE5 {
                    pending = []
                    continue
                }
                do {
                    if slice[slice.startIndex + 11] & 0x3F == FATAttributes.longName.rawValue {
                        let part = try FATLongNameEntry(bytes: slice, at: at)
                        if part.order & FATLongNameEntry.lastEntryFlag != 0 {
                            pending = [part]
                            pendingOffset = at
                        } else {
                            guard let last = pending.last, last.sequence == part.sequence + 1, last.checksum == part.checksum else {
                                throw DecodeError.invalidValue(
                                    field: "FAT long name sequence number", offset: at, reason: "\(part.sequence) is out of sequence")
                            }
                            pending.append(part)
                        }
                        continue
                    }
                    let short = try FATDirectoryEntry(bytes: slice, at: at)
                    defer { pending = [] }
                    if short.attributes.contains(.volumeID) && !short.isDirectory { continue }
                    if short.name == .dot || short.name == .dotDot { continue }
                    var name = short.name.displayName(caseFlags: short.reserved)
                    if let first = pending.first {
                        guard first.checksum == short.name.checksum else {
                            throw DecodeError.badChecksum(
                                structure: "FAT long name entry", offset: pendingOffset, stored: UInt64(first.checksum),
                                computed: UInt64(short.name.checksum))
                        }
                        guard pending.last?.sequence == 1 else {
                            throw DecodeError.invalidValue(
                                field: "FAT long name sequence number", offset: pendingOffset, reason: "the set lacks entry 1")
                        }
                        name = String(decoding: pending.reversed().flatMap { $0.nameUnits }, as: UTF16.self)
                    }
                    result.append(Entry(name: name, entry: short))
                } catch let error as DecodeError {
                    throw DiskFormatsError.decode(error)
                }
            }
        }
        return result
    }

    /// Looks `path` up, comparing names without regard to case.
    /// - Returns: The entry, or `nil` for the root.
    func resolve(_ path: String) throws -> Entry? {
        var current: Entry? = nil
        for component in path.split(separator: "/") {
            if let current, !current.isDirectory {
                throw DiskFormatsError.layout(reason: "\(path): \(current.name) is not a directory")
            }
            let list = try entries(cluster: current?.entry.firstCluster ?? 0)
            let wanted = component.uppercased()
            guard let found = list.first(where: { $0.name.uppercased() == wanted || $0.entry.name.displayName == wanted }) else {
                throw DiskFormatsError.layout(reason: "\(path): no \(component) in the FAT volume")
            }
            current = found
        }
        return current
    }

    /// Lists the directory at `path` (`""` or `/` for the root).
    /// - Throws: ``DiskFormatsError/layout(reason:)`` if the path does not name a directory, and the errors of
    ///   damaged directories (``DiskFormatsError/decode(_:)``).
    public func list(_ path: String) throws -> [Entry] {
        let directory = try resolve(path)
        if let directory, !directory.isDirectory {
            throw DiskFormatsError.layout(reason: "\(path): not a directory")
        }
        return try entries(cluster: directory?.entry.firstCluster ?? 0)
    }

    /// Reads the file at `path`, at most `limit` bytes long.
    /// - Throws: ``DiskFormatsError/layout(reason:)`` if the path does not name a file or the file is larger than
    ///   `limit`; ``DiskFormatsError/decode(_:)`` for a chain that loops, leaves the volume or is shorter than the size.
    public func read(_ path: String, limit: Int = 64 << 20) throws -> [UInt8] {
        guard let file = try resolve(path), !file.isDirectory else {
            throw DiskFormatsError.layout(reason: "\(path): not a file")
        }
        let size = Int(file.size)
        guard size <= limit else { throw DiskFormatsError.layout(reason: "\(path): \(size) bytes, more than \(limit)") }
        guard size > 0 else { return [] }
        let clusters = try chain(from: file.entry.firstCluster, limit: (Int64(size) + clusterBytes - 1) / clusterBytes)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        for cluster in clusters where bytes.count < size {
            let want = min(Int(clusterBytes), size - bytes.count)
            bytes += try reader.read(at: offset(ofCluster: cluster), count: want, structure: "FAT file data")
        }
        guard bytes.count == size else {
            throw DiskFormatsError.decode(
                .invalidValue(field: "FAT cluster chain", offset: offset(ofCluster: file.entry.firstCluster),
                              reason: "\(path): the chain holds \(bytes.count) of \(size) bytes"))
        }
        return bytes
    }
}
