/// System V gABI "Sections", Figure "Section Attribute Flags" — the bits of `sh_flags`.
public struct ELFSectionFlags: OptionSet, Hashable, Sendable {
    /// The `sh_flags` value, unknown bits included.
    public var rawValue: UInt64

    /// Creates flags from an `sh_flags` value.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// `SHF_WRITE`: writable while the process runs.
    public static let write = Self(rawValue: 0x1)
    /// `SHF_ALLOC`: occupies memory while the process runs.
    public static let alloc = Self(rawValue: 0x2)
    /// `SHF_EXECINSTR`: holds machine instructions.
    public static let executable = Self(rawValue: 0x4)
    /// `SHF_MERGE`: entries may be merged to remove duplicates.
    public static let merge = Self(rawValue: 0x10)
    /// `SHF_STRINGS`: holds NUL-terminated strings.
    public static let strings = Self(rawValue: 0x20)
    /// `SHF_INFO_LINK`: `sh_info` holds a section header index.
    public static let infoLink = Self(rawValue: 0x40)
    /// `SHF_GROUP`: member of a section group.
    public static let group = Self(rawValue: 0x200)
}
