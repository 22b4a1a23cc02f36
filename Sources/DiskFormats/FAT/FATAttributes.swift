/// fatgen103 §6 — Directory entry attribute byte (`DIR_Attr`).
public struct FATAttributes: OptionSet, Hashable, Sendable {
    /// The raw attribute byte.
    public let rawValue: UInt8
    /// Creates attributes from the raw byte.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Writes to the file should fail.
    public static let readOnly = FATAttributes(rawValue: 0x01)
    /// Normal listings should not show the file.
    public static let hidden = FATAttributes(rawValue: 0x02)
    /// An operating system file.
    public static let system = FATAttributes(rawValue: 0x04)
    /// The entry holds the volume label (root directory only).
    public static let volumeID = FATAttributes(rawValue: 0x08)
    /// The entry is a directory.
    public static let directory = FATAttributes(rawValue: 0x10)
    /// Set when the file is created or changed, for backup tools.
    public static let archive = FATAttributes(rawValue: 0x20)
    /// The combination that marks a long name entry (fatgen103 §7).
    public static let longName: FATAttributes = [.readOnly, .hidden, .system, .volumeID]
}
