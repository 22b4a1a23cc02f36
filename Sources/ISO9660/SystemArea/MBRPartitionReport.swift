import DiskFormats

/// One used slot of an MBR partition table (UEFI 2.10 §5.2.1), for `isokit inspect`.
public struct MBRPartitionReport: Hashable, Sendable, Codable {
    /// The slot, 1–4.
    public var slot: Int
    /// Whether the slot is marked active (`0x80`).
    public var bootable: Bool
    /// The partition type byte.
    public var type: UInt8
    /// First 512-byte sector.
    public var firstLBA: UInt32
    /// Length in 512-byte sectors.
    public var sectorCount: UInt32

    /// The report of `entry` in `slot`.
    public init(_ entry: MBRPartitionEntry, slot: Int) {
        self.slot = slot
        bootable = entry.isBootable
        type = entry.type.rawValue
        firstLBA = entry.firstLBA
        sectorCount = entry.sectorCount
    }
}
