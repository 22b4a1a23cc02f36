/// System V gABI "ELF Header" — the architecture in `e_machine`.
///
/// Only the architectures isokit builds for are named; any other value is kept as it is.
public struct ELFMachine: RawRepresentable, Hashable, Sendable {
    /// The `e_machine` value.
    public var rawValue: UInt16

    /// Creates a machine from its `e_machine` value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `EM_NONE`: no machine.
    public static let none = Self(rawValue: 0)
    /// `EM_386`: Intel 80386.
    public static let i386 = Self(rawValue: 3)
    /// `EM_X86_64`: AMD64.
    public static let x86_64 = Self(rawValue: 62)
    /// `EM_AARCH64`: 64-bit Arm.
    public static let aarch64 = Self(rawValue: 183)
    /// `EM_RISCV`: RISC-V.
    public static let riscv = Self(rawValue: 243)
}
