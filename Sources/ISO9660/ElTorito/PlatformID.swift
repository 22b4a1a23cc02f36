/// El Torito 1.0 §2.1 (validation entry, offset 1) and §2.3 (section header, offset 1) — Platform ID.
///
/// UEFI 2.10 §3.5.1 adds `0xEF` for EFI. Unknown values are kept, so a catalog round-trips.
public struct PlatformID: RawRepresentable, Hashable, Sendable, Codable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 80x86 PC BIOS.
    public static let x86 = Self(rawValue: 0x00)
    /// PowerPC.
    public static let powerPC = Self(rawValue: 0x01)
    /// Macintosh.
    public static let mac = Self(rawValue: 0x02)
    /// UEFI (UEFI 2.10 §3.5.1.1).
    public static let efi = Self(rawValue: 0xEF)
}

extension PlatformID: CustomStringConvertible {
    public var description: String {
        switch self {
        case .x86: "BIOS"
        case .powerPC: "PowerPC"
        case .mac: "Mac"
        case .efi: "UEFI"
        default: "platform 0x\(String(rawValue, radix: 16))"
        }
    }
}
