import BinaryIO

/// El Torito 1.0 §2.3 — Section Header Entry: starts a group of section entries for one platform (32 bytes).
public struct ElToritoSectionHeader: Hashable, Sendable {
    /// `0x90` when more headers follow, `0x91` for the final header.
    public var headerIndicator: UInt8
    /// The platform of the entries in this section.
    public var platform: PlatformID
    /// The number of section entries after this header.
    public var entryCount: UInt16
    /// Bytes 4–31: an ID string for the section, NUL-padded, kept verbatim.
    public var idString: [UInt8]

    /// The on-disk size.
    public static let size = 32
    /// The indicator of a header that more headers follow.
    public static let moreHeaders: UInt8 = 0x90
    /// The indicator of the final header.
    public static let finalHeader: UInt8 = 0x91

    /// Creates a header.
    ///
    /// - Parameters:
    ///   - isFinal: Whether this is the last section of the catalog.
    ///   - platform: The platform of its entries.
    ///   - entryCount: The number of entries.
    public init(isFinal: Bool, platform: PlatformID, entryCount: UInt16) {
        headerIndicator = isFinal ? Self.finalHeader : Self.moreHeaders
        self.platform = platform
        self.entryCount = entryCount
        idString = Array(repeating: 0, count: 28)
    }

    /// Decodes a header.
    ///
    /// - Parameters:
    ///   - bytes: At least 32 bytes; the header is read from the start.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``;
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` for an indicator other than `0x90`/`0x91`.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "El Torito section header")
        try reader.require(Self.size)
        headerIndicator = try reader.uint8()
        guard headerIndicator == Self.moreHeaders || headerIndicator == Self.finalHeader else {
            throw .invalidValue(
                field: "El Torito section header indicator", offset: offset,
                reason: "0x\(String(headerIndicator, radix: 16)) is neither 0x90 nor 0x91")
        }
        platform = PlatformID(rawValue: try reader.uint8())
        entryCount = try reader.uint16LE()
        idString = Array(try reader.bytes(28))
    }

    /// The 32 bytes of the header.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.uint8(headerIndicator)
        writer.uint8(platform.rawValue)
        writer.uint16LE(entryCount)
        writer.append(idString)
        return writer.bytes
    }

    /// Whether this is the final section (`0x91`).
    public var isFinal: Bool { headerIndicator == Self.finalHeader }

    /// The ID string up to its first NUL.
    public var id: String { String(decoding: idString.prefix { $0 != 0 }, as: UTF8.self) }
}
