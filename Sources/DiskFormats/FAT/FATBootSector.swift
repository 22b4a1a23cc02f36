import BinaryIO

/// fatgen103 §3 — Boot sector and BPB: the common BPB (§3.1), then the FAT12/16 (§3.2) or FAT32 (§3.3) extended
/// BPB, boot code, and `55 AA` at bytes 510–511 (512 bytes).
public struct FATBootSector: Hashable, Sendable {
    /// `BS_jmpBoot`: a jump over the BPB to the boot code.
    public var jump: [UInt8]
    /// `BS_OEMName`, 8 bytes (informational).
    public var oemName: [UInt8]
    /// `BPB_BytsPerSec`: 512, 1024, 2048 or 4096.
    public var bytesPerSector: UInt16
    /// `BPB_SecPerClus`: a power of two, 1–128.
    public var sectorsPerCluster: UInt8
    /// `BPB_RsvdSecCnt`: sectors before the first FAT (at least 1).
    public var reservedSectors: UInt16
    /// `BPB_NumFATs`: copies of the FAT (usually 2).
    public var fatCount: UInt8
    /// `BPB_RootEntCnt`: 32-byte entries in the fixed FAT12/16 root directory; 0 on FAT32.
    public var rootEntryCount: UInt16
    /// `BPB_TotSec16`: total sectors if below 65536, else 0.
    public var totalSectors16: UInt16
    /// `BPB_Media`: 0xF8 for fixed media.
    public var media: UInt8
    /// `BPB_FATSz16`: sectors per FAT on FAT12/16; 0 on FAT32.
    public var fatSize16: UInt16
    /// `BPB_SecPerTrk`, for INT 13h geometry.
    public var sectorsPerTrack: UInt16
    /// `BPB_NumHeads`, for INT 13h geometry.
    public var headCount: UInt16
    /// `BPB_HiddSec`: sectors before this volume on its disk.
    public var hiddenSectors: UInt32
    /// `BPB_TotSec32`: total sectors if `totalSectors16` is 0.
    public var totalSectors32: UInt32
    /// The FAT32 fields (§3.3), or `nil` for the FAT12/16 layout.
    public var fat32: FAT32Fields?
    /// `BS_DrvNum`: the INT 13h drive number (0x80).
    public var driveNumber: UInt8
    /// `BS_Reserved1`, kept verbatim.
    public var reserved1: UInt8
    /// `BS_BootSig`: 0x29 when the three fields after it are present.
    public var extendedBootSignature: UInt8
    /// `BS_VolID`: the volume serial number.
    public var volumeID: UInt32
    /// `BS_VolLab`: 11 bytes, space padded (`NO NAME    ` when there is none).
    public var volumeLabel: [UInt8]
    /// `BS_FilSysType`: 8 bytes, informational only.
    public var fileSystemType: [UInt8]
    /// The boot code after the extended BPB, up to byte 509.
    public var bootCode: [UInt8]

    /// fatgen103 §3.3 — The FAT32 part of the BPB.
    public struct FAT32Fields: Hashable, Sendable {
        /// `BPB_FATSz32`: sectors per FAT.
        public var fatSize: UInt32
        /// `BPB_ExtFlags`: FAT mirroring flags.
        public var extendedFlags: UInt16
        /// `BPB_FSVer`: 0.0.
        public var version: UInt16
        /// `BPB_RootClus`: the first cluster of the root directory (at least 2).
        public var rootCluster: UInt32
        /// `BPB_FSInfo`: the sector of the FSInfo structure.
        public var fsInfoSector: UInt16
        /// `BPB_BkBootSec`: the sector of the backup boot sector (usually 6).
        public var backupBootSector: UInt16
        /// `BPB_Reserved`: 12 bytes, kept verbatim.
        public var reserved: [UInt8]

        /// Creates the FAT32 fields.
        public init(fatSize: UInt32, rootCluster: UInt32, fsInfoSector: UInt16 = 1, backupBootSector: UInt16 = 6) {
            self.fatSize = fatSize
            extendedFlags = 0
            version = 0
            self.rootCluster = rootCluster
            self.fsInfoSector = fsInfoSector
            self.backupBootSector = backupBootSector
            reserved = Array(repeating: 0, count: 12)
        }
    }

