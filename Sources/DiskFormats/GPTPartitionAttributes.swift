/// UEFI 2.10 §5.3.3 (table 5.8) — the 64-bit attribute field of a GPT partition entry.
///
/// Bits 0–2 are defined by UEFI; bits 48–63 belong to the partition type. The members for bits 60–63 are those of
/// the Microsoft basic data type.
public struct GPTPartitionAttributes: OptionSet, Hashable, Sendable, Codable {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The platform needs this partition to function; partitioning tools must not delete it (bit 0).
    public static let requiredPartition = Self(rawValue: 1 << 0)
    /// Firmware must not produce an EFI_BLOCK_IO_PROTOCOL for this partition (bit 1).
    public static let noBlockIOProtocol = Self(rawValue: 1 << 1)
    /// Legacy BIOS bootable, for BIOS boot code that reads GPT (bit 2).
    public static let legacyBIOSBootable = Self(rawValue: 1 << 2)
    /// Basic data: the volume is read-only (bit 60).
    public static let readOnly = Self(rawValue: 1 << 60)
    /// Basic data: the volume is a shadow copy (bit 61).
    public static let shadowCopy = Self(rawValue: 1 << 61)
    /// Basic data: the volume is hidden (bit 62).
    public static let hidden = Self(rawValue: 1 << 62)
    /// Basic data: no drive letter is assigned (bit 63).
    public static let noDriveLetter = Self(rawValue: 1 << 63)
}
