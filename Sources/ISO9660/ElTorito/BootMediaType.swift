/// El Torito 1.0 §2.2 (default entry, offset 1, bits 0–3) — Boot media type: how the BIOS presents the image.
///
/// Unknown values (5–15 are reserved) are kept, so a catalog round-trips.
public struct BootMediaType: RawRepresentable, Hashable, Sendable, Codable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// No emulation: the image is loaded as is and run (GRUB `eltorito.img`, isolinux, EFI images).
    public static let noEmulation = Self(rawValue: 0)
    /// 1.2 MB floppy emulation.
    public static let floppy12 = Self(rawValue: 1)
    /// 1.44 MB floppy emulation.
    public static let floppy144 = Self(rawValue: 2)
    /// 2.88 MB floppy emulation.
    public static let floppy288 = Self(rawValue: 3)
    /// Hard disk emulation (the image starts with an MBR).
    public static let hardDisk = Self(rawValue: 4)
}

extension BootMediaType: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noEmulation: "no emulation"
        case .floppy12: "1.2 MB floppy"
        case .floppy144: "1.44 MB floppy"
        case .floppy288: "2.88 MB floppy"
        case .hardDisk: "hard disk"
        default: "media type \(rawValue)"
        }
    }
}
