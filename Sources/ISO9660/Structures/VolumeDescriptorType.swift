/// ECMA-119 §8.1.1 — Volume Descriptor Type.
public struct VolumeDescriptorType: RawRepresentable, Hashable, Sendable, Codable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A boot record, e.g. El Torito (§8.2).
    public static let bootRecord = VolumeDescriptorType(rawValue: 0)
    /// The primary volume descriptor (§8.4).
    public static let primary = VolumeDescriptorType(rawValue: 1)
    /// A supplementary or enhanced volume descriptor, e.g. Joliet (§8.5).
    public static let supplementary = VolumeDescriptorType(rawValue: 2)
    /// A volume partition descriptor (§8.6).
    public static let partition = VolumeDescriptorType(rawValue: 3)
    /// The volume descriptor set terminator (§8.3).
    public static let terminator = VolumeDescriptorType(rawValue: 255)

    /// The standard identifier every ISO 9660 descriptor carries at bytes 1–5.
    public static let standardIdentifier: [UInt8] = Array("CD001".utf8)

    /// The 2048-byte sector of a volume descriptor set terminator (§8.3).
    public static func terminatorSector() -> [UInt8] {
        var sector = [UInt8](repeating: 0, count: 2048)
        sector[0] = terminator.rawValue
        sector.replaceSubrange(1..<6, with: standardIdentifier)
        sector[6] = 1
        return sector
    }
}
