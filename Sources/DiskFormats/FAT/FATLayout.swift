import BinaryIO
import SystemPackage

/// The plan of a FAT image: geometry (fatgen103 §3), the cluster of every directory and file, and the directory
/// entries (§6, §7). ``write(to:path:)`` then streams it in ascending offset order.
struct FATLayout: Sendable {
    /// A directory's children, sorted, with their generated short names.
    struct Child: Sendable {
        var key: String
        var name: String
        var shortName: FATShortName
        var needsLongName: Bool
    }

    /// Sectors and clusters of one candidate volume.
    struct Geometry: Sendable {
        var type: FATType
        var totalSectors: Int64
        var sectorsPerCluster: Int64
        var reservedSectors: Int64
        var rootEntryCount: Int64
        var fatSectors: Int64
        var clusterCount: Int64

        var rootSectors: Int64 { (rootEntryCount * 32 + 511) / 512 }
        var firstDataSector: Int64 { reservedSectors + 2 * fatSectors + rootSectors }
        var clusterBytes: Int64 { sectorsPerCluster * 512 }
    }

    let builder: FATImageBuilder
    let label: [UInt8]?
    var children: [String: [Child]] = [:]
    var geometry: Geometry
    /// First cluster of each directory and non-empty file, by key; the FAT12/16 root has none.
    var firstCluster: [String: Int64] = [:]
    /// Clusters of each directory and file, by key.
    var clusterCounts: [String: Int64] = [:]
    var usedClusters: Int64 = 0

    static let sectorSize: Int64 = 512

    init(_ builder: FATImageBuilder) throws(DiskFormatsError) {
        self.builder = builder
        label = try builder.labelBytes()
        var children: [String: [Child]] = [:]
        for key in builder.nodes.keys.sorted() where !key.isEmpty {
            let parent = FATImageBuilder.parent(of: key)
            let name = String(key.split(separator: "/").last ?? "")
            children[parent, default: []].append(Child(key: key, name: name, shortName: .dot, needsLongName: false))
        }
        for (parent, list) in children {
            var used: Set<FATShortName> = []
            var named: [Child] = []
            for var child in list {
                guard let short = FATShortName.generate(for: child.name, existing: used) else {
                    throw .layout(reason: "\(child.key): no free short name left in \(parent.isEmpty ? "/" : parent)")
                }
                used.insert(short)
                child.shortName = short
                child.needsLongName = FATShortName(exactly: child.name) != short
                named.append(child)
            }
            children[parent] = named
        }
        self.children = children
        geometry = Geometry(
            type: .fat12, totalSectors: 0, sectorsPerCluster: 1, reservedSectors: 1, rootEntryCount: 0, fatSectors: 0,
            clusterCount: 0)
        for key in children.keys where entryCount(key) > 65_536 {
            // fatgen103 §6: a directory is at most 2 MiB (65536 entries, long name parts included).
            throw .layout(reason: "\(key.isEmpty ? "/" : key): \(entryCount(key)) directory entries; FAT allows 65536")
        }
        geometry = try chooseGeometry()
        allocate()
    }

    /// Directory entries (32 bytes each) that `key` holds.
    func entryCount(_ key: String) -> Int64 {
        var count: Int64 = key.isEmpty ? (label == nil ? 0 : 1) : 2
        for child in children[key] ?? [] {
            count += 1
            if child.needsLongName { count += Int64((child.name.utf16.count + 12) / 13) }
        }
        return count
    }

    /// Clusters needed for everything but the fixed FAT12/16 root.
    func clustersNeeded(clusterBytes: Int64, fat32: Bool) -> Int64 {
        var total: Int64 = 0
        for (key, content) in builder.nodes {
            if content == .directory {
                if key.isEmpty && !fat32 { continue }
                total += max(1, (entryCount(key) * 32 + clusterBytes - 1) / clusterBytes)
            } else {
                total += (content.size + clusterBytes - 1) / clusterBytes
            }
        }
        return total
    }

