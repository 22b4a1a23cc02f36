/// System V gABI "Dynamic Section", Figure "Dynamic Array Tags, `d_tag`" — what a dynamic entry holds.
///
/// Values outside the named ones (OS- and processor-specific ranges, GNU extensions) are kept as they are.
public struct ELFDynamicTag: RawRepresentable, Hashable, Sendable {
    /// The `d_tag` value (signed in `Elf64_Dyn`).
    public var rawValue: Int64

    /// Creates a tag from its `d_tag` value.
    public init(rawValue: Int64) { self.rawValue = rawValue }

    /// `DT_NULL`: marks the end of the dynamic array.
    public static let null = Self(rawValue: 0)
    /// `DT_NEEDED`: the string table offset of a needed library's name.
    public static let needed = Self(rawValue: 1)
    /// `DT_PLTRELSZ`: the size of the PLT relocations in bytes.
    public static let pltRelocationsSize = Self(rawValue: 2)
    /// `DT_HASH`: the address of the symbol hash table.
    public static let hash = Self(rawValue: 4)
    /// `DT_STRTAB`: the virtual address of the dynamic string table.
    public static let stringTable = Self(rawValue: 5)
    /// `DT_SYMTAB`: the virtual address of the dynamic symbol table.
    public static let symbolTable = Self(rawValue: 6)
    /// `DT_STRSZ`: the size of the dynamic string table in bytes.
    public static let stringTableSize = Self(rawValue: 10)
    /// `DT_SONAME`: the string table offset of this shared object's name.
    public static let soname = Self(rawValue: 14)
    /// `DT_RPATH`: the string table offset of a colon-separated search path (ignored when `DT_RUNPATH` is present).
    public static let rpath = Self(rawValue: 15)
    /// `DT_RUNPATH`: the string table offset of a colon-separated search path for this object's own needs.
    public static let runpath = Self(rawValue: 29)
    /// `DT_FLAGS`: flags such as `DF_ORIGIN` and `DF_BIND_NOW`.
    public static let flags = Self(rawValue: 30)
    /// `DT_GNU_HASH`: the address of the GNU symbol hash table (GNU extension).
    public static let gnuHash = Self(rawValue: 0x6FFF_FEF5)
    /// `DT_FLAGS_1`: GNU state flags (`DF_1_NOW`, `DF_1_PIE` …).
    public static let flags1 = Self(rawValue: 0x6FFF_FFFB)
}
