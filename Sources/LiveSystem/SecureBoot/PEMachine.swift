/// PE/COFF specification §3.3.1 "Machine Types": the CPU an EFI image (or a Linux kernel's EFI stub) runs on.
/// Unknown values survive a round trip.
public struct PEMachine: RawRepresentable, Hashable, Sendable {
    /// The field's value (`IMAGE_FILE_MACHINE_…`).
    public var rawValue: UInt16

    /// Creates a machine type from its field value.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `IMAGE_FILE_MACHINE_I386`: 32-bit x86.
    public static let i386 = Self(rawValue: 0x014C)
    /// `IMAGE_FILE_MACHINE_AMD64`: x86-64.
    public static let x86_64 = Self(rawValue: 0x8664)
    /// `IMAGE_FILE_MACHINE_ARM64`: 64-bit Arm.
    public static let arm64 = Self(rawValue: 0xAA64)
}

extension PEMachine: CustomStringConvertible {
    /// The CPU's name and the value (`arm64 (0xAA64)`), or the value alone for an unknown one.
    public var description: String {
        let value = "0x" + String(rawValue, radix: 16, uppercase: true)
        return switch self {
        case .i386: "i386 (\(value))"
        case .x86_64: "x86-64 (\(value))"
        case .arm64: "arm64 (\(value))"
        default: value
        }
    }
}
