import DiskFormats

/// One used entry of a GPT (UEFI 2.10 §5.3.3), for `isokit inspect`.
public struct GPTPartitionReport: Hashable, Sendable, Codable {
    /// The slot in the entry array, from 1.
    public var slot: Int
    /// The partition type.
    public var typeGUID: GUID
    /// A name for well-known types ("EFI System", "Basic data", …).
    public var typeName: String?
    /// The partition's GUID.
    public var uniqueGUID: GUID
    /// First 512-byte sector.
    public var firstLBA: UInt64
    /// Last 512-byte sector, inclusive.
    public var lastLBA: UInt64
    /// The attribute bits.
    public var attributes: UInt64
    /// The partition name.
    public var name: String

    /// The report of `entry` in `slot`.
    public init(_ entry: GPTPartitionEntry, slot: Int) {
        self.slot = slot
        typeGUID = entry.typeGUID
        typeName = Self.typeNames[entry.typeGUID]
        uniqueGUID = entry.uniqueGUID
        firstLBA = entry.firstLBA
        lastLBA = entry.lastLBA
        attributes = entry.attributes.rawValue
        name = entry.name
    }

    private static let typeNames: [GUID: String] = [
        .efiSystemPartition: "EFI System", .basicData: "Basic data", .biosBoot: "BIOS boot",
        .linuxFilesystem: "Linux filesystem",
    ]
}
