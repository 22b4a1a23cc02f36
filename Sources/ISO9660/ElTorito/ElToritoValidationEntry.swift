import BinaryIO

/// El Torito 1.0 §2.1 — Validation Entry: the first 32 bytes of the boot catalog.
///
/// The sixteen little-endian 16-bit words of the entry sum to zero, and it ends with the key bytes `55 AA`.
public struct ElToritoValidationEntry: Hashable, Sendable {
    /// The platform of the default entry.
    public var platform: PlatformID
    /// Bytes 2–3; reserved, zero by the spec, kept verbatim.
    public var reserved: UInt16
    /// Bytes 4–27: the manufacturer or developer of the CD, NUL-padded.
    public var idString: [UInt8]
    /// The checksum word (bytes 28–29) that makes the words sum to zero.
    public var checksum: UInt16

    /// The on-disk size.
    public static let size = 32
    /// The header ID, byte 0.
    public static let headerID: [UInt8] = [0x01]
    /// The key bytes, 30–31.
    public static let keyBytes: [UInt8] = [0x55, 0xAA]

    /// Creates an entry with a correct checksum.
    ///
    /// - Parameters:
    ///   - platform: The platform of the default entry.
    ///   - id: At most 24 bytes of text.
    public init(platform: PlatformID, id: String = "") {
        precondition(id.utf8.count <= 24, "the El Torito ID string has 24 bytes")
        self.platform = platform
        reserved = 0
        idString = Array(id.utf8) + Array(repeating: 0, count: 24 - id.utf8.count)
        checksum = 0
        checksum = Self.balancingChecksum(of: encode())
    }

    /// Decodes the entry.
    ///
    /// - Parameters:
    ///   - bytes: At least 32 bytes; the entry is read from the start.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``;
    ///   ``DecodeError/badSignature(structure:offset:expected:found:)`` for a header ID other than 1 or key bytes
    ///   other than `55 AA`; ``DecodeError/badChecksum(structure:offset:stored:computed:)`` if the words do not sum
    ///   to zero (`computed` is the checksum that would).
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "El Torito validation entry")
        try reader.require(Self.size)
        try reader.expect(Self.headerID)
        platform = PlatformID(rawValue: try reader.uint8())
        reserved = try reader.uint16LE()
        idString = Array(try reader.bytes(24))
        checksum = try reader.uint16LE()
        try reader.expect(Self.keyBytes)
        let computed = Self.balancingChecksum(of: encode())
        guard computed == checksum else {
            throw .badChecksum(
                structure: "El Torito validation entry", offset: offset, stored: UInt64(checksum), computed: UInt64(computed))
        }
    }

    /// The 32 bytes of the entry, with the stored checksum.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.append(Self.headerID)
        writer.uint8(platform.rawValue)
        writer.uint16LE(reserved)
        writer.append(idString)
        writer.uint16LE(checksum)
        writer.append(Self.keyBytes)
        return writer.bytes
    }

    /// The ID string up to its first NUL.
    public var id: String { String(decoding: idString.prefix { $0 != 0 }, as: UTF8.self) }

    /// The checksum word that makes the words of `entry` sum to zero, ignoring the checksum bytes 28–29.
    private static func balancingChecksum(of entry: [UInt8]) -> UInt16 {
        var sum: UInt16 = 0
        for word in stride(from: 0, to: size, by: 2) where word != 28 {
            sum &+= UInt16(entry[word]) | UInt16(entry[word + 1]) << 8
        }
        return 0 &- sum
    }
}