    /// The on-disk size of the structure.
    public static let size = 512
    /// The signature at bytes 510–511.
    public static let signature: [UInt8] = [0x55, 0xAA]

    /// Creates a boot sector for a new volume; the extended BPB takes the FAT32 layout when `fat32` is set.
    public init(
        bytesPerSector: UInt16, sectorsPerCluster: UInt8, reservedSectors: UInt16, fatCount: UInt8,
        rootEntryCount: UInt16, totalSectors: UInt32, fatSize: UInt32, fat32: FAT32Fields?, volumeID: UInt32,
        volumeLabel: [UInt8], fileSystemType: String
    ) {
        jump = fat32 == nil ? [0xEB, 0x3C, 0x90] : [0xEB, 0x58, 0x90]
        oemName = Array("ISOKIT  ".utf8)
        self.bytesPerSector = bytesPerSector
        self.sectorsPerCluster = sectorsPerCluster
        self.reservedSectors = reservedSectors
        self.fatCount = fatCount
        self.rootEntryCount = rootEntryCount
        totalSectors16 = totalSectors < 0x10000 ? UInt16(totalSectors) : 0
        media = 0xF8
        fatSize16 = fat32 == nil ? UInt16(truncatingIfNeeded: fatSize) : 0
        sectorsPerTrack = 32
        headCount = 64
        hiddenSectors = 0
        totalSectors32 = totalSectors < 0x10000 ? 0 : totalSectors
        self.fat32 = fat32
        driveNumber = 0x80
        reserved1 = 0
        extendedBootSignature = 0x29
        self.volumeID = volumeID
        self.volumeLabel = volumeLabel
        self.fileSystemType = Array(fileSystemType.utf8)
        // A non-bootable volume: halt forever if started anyway (cli; hlt; jmp $-1).
        let code: [UInt8] = [0xFA, 0xF4, 0xEB, 0xFD]
        bootCode = code + Array(repeating: 0, count: (fat32 == nil ? 448 : 420) - code.count)
    }

