/// System V gABI "ELF Header" — the object file type in `e_type`.
///
/// Values outside the named ones (OS- and processor-specific ranges) are kept as they are.
public struct ELFFileType: RawRepresentable, Hashable, Sendable {
    /// The `e_type` value.
    public var rawValue: UInt16

    /// Creates a type from its `e_type` value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `ET_NONE`: no file type.
    public static let none = Self(rawValue: 0)
    /// `ET_REL`: a relocatable file, such as an object file or a Linux kernel module (`.ko`).
    public static let relocatable = Self(rawValue: 1)
    /// `ET_EXEC`: an executable at fixed addresses, such as a static busybox.
    public static let executable = Self(rawValue: 2)
    /// `ET_DYN`: a shared object or position-independent executable.
    public static let sharedObject = Self(rawValue: 3)
    /// `ET_CORE`: a core dump.
    public static let core = Self(rawValue: 4)
}
