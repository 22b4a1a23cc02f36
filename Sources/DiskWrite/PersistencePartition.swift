/// The persistence partition `--size` added.
public struct PersistencePartition: Codable, Hashable, Sendable {
    /// File system label and partition name.
    public var label: String
    /// The partition number in the GPT (or the MBR, for an MBR-only image).
    public var number: Int
    /// The MBR slot (1–4) that also describes it, if one was free.
    public var mbrSlot: Int?
    /// First 512-byte sector.
    public var firstLBA: UInt64
    /// Last 512-byte sector, inclusive.
    public var lastLBA: UInt64
    /// Bytes of the ext4 file system.
    public var fileSystemBytes: Int64

    /// Creates a description.
    public init(label: String, number: Int, mbrSlot: Int?, firstLBA: UInt64, lastLBA: UInt64, fileSystemBytes: Int64) {
        self.label = label
        self.number = number
        self.mbrSlot = mbrSlot
        self.firstLBA = firstLBA
        self.lastLBA = lastLBA
        self.fileSystemBytes = fileSystemBytes
    }

    /// Byte offset of the partition.
    public var byteOffset: Int64 { Int64(firstLBA) * 512 }
}
