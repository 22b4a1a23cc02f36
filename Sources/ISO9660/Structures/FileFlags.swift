/// ECMA-119 §9.1.6 — File Flags of a directory record.
public struct FileFlags: OptionSet, Hashable, Sendable, Codable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The file is not listed to the user (bit 0).
    public static let hidden = FileFlags(rawValue: 1 << 0)
    /// The record describes a directory (bit 1).
    public static let directory = FileFlags(rawValue: 1 << 1)
    /// The file is an associated file (bit 2).
    public static let associatedFile = FileFlags(rawValue: 1 << 2)
    /// The record format is given in an extended attribute record (bit 3).
    public static let record = FileFlags(rawValue: 1 << 3)
    /// Owner and group are given in an extended attribute record (bit 4).
    public static let protection = FileFlags(rawValue: 1 << 4)
    /// More records of this file follow: this is not its final extent (bit 7, §6.5.1).
    public static let multiExtent = FileFlags(rawValue: 1 << 7)
}
