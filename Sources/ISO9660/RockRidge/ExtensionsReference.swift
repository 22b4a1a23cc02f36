import BinaryIO

/// SUSP §5.5 — ER entry: names a System Use extension (such as Rock Ridge) recorded on the volume, with a
/// description and where its specification can be found.
public struct ExtensionsReference: Hashable, Sendable {
    /// The extension identifier, e.g. `RRIP_1991A`.
    public var identifier: [UInt8]
    /// A description of the extension.
    public var descriptor: [UInt8]
    /// Where the extension's specification can be obtained.
    public var source: [UInt8]
    /// The extension version.
    public var version: UInt8

    /// The byte size of the fixed part of an ER entry.
    public static let fixedSize = 8

    /// Creates a reference from raw texts.
    public init(identifier: [UInt8], descriptor: [UInt8], source: [UInt8], version: UInt8) {
        self.identifier = identifier
        self.descriptor = descriptor
        self.source = source
        self.version = version
    }

    /// Creates a reference from text, stored as UTF-8 (the standard values are plain ASCII).
    public init(identifier: String, descriptor: String, source: String, version: UInt8) {
        self.init(
            identifier: Array(identifier.utf8), descriptor: Array(descriptor.utf8), source: Array(source.utf8),
            version: version)
    }

    /// Rock Ridge as most tools announce it: identifier `RRIP_1991A`, version 1.
    public static let rockRidge112 = ExtensionsReference(
        identifier: "RRIP_1991A",
        descriptor: "ROCK RIDGE INTERCHANGE PROTOCOL: POSIX NAMES, MODES, OWNERS, LINKS, DEVICES AND TIMES",
        source: "SEE IEEE P1282 (RRIP) AND IEEE P1281 (SUSP); CONTACT THE PUBLISHER NAMED IN THE PRIMARY VOLUME DESCRIPTOR",
        version: 1)

    /// Rock Ridge under its IEEE name: identifier `IEEE_P1282`, version 1.
    public static let ieeeP1282 = ExtensionsReference(
        identifier: "IEEE_P1282",
        descriptor: "IEEE P1282 ROCK RIDGE INTERCHANGE PROTOCOL: POSIX FILE SYSTEM SEMANTICS ON ISO 9660",
        source: "SEE THE IEEE P1282 DRAFT STANDARD, PUBLISHED BY THE IEEE STANDARDS DEPARTMENT",
        version: 1)

    /// The identifiers under which readers recognise Rock Ridge.
    public static let rockRidgeIdentifiers: Set<[UInt8]> = [
        Array("RRIP_1991A".utf8), Array("IEEE_P1282".utf8), Array("IEEE_1282".utf8),
    ]

    /// Whether this entry announces Rock Ridge (`RRIP_1991A`, `IEEE_P1282` or `IEEE_1282`).
    public var isRockRidge: Bool { Self.rockRidgeIdentifiers.contains(identifier) }

    /// The identifier as text.
    public var identifierText: String { String(decoding: identifier, as: UTF8.self) }

    /// Decodes an ER entry.
    /// - Parameters:
    ///   - bytes: The bytes starting with the entry.
    ///   - offset: The absolute file offset of `bytes.first`.
    /// - Throws: ``DecodeError/badSignature(structure:offset:expected:found:)`` unless the signature is `ER`,
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` (`"ER length"` below 8 or not matching the texts,
    ///   `"ER version"`), ``DecodeError/fieldOutOfRange(field:offset:value:limit:)`` (`"ER text lengths"`) when
    ///   the texts run past the entry, and ``DecodeError/truncated(structure:offset:needed:available:)``.
    ///
    /// Spec: IEEE P1281 (SUSP 1.12) §5.5.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = try SystemUseEntryHeader.open(bytes, at: offset, signature: "ER", length: .atLeast(Self.fixedSize))
        let lengthsOffset = reader.offset
        let identifierLength = Int(try reader.uint8())
        let descriptorLength = Int(try reader.uint8())
        let sourceLength = Int(try reader.uint8())
        version = try reader.uint8()
        let textLength = identifierLength + descriptorLength + sourceLength
        guard textLength <= reader.remaining else {
            throw .fieldOutOfRange(
                field: "ER text lengths", offset: lengthsOffset, value: UInt64(textLength), limit: UInt64(reader.remaining))
        }
        guard textLength == reader.remaining else {
            throw .invalidValue(
                field: "ER length", offset: offset + 2,
                reason: "\(reader.consumed + reader.remaining) bytes, but its texts end at byte \(reader.consumed + textLength)")
        }
        identifier = Array(try reader.bytes(identifierLength))
        descriptor = Array(try reader.bytes(descriptorLength))
        source = Array(try reader.bytes(sourceLength))
    }

    /// The bytes of the ER entry.
    ///
    /// The texts must fit one entry (247 bytes together); longer texts are a programmer error.
    public func encode() -> [UInt8] {
        precondition(
            identifier.count <= 255 && descriptor.count <= 255 && source.count <= 255, "an ER text holds at most 255 bytes")
        var writer = ByteWriter(capacity: Self.fixedSize + identifier.count + descriptor.count + source.count)
        writer.append(
            SystemUseEntryHeader.encode("ER", dataCount: Self.fixedSize - 4 + identifier.count + descriptor.count + source.count))
        writer.uint8(UInt8(identifier.count))
        writer.uint8(UInt8(descriptor.count))
        writer.uint8(UInt8(source.count))
        writer.uint8(version)
        writer.append(identifier)
        writer.append(descriptor)
        writer.append(source)
        return writer.bytes
    }
}
