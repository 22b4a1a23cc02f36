/// System V gABI "Program Header", Figure "Segment Types, `p_type`" — what a program header describes.
///
/// Values outside the named ones (OS- and processor-specific ranges) are kept as they are.
public struct ELFSegmentType: RawRepresentable, Hashable, Sendable {
    /// The `p_type` value.
    public var rawValue: UInt32

    /// Creates a type from its `p_type` value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `PT_NULL`: an unused entry.
    public static let null = Self(rawValue: 0)
    /// `PT_LOAD`: a loadable segment, mapping file bytes to memory.
    public static let load = Self(rawValue: 1)
    /// `PT_DYNAMIC`: the dynamic section (`Elf64_Dyn` entries).
    public static let dynamic = Self(rawValue: 2)
    /// `PT_INTERP`: the NUL-terminated path of the program interpreter (the dynamic linker).
    public static let interpreter = Self(rawValue: 3)
    /// `PT_NOTE`: notes.
    public static let note = Self(rawValue: 4)
    /// `PT_SHLIB`: reserved.
    public static let sharedLibrary = Self(rawValue: 5)
    /// `PT_PHDR`: the program header table itself.
    public static let programHeaders = Self(rawValue: 6)
    /// `PT_TLS`: the thread-local storage template.
    public static let threadLocalStorage = Self(rawValue: 7)
    /// `PT_GNU_EH_FRAME`: the `.eh_frame_hdr` unwind table (GNU extension).
    public static let gnuEHFrame = Self(rawValue: 0x6474_E550)
    /// `PT_GNU_STACK`: the stack's permissions (GNU extension).
    public static let gnuStack = Self(rawValue: 0x6474_E551)
    /// `PT_GNU_RELRO`: memory made read-only after relocation (GNU extension).
    public static let gnuRelro = Self(rawValue: 0x6474_E552)
    /// `PT_GNU_PROPERTY`: the `.note.gnu.property` section (GNU extension).
    public static let gnuProperty = Self(rawValue: 0x6474_E553)
}
