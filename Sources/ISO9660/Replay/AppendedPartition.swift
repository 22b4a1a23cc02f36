import DiskFormats

/// A partition outside the ISO 9660 tree: past the system area and clear of every directory and file extent (an
/// ESP appended by `isokit create --hybrid` with an appended EFI partition, or by xorriso's `-append_partition`).
public struct AppendedPartition: Hashable, Sendable, Codable {
    /// The partition table that lists it.
    public enum Table: String, Hashable, Sendable, Codable {
        /// The GUID partition table (UEFI 2.10 §5.3).
        case gpt
        /// The MBR partition table (UEFI 2.10 §5.2.1).
        case mbr
    }

    /// The table that lists it (GPT when both do).
    public var table: Table
    /// The slot in that table, from 1.
    public var slot: Int
    /// First 512-byte sector.
    public var firstSector: UInt64
    /// Length in 512-byte sectors.
    public var sectorCount: UInt64
    /// The GPT partition type, for a GPT partition.
    public var typeGUID: GUID?
    /// The GPT partition name, for a GPT partition.
    public var name: String?
    /// The MBR type byte, for an MBR partition (or the MBR slot of the same range).
    public var mbrType: UInt8?
    /// The index in ``BootSetup/entries`` of the El Torito entry whose image is this partition, if any.
    public var bootEntry: Int?

    /// Creates a record.
    public init(
        table: Table, slot: Int, firstSector: UInt64, sectorCount: UInt64, typeGUID: GUID?, name: String?,
        mbrType: UInt8?, bootEntry: Int?
    ) {
        self.table = table
        self.slot = slot
        self.firstSector = firstSector
        self.sectorCount = sectorCount
        self.typeGUID = typeGUID
        self.name = name
        self.mbrType = mbrType
        self.bootEntry = bootEntry
    }
}
