import BinaryIO

/// fatgen103 §6 — Short (8.3) directory entry (32 bytes).
public struct FATDirectoryEntry: Hashable, Sendable {
    /// The 11-byte name: 8 bytes of base name and 3 of extension, space padded (`DIR_Name`).
    public var name: FATShortName
    /// The attribute byte (`DIR_Attr`).
    public var attributes: FATAttributes
    /// Reserved for Windows NT; Linux keeps lower-case flags here (`DIR_NTRes`), kept verbatim.
    public var reserved: UInt8
    /// Tenths of a second (0–199) added to ``creationTime`` (`DIR_CrtTimeTenth`).
    public var creationTimeTenths: UInt8
    /// Creation time (`DIR_CrtTime`).
    public var creationTime: FATTime
    /// Creation date (`DIR_CrtDate`).
    public var creationDate: FATDate
    /// Last access date (`DIR_LstAccDate`).
    public var accessDate: FATDate
    /// High 16 bits of the first cluster; zero on FAT12/16 (`DIR_FstClusHI`).
    public var firstClusterHigh: UInt16
    /// Last write time (`DIR_WrtTime`).
    public var writeTime: FATTime
    /// Last write date (`DIR_WrtDate`).
    public var writeDate: FATDate
    /// Low 16 bits of the first cluster (`DIR_FstClusLO`).
    public var firstClusterLow: UInt16
    /// File size in bytes; zero for directories (`DIR_FileSize`).
    public var fileSize: UInt32

    /// The on-disk size.
    public static let size = 32

    /// Creates an entry with all times set from one `unixTime`.
    /// - Parameters:
    ///   - name: The short name.
    ///   - attributes: The attribute byte.
    ///   - firstCluster: The first cluster, or 0 for an empty file.
    ///   - fileSize: Bytes; 0 for directories.
    ///   - unixTime: Seconds since 1970 (UTC) for creation, access and write stamps.
    public init(name: FATShortName, attributes: FATAttributes, firstCluster: UInt32, fileSize: UInt32, unixTime: Int64) {
        self.name = name
        self.attributes = attributes
        reserved = 0
        creationTimeTenths = UInt8(FATDate.civil(unixTime: unixTime).seconds % 2 * 100)
        creationTime = FATTime(unixTime: unixTime)
        creationDate = FATDate(unixTime: unixTime)
        accessDate = creationDate
        writeTime = creationTime
        writeDate = creationDate
        firstClusterHigh = UInt16(truncatingIfNeeded: firstCluster >> 16)
        firstClusterLow = UInt16(truncatingIfNeeded: firstCluster)
        self.fileSize = fileSize
    }

    /// Decodes a 32-byte short entry.
    ///
    /// - Parameters:
    ///   - bytes: At least 32 bytes; the entry is read from the start.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``;
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` if the attributes mark a long name entry.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "FAT directory entry")
        try reader.require(Self.size)
        name = FATShortName(bytes: Array(try reader.bytes(11)))
        let attributeOffset = reader.offset
        attributes = FATAttributes(rawValue: try reader.uint8())
        guard attributes.rawValue & 0x3F != FATAttributes.longName.rawValue else {
            throw .invalidValue(
                field: "FAT directory entry attributes", offset: attributeOffset, reason: "0x0f marks a long name entry")
        }
        reserved = try reader.uint8()
        creationTimeTenths = try reader.uint8()
        creationTime = FATTime(rawValue: try reader.uint16LE())
        creationDate = FATDate(rawValue: try reader.uint16LE())
        accessDate = FATDate(rawValue: try reader.uint16LE())
        firstClusterHigh = try reader.uint16LE()
        writeTime = FATTime(rawValue: try reader.uint16LE())
        writeDate = FATDate(rawValue: try reader.uint16LE())
        firstClusterLow = try reader.uint16LE()
        fileSize = try reader.uint32LE()
    }

    /// The 32 bytes of the entry.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.append(name.bytes)
        writer.uint8(attributes.rawValue)
        writer.uint8(reserved)
        writer.uint8(creationTimeTenths)
        writer.uint16LE(creationTime.rawValue)
        writer.uint16LE(creationDate.rawValue)
        writer.uint16LE(accessDate.rawValue)
        writer.uint16LE(firstClusterHigh)
        writer.uint16LE(writeTime.rawValue)
        writer.uint16LE(writeDate.rawValue)
        writer.uint16LE(firstClusterLow)
        writer.uint32LE(fileSize)
        return writer.bytes
    }

    /// The first cluster of the file or directory (0 for none).
    public var firstCluster: UInt32 { UInt32(firstClusterHigh) << 16 | UInt32(firstClusterLow) }

    /// Whether the entry names a directory.
    public var isDirectory: Bool { attributes.contains(.directory) }
}
