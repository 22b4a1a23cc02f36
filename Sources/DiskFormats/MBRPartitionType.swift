/// UEFI 2.10 §5.2.1 (table 5.2, OSType) — the one-byte partition type of an MBR partition record.
///
/// Unknown values are kept, so a table round-trips.
public struct MBRPartitionType: RawRepresentable, Hashable, Sendable, Codable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// An unused entry.
    public static let empty = Self(rawValue: 0x00)
    /// FAT12.
    public static let fat12 = Self(rawValue: 0x01)
    /// FAT16 (≥ 32 MiB).
    public static let fat16 = Self(rawValue: 0x06)
    /// FAT32 with LBA addressing.
    public static let fat32LBA = Self(rawValue: 0x0C)
    /// Hidden NTFS; syslinux isohybrid marks the ISO 9660 data with it.
    public static let hiddenNTFS = Self(rawValue: 0x17)
    /// Linux native.
    public static let linux = Self(rawValue: 0x83)
    /// An ISO 9660 file system (used by some hybrid images).
    public static let iso9660 = Self(rawValue: 0xCD)
    /// The protective partition of a GPT disk (UEFI 2.10 §5.2.3).
    public static let gptProtective = Self(rawValue: 0xEE)
    /// An EFI system partition (UEFI 2.10 §5.2.2).
    public static let efiSystem = Self(rawValue: 0xEF)
}
