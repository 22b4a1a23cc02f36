/// System V gABI "Sections", Figure "Section Types, `sh_type`".
///
/// Values outside the named ones (OS-, processor- and user-specific ranges) are kept as they are.
public struct ELFSectionType: RawRepresentable, Hashable, Sendable {
    /// The `sh_type` value.
    public var rawValue: UInt32

    /// Creates a type from its `sh_type` value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `SHT_NULL`: an unused section header (always index 0).
    public static let null = Self(rawValue: 0)
    /// `SHT_PROGBITS`: bytes whose meaning the program defines (code, data, `.modinfo`).
    public static let programBits = Self(rawValue: 1)
    /// `SHT_SYMTAB`: a symbol table.
    public static let symbolTable = Self(rawValue: 2)
    /// `SHT_STRTAB`: a string table.
    public static let stringTable = Self(rawValue: 3)
    /// `SHT_RELA`: relocations with addends.
    public static let relocationsWithAddends = Self(rawValue: 4)
    /// `SHT_HASH`: a symbol hash table.
    public static let hash = Self(rawValue: 5)
    /// `SHT_DYNAMIC`: dynamic linking information.
    public static let dynamic = Self(rawValue: 6)
    /// `SHT_NOTE`: notes.
    public static let note = Self(rawValue: 7)
    /// `SHT_NOBITS`: occupies no file space (`.bss`); its size is the memory size.
    public static let noBits = Self(rawValue: 8)
    /// `SHT_REL`: relocations without addends.
    public static let relocations = Self(rawValue: 9)
    /// `SHT_DYNSYM`: the dynamic linking symbol table.
    public static let dynamicSymbols = Self(rawValue: 11)
}
