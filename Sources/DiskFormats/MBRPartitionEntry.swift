import BinaryIO

/// UEFI 2.10 §5.2.1 (table 5.2) — a legacy MBR partition record (16 bytes).
public struct MBRPartitionEntry: Hashable, Sendable {
    /// Boot indicator: `0x80` marks the active (bootable) partition, `0x00` any other.
    public var status: UInt8
    /// Address of the first sector in CHS form (kept verbatim).
    public var chsStart: CHSAddress
    /// The partition type.
    public var type: MBRPartitionType
    /// Address of the last sector in CHS form (kept verbatim).
    public var chsEnd: CHSAddress
    /// First 512-byte sector of the partition.
    public var firstLBA: UInt32
    /// Length of the partition in 512-byte sectors.
    public var sectorCount: UInt32

    /// The on-disk size of a record.
    public static let size = 16

    /// The all-zero record of an unused slot.
    public static let empty = MBRPartitionEntry(
        status: 0, chsStart: CHSAddress(bytes: [0, 0, 0]), type: .empty, chsEnd: CHSAddress(bytes: [0, 0, 0]),
        firstLBA: 0, sectorCount: 0)

    /// Creates a record from its fields.
    public init(
        status: UInt8, chsStart: CHSAddress, type: MBRPartitionType, chsEnd: CHSAddress, firstLBA: UInt32,
        sectorCount: UInt32
    ) {
        self.status = status
        self.chsStart = chsStart
        self.type = type
        self.chsEnd = chsEnd
        self.firstLBA = firstLBA
        self.sectorCount = sectorCount
    }

    /// Decodes a 16-byte record.
    ///
    /// - Parameters:
    ///   - bytes: At least 16 bytes; the record is read from the start.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``;
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` if the boot indicator is neither `0x00` nor `0x80`.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "MBR partition record")
        try reader.require(Self.size)
        status = try reader.uint8()
        guard status == 0x00 || status == 0x80 else {
            throw .invalidValue(
                field: "MBR partition boot indicator", offset: offset,
                reason: "0x\(String(status, radix: 16)) is neither 0x00 nor 0x80")
        }
        chsStart = try CHSAddress(bytes: try reader.bytes(CHSAddress.size), at: reader.offset - 3)
        type = MBRPartitionType(rawValue: try reader.uint8())
        chsEnd = try CHSAddress(bytes: try reader.bytes(CHSAddress.size), at: reader.offset - 3)
        firstLBA = try reader.uint32LE()
        sectorCount = try reader.uint32LE()
    }

    /// The 16 bytes of the record.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.uint8(status)
        writer.append(chsStart.encode())
        writer.uint8(type.rawValue)
        writer.append(chsEnd.encode())
        writer.uint32LE(firstLBA)
        writer.uint32LE(sectorCount)
        return writer.bytes
    }

    /// Whether the boot indicator marks this partition active.
    public var isBootable: Bool { status == 0x80 }

    /// Whether the slot is unused (type `0x00` and no sectors).
    public var isEmpty: Bool { type == .empty && sectorCount == 0 }
}
