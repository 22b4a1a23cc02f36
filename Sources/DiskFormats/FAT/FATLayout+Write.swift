import BinaryIO
import SystemPackage

extension FATLayout {
    /// The boot sector of the planned volume.
    func bootSector() -> FATBootSector {
        let g = geometry
        let fat32 = g.type == .fat32 ? FATBootSector.FAT32Fields(fatSize: UInt32(g.fatSectors), rootCluster: 2) : nil
        return FATBootSector(
            bytesPerSector: 512, sectorsPerCluster: UInt8(g.sectorsPerCluster), reservedSectors: UInt16(g.reservedSectors),
            fatCount: 2, rootEntryCount: UInt16(g.rootEntryCount), totalSectors: UInt32(g.totalSectors),
            fatSize: UInt32(g.fatSectors), fat32: fat32, volumeID: builder.volumeID,
            volumeLabel: label ?? Array("NO NAME    ".utf8), fileSystemType: g.type.label)
    }

    /// The bytes of one FAT copy.
    func fatBytes() -> [UInt8] {
        let type = geometry.type
        var fat = [UInt8](repeating: 0, count: Int(geometry.fatSectors * Self.sectorSize))
        func set(_ cluster: Int64, _ value: UInt32) {
            switch type {
            case .fat12:
                let index = Int(cluster + cluster / 2)
                if cluster % 2 == 0 {
                    fat[index] = UInt8(truncatingIfNeeded: value)
                    fat[index + 1] = fat[index + 1] & 0xF0 | UInt8(truncatingIfNeeded: value >> 8) & 0x0F
                } else {
                    fat[index] = fat[index] & 0x0F | UInt8(truncatingIfNeeded: value << 4)
                    fat[index + 1] = UInt8(truncatingIfNeeded: value >> 4)
                }
            case .fat16:
                let index = Int(cluster * 2)
                fat[index] = UInt8(truncatingIfNeeded: value)
                fat[index + 1] = UInt8(truncatingIfNeeded: value >> 8)
            case .fat32:
                for byte in 0..<4 { fat[Int(cluster * 4) + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
            }
        }
        let endOfChain = type == .fat32 ? 0x0FFF_FFFF : (type == .fat16 ? 0xFFFF : 0xFFF) as UInt32
        set(0, type.endOfChain)  // the media byte 0xF8 with all higher bits set (fatgen103 §4)
        set(1, endOfChain)
        for (key, first) in firstCluster {
            let count = clusterCounts[key] ?? 0
            for cluster in first..<(first + count) {
                set(cluster, cluster == first + count - 1 ? endOfChain : UInt32(cluster + 1))
            }
        }
        return fat
    }

    /// The entries of directory `key`, unpadded.
    func directoryBytes(_ key: String) -> [UInt8] {
        let time = builder.unixTime
        var writer = ByteWriter()
        if key.isEmpty {
            if let label {
                let entry = FATDirectoryEntry(
                    name: FATShortName(bytes: label), attributes: .volumeID, firstCluster: 0, fileSize: 0, unixTime: time)
                writer.append(entry.encode())
            }
        } else {
            let own = UInt32(firstCluster[key] ?? 0)
            let parentKey = FATImageBuilder.parent(of: key)
            // `..` of a first-level directory is 0 even on FAT32, where the root has a cluster (fatgen103 §6.7).
            let parent = parentKey.isEmpty ? 0 : UInt32(firstCluster[parentKey] ?? 0)
            writer.append(FATDirectoryEntry(name: .dot, attributes: .directory, firstCluster: own, fileSize: 0, unixTime: time).encode())
            writer.append(
                FATDirectoryEntry(name: .dotDot, attributes: .directory, firstCluster: parent, fileSize: 0, unixTime: time).encode())
        }
        for child in children[key] ?? [] {
            if child.needsLongName {
                for part in FATLongNameEntry.entries(for: child.name, checksum: child.shortName.checksum) {
                    writer.append(part.encode())
                }
            }
            let content = builder.nodes[child.key] ?? .directory
            let entry = FATDirectoryEntry(
                name: child.shortName, attributes: content == .directory ? .directory : .archive,
                firstCluster: UInt32(firstCluster[child.key] ?? 0), fileSize: UInt32(content.size), unixTime: time)
            writer.append(entry.encode())
        }
        return writer.bytes
    }

    /// Writes the planned volume into `descriptor` (a new, empty file), in ascending offset order.
    func write(to descriptor: FileDescriptor, path: String) throws {
        try IOError.wrap("ftruncate", path: path) { try descriptor.resize(to: geometry.totalSectors * Self.sectorSize) }
        let boot = bootSector().encode()
        try FileCopier.write(boot, to: descriptor, at: 0, path: path)
        if geometry.type == .fat32 {
            let info = FATFSInfo(
                freeClusterCount: UInt32(geometry.clusterCount - usedClusters), nextFreeCluster: UInt32(usedClusters + 2)
            ).encode()
            try FileCopier.write(info, to: descriptor, at: Self.sectorSize, path: path)
            try FileCopier.write(boot, to: descriptor, at: 6 * Self.sectorSize, path: path)
            try FileCopier.write(info, to: descriptor, at: 7 * Self.sectorSize, path: path)
        }
        let fat = fatBytes()
        for copy in 0..<Int64(2) {
            let at = (geometry.reservedSectors + copy * geometry.fatSectors) * Self.sectorSize
            try FileCopier.write(fat, to: descriptor, at: at, path: path)
        }
        if geometry.type != .fat32 {
            let at = (geometry.reservedSectors + 2 * geometry.fatSectors) * Self.sectorSize
            try FileCopier.write(directoryBytes(""), to: descriptor, at: at, path: path)
        }
        for (key, first) in firstCluster.sorted(by: { $0.value < $1.value }) {
            let at = offset(ofCluster: first)
            switch builder.nodes[key] ?? .directory {
            case .directory:
                try FileCopier.write(directoryBytes(key), to: descriptor, at: at, path: path)
            case .bytes(let bytes):
                try FileCopier.write(bytes, to: descriptor, at: at, path: path)
            case .host(let hostPath, let size):
                let source = try ImageReader(path: hostPath)
                try FileCopier.copy(
                    from: source.descriptor, at: 0, path: hostPath, to: descriptor, at: at, path: path, count: size)
            }
        }
    }
}