    /// Decodes the boot sector at the start of a FAT volume.
    ///
    /// - Parameters:
    ///   - bytes: At least 512 bytes; the sector is read from the start.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``;
    ///   ``DecodeError/badSignature(structure:offset:expected:found:)`` unless bytes 510–511 are `55 AA`;
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` for bytes per sector other than 512/1024/2048/4096,
    ///   sectors per cluster not a power of two, no reserved sectors, no FAT, no total sectors, or a FAT32 root
    ///   cluster below 2.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "FAT boot sector")
        try reader.require(Self.size)
        jump = Array(try reader.bytes(3))
        oemName = Array(try reader.bytes(8))
        let sectorSizeOffset = reader.offset
        bytesPerSector = try reader.uint16LE()
        guard [512, 1024, 2048, 4096].contains(bytesPerSector) else {
            throw .invalidValue(
                field: "FAT bytes per sector", offset: sectorSizeOffset, reason: "\(bytesPerSector) is not 512, 1024, 2048 or 4096")
        }
        let clusterOffset = reader.offset
        sectorsPerCluster = try reader.uint8()
        guard sectorsPerCluster != 0, sectorsPerCluster & (sectorsPerCluster - 1) == 0 else {
            throw .invalidValue(
                field: "FAT sectors per cluster", offset: clusterOffset, reason: "\(sectorsPerCluster) is not a power of two")
        }
        let reservedOffset = reader.offset
        reservedSectors = try reader.uint16LE()
        guard reservedSectors != 0 else {
            throw .invalidValue(field: "FAT reserved sectors", offset: reservedOffset, reason: "0; the boot sector is one")
        }
        let fatCountOffset = reader.offset
        fatCount = try reader.uint8()
        guard fatCount != 0 else {
            throw .invalidValue(field: "FAT count", offset: fatCountOffset, reason: "0; a volume needs a FAT")
        }
        rootEntryCount = try reader.uint16LE()
        totalSectors16 = try reader.uint16LE()
        media = try reader.uint8()
        fatSize16 = try reader.uint16LE()
        sectorsPerTrack = try reader.uint16LE()
        headCount = try reader.uint16LE()
        hiddenSectors = try reader.uint32LE()
        let totalOffset = reader.offset
        totalSectors32 = try reader.uint32LE()
        guard totalSectors16 != 0 || totalSectors32 != 0 else {
            throw .invalidValue(field: "FAT total sectors", offset: totalOffset, reason: "both counts are 0")
        }
        if fatSize16 == 0 {
            let fatSize = try reader.uint32LE()
            let extendedFlags = try reader.uint16LE()
            let version = try reader.uint16LE()
            let rootOffset = reader.offset
            let rootCluster = try reader.uint32LE()
            guard rootCluster >= 2 else {
                throw .invalidValue(
                    field: "FAT32 root cluster", offset: rootOffset, reason: "\(rootCluster) is below the first data cluster 2")
            }
            var fields = FAT32Fields(
                fatSize: fatSize, rootCluster: rootCluster, fsInfoSector: try reader.uint16LE(),
                backupBootSector: try reader.uint16LE())
            fields.extendedFlags = extendedFlags
            fields.version = version
            fields.reserved = Array(try reader.bytes(12))
            fat32 = fields
        } else {
            fat32 = nil
        }
        driveNumber = try reader.uint8()
        reserved1 = try reader.uint8()
        extendedBootSignature = try reader.uint8()
        volumeID = try reader.uint32LE()
        volumeLabel = Array(try reader.bytes(11))
        fileSystemType = Array(try reader.bytes(8))
        bootCode = Array(try reader.bytes(reader.remaining - 2 - (bytes.count - Self.size)))
        try reader.expect(Self.signature)
    }

    /// The 512 bytes of the sector.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.append(jump)
        writer.padded(oemName, width: 8)
        writer.uint16LE(bytesPerSector)
        writer.uint8(sectorsPerCluster)
        writer.uint16LE(reservedSectors)
        writer.uint8(fatCount)
        writer.uint16LE(rootEntryCount)
        writer.uint16LE(totalSectors16)
        writer.uint8(media)
        writer.uint16LE(fatSize16)
        writer.uint16LE(sectorsPerTrack)
        writer.uint16LE(headCount)
        writer.uint32LE(hiddenSectors)
        writer.uint32LE(totalSectors32)
        if let fat32 {
            writer.uint32LE(fat32.fatSize)
            writer.uint16LE(fat32.extendedFlags)
            writer.uint16LE(fat32.version)
            writer.uint32LE(fat32.rootCluster)
            writer.uint16LE(fat32.fsInfoSector)
            writer.uint16LE(fat32.backupBootSector)
            writer.padded(fat32.reserved, width: 12, pad: 0)
        }
        writer.uint8(driveNumber)
        writer.uint8(reserved1)
        writer.uint8(extendedBootSignature)
        writer.uint32LE(volumeID)
        writer.padded(volumeLabel, width: 11)
        writer.padded(fileSystemType, width: 8)
        writer.padded(bootCode, width: Self.size - 2 - writer.count, pad: 0)
        writer.append(Self.signature)
        return writer.bytes
    }

    /// Total sectors of the volume.
    public var totalSectors: UInt32 { totalSectors16 != 0 ? UInt32(totalSectors16) : totalSectors32 }

    /// Sectors per FAT.
    public var fatSize: UInt32 { fatSize16 != 0 ? UInt32(fatSize16) : fat32?.fatSize ?? 0 }

    /// Sectors of the fixed FAT12/16 root directory (0 on FAT32).
    public var rootDirectorySectors: UInt32 {
        (UInt32(rootEntryCount) * 32 + UInt32(bytesPerSector) - 1) / UInt32(bytesPerSector)
    }

    /// The first sector of the data region (cluster 2), or `nil` if the areas before it exceed the volume.
    public var firstDataSector: UInt32? {
        let total = UInt64(reservedSectors) + UInt64(fatCount) * UInt64(fatSize) + UInt64(rootDirectorySectors)
        return total <= UInt64(totalSectors) ? UInt32(total) : nil
    }

    /// The count of data clusters, which decides the FAT type (fatgen103 §3.5), or `nil` if the layout is impossible.
    public var clusterCount: UInt32? {
        guard let first = firstDataSector else { return nil }
        return (totalSectors - first) / UInt32(sectorsPerCluster)
    }
}
