/// The system area of an image as ``BootSetup`` captures it (ECMA-119 §6.2.1, UEFI 2.10 §5.2–§5.3): the MBR boot
/// code, the partition tables, and which partitions lie outside the ISO 9660 volume.
public struct BootSetupSystemArea: Hashable, Sendable, Codable {
    /// The first 432 bytes of the MBR (the boot code before the address field at `0x1B0`), `nil` when there is no MBR
    /// or they are all zero.
    public var mbrBootCode: [UInt8]?
    /// What the 8 bytes at `0x1B0` hold, compared with the BIOS boot image's LBA.
    public var mbrBootImageAddress: MBRBootImageAddress
    /// The MBR partition table, if sector 0 ends with `55 AA`.
    public var mbr: MBRReport?
    /// The GPT, if LBA 1 holds `EFI PART`.
    public var gpt: GPTReport?
    /// Partitions outside the ISO 9660 tree (see ``AppendedPartition``).
    public var appendedPartitions: [AppendedPartition]
    /// Whether the image has an Apple partition map (`ER` at byte 0, `PM` at 2048, as xorriso writes for
    /// HFS+ hybrids); the writer does not make one.
    public var hasApplePartitionMap: Bool

    /// The size of ``mbrBootCode``.
    public static let bootCodeSize = 432

    /// Creates a record.
    public init(
        mbrBootCode: [UInt8]?, mbrBootImageAddress: MBRBootImageAddress, mbr: MBRReport?, gpt: GPTReport?,
        appendedPartitions: [AppendedPartition], hasApplePartitionMap: Bool
    ) {
        self.mbrBootCode = mbrBootCode
        self.mbrBootImageAddress = mbrBootImageAddress
        self.mbr = mbr
        self.gpt = gpt
        self.appendedPartitions = appendedPartitions
        self.hasApplePartitionMap = hasApplePartitionMap
    }
}