    /// The geometry of `totalSectors` as `type` with `sectorsPerCluster`, sizing the FAT to the clusters it maps.
    func geometry(totalSectors: Int64, type: FATType, sectorsPerCluster: Int64) -> Geometry {
        let rootEntries: Int64 = type == .fat32 ? 0 : max(512, (entryCount("") + 15) / 16 * 16)
        var result = Geometry(
            type: type, totalSectors: totalSectors, sectorsPerCluster: sectorsPerCluster,
            reservedSectors: type == .fat32 ? 32 : 1, rootEntryCount: rootEntries, fatSectors: 1, clusterCount: 0)
        while true {
            let data = totalSectors - result.firstDataSector
            result.clusterCount = max(0, data / sectorsPerCluster)
            let fatBytes = ((result.clusterCount + 2) * Int64(type.entryBits) + 7) / 8
            let needed = (fatBytes + Self.sectorSize - 1) / Self.sectorSize
            if needed <= result.fatSectors { return result }
            result.fatSectors = needed
        }
    }

    /// The sectors per cluster to try first for a volume of `totalSectors` (fatgen103 §3.5 tables, in spirit).
    static func defaultSectorsPerCluster(_ totalSectors: Int64) -> Int64 {
        switch totalSectors {
        case ..<532_480: 1  // up to 260 MB: 512-byte clusters
        case ..<16_777_216: 8  // up to 8 GB: 4 KiB
        case ..<33_554_432: 16
        case ..<67_108_864: 32
        default: 64
        }
    }

    /// A geometry for `totalSectors` whose cluster count fits its type and the contents, or `nil`.
    func fit(totalSectors: Int64) -> Geometry? {
        var candidates: [Geometry] = []
        if let type = builder.type {
            for shift in 0...7 {
                candidates.append(geometry(totalSectors: totalSectors, type: type, sectorsPerCluster: 1 << shift))
            }
        } else {
            let spc = Self.defaultSectorsPerCluster(totalSectors)
            for type in FATType.allCases {
                candidates.append(geometry(totalSectors: totalSectors, type: type, sectorsPerCluster: spc))
            }
        }
        return candidates.first { candidate in
            candidate.type.clusterCountRange.contains(candidate.clusterCount)
                && candidate.rootEntryCount <= 65_520
                && clustersNeeded(clusterBytes: candidate.clusterBytes, fat32: candidate.type == .fat32)
                    <= candidate.clusterCount
        }
    }

    func chooseGeometry() throws(DiskFormatsError) -> Geometry {
        if let size = builder.sizeBytes {
            guard size > 0, size % Self.sectorSize == 0, size / Self.sectorSize <= Int64(UInt32.max) else {
                throw .layout(reason: "image size \(size): must be a positive multiple of 512 below 2 TiB")
            }
            if let fitted = fit(totalSectors: size / Self.sectorSize) { return fitted }
            let need = clustersNeeded(clusterBytes: 512, fat32: builder.type == .fat32) * 512
            throw .layout(
                reason: "contents (\(need) bytes in 512-byte clusters) don't fit a \(size)-byte \(builder.type?.rawValue ?? "FAT") image")
        }
        let contents = clustersNeeded(clusterBytes: 4096, fat32: true) * 4096
        var sectors = max(2880, (contents + contents / 16) / Self.sectorSize + 2048)
        if builder.type == .fat32 { sectors = max(sectors, 69_632) }
        while sectors <= Int64(UInt32.max) {
            sectors = (sectors + 2047) / 2048 * 2048
            if let fitted = fit(totalSectors: sectors) { return fitted }
            sectors += max(2048, sectors / 8)
        }
        throw .layout(reason: "contents of \(contents) bytes are too large for a FAT volume")
    }

    /// Gives each directory and file its clusters: directories before their files, depth first, so each file is
    /// one contiguous run.
    mutating func allocate() {
        var next: Int64 = 2
        let clusterBytes = geometry.clusterBytes
        func visit(_ key: String) {
            if !key.isEmpty || geometry.type == .fat32 {
                let count = max(1, (entryCount(key) * 32 + clusterBytes - 1) / clusterBytes)
                firstCluster[key] = next
                clusterCounts[key] = count
                next += count
            }
            for child in children[key] ?? [] where builder.nodes[child.key] != .directory {
                let size = builder.nodes[child.key]?.size ?? 0
                let count = (size + clusterBytes - 1) / clusterBytes
                if count > 0 {
                    firstCluster[child.key] = next
                    clusterCounts[child.key] = count
                    next += count
                }
            }
            for child in children[key] ?? [] where builder.nodes[child.key] == .directory { visit(child.key) }
        }
        visit("")
        usedClusters = next - 2
    }

    /// The absolute byte offset of `cluster`.
    func offset(ofCluster cluster: Int64) -> Int64 {
        (geometry.firstDataSector + (cluster - 2) * geometry.sectorsPerCluster) * Self.sectorSize
    }
}
