import BinaryIO

/// ECMA-119 §8.4 / §8.5 — Primary or Supplementary Volume Descriptor (2048 bytes; Joliet uses the latter).
///
/// Text fields are kept as raw bytes so that a supplementary descriptor's UCS-2 text and any padding survive a
/// round trip; ``text(_:)`` decodes them.
public struct VolumeDescriptor: Hashable, Sendable {
    /// Primary (1) or supplementary/enhanced (2).
    public var type: VolumeDescriptorType
    /// Descriptor version: 1, or 2 for an enhanced volume descriptor (§8.5.2).
    public var version: UInt8
    /// Volume flags (§8.5.3); zero in a primary descriptor.
    public var volumeFlags: UInt8
    /// System identifier, 32 bytes (§8.4.5).
    public var systemIdentifier: [UInt8]
    /// Volume identifier, 32 bytes (§8.4.6).
    public var volumeIdentifier: [UInt8]
    /// Logical blocks in the volume (§8.4.8).
    public var volumeSpaceSize: UInt32
    /// Escape sequences, 32 bytes (§8.5.6); `%/@`, `%/C` or `%/E` select Joliet UCS-2 levels 1–3.
    public var escapeSequences: [UInt8]
    /// Volume set size (§8.4.10).
    public var volumeSetSize: UInt16
    /// Volume sequence number (§8.4.11).
    public var volumeSequenceNumber: UInt16
    /// Logical block size in bytes (§8.4.12); 2048 on every real image.
    public var logicalBlockSize: UInt16
    /// Bytes in the path table (§8.4.13).
    public var pathTableSize: UInt32
    /// Type L path table location (§8.4.14).
    public var typeLPathTableLBA: UInt32
    /// Optional type L path table location (§8.4.15).
    public var optionalTypeLPathTableLBA: UInt32
    /// Type M path table location (§8.4.16).
    public var typeMPathTableLBA: UInt32
    /// Optional type M path table location (§8.4.17).
    public var optionalTypeMPathTableLBA: UInt32
    /// The root directory's record (§8.4.18), 34 bytes.
    public var rootDirectoryRecord: DirectoryRecord
    /// Volume set identifier, 128 bytes (§8.4.19).
    public var volumeSetIdentifier: [UInt8]
    /// Publisher identifier, 128 bytes (§8.4.20).
    public var publisherIdentifier: [UInt8]
    /// Data preparer identifier, 128 bytes (§8.4.21).
    public var dataPreparerIdentifier: [UInt8]
    /// Application identifier, 128 bytes (§8.4.22).
    public var applicationIdentifier: [UInt8]
    /// Copyright file identifier, 37 bytes (§8.4.23).
    public var copyrightFileIdentifier: [UInt8]
    /// Abstract file identifier, 37 bytes (§8.4.24).
    public var abstractFileIdentifier: [UInt8]
    /// Bibliographic file identifier, 37 bytes (§8.4.25).
    public var bibliographicFileIdentifier: [UInt8]
    /// Volume creation date (§8.4.26).
    public var creationDate: VolumeDate
    /// Volume modification date (§8.4.27).
    public var modificationDate: VolumeDate
    /// Volume expiration date (§8.4.28).
    public var expirationDate: VolumeDate
    /// Volume effective date (§8.4.29).
    public var effectiveDate: VolumeDate
    /// File structure version (§8.4.31).
    public var fileStructureVersion: UInt8
    /// Application use, 512 bytes (§8.4.33), then the 653 reserved bytes, kept verbatim.
    public var applicationUse: [UInt8]
    /// Byte 882 and bytes 1395–2047, reserved; kept verbatim for byte-exact re-encoding.
    public var reserved: [UInt8]

    /// The size of every volume descriptor.
    public static let size = 2048

    /// Decodes a primary or supplementary volume descriptor.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``,
    ///   ``DecodeError/badSignature(structure:offset:expected:found:)`` for a missing `CD001`,
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` for another descriptor type or a block size other
    ///   than 2048, ``DecodeError/byteOrderMismatch(field:offset:littleEndian:bigEndian:)``.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "volume descriptor")
        try reader.require(Self.size)
        type = VolumeDescriptorType(rawValue: try reader.uint8())
        guard type == .primary || type == .supplementary else {
            throw .invalidValue(
                field: "volume descriptor type", offset: offset, reason: "type \(type.rawValue) is not 1 or 2")
        }
        try reader.expect(VolumeDescriptorType.standardIdentifier)
        version = try reader.uint8()
        volumeFlags = try reader.uint8()
        systemIdentifier = Array(try reader.bytes(32))
        volumeIdentifier = Array(try reader.bytes(32))
        let unused72 = Array(try reader.bytes(8))
        volumeSpaceSize = try reader.bothEndianUInt32(field: "volume space size")
        escapeSequences = Array(try reader.bytes(32))
        volumeSetSize = try reader.bothEndianUInt16(field: "volume set size")
        volumeSequenceNumber = try reader.bothEndianUInt16(field: "volume sequence number")
        let blockSizeOffset = reader.offset
        logicalBlockSize = try reader.bothEndianUInt16(field: "logical block size")
        guard logicalBlockSize == 2048 else {
            throw .invalidValue(
                field: "logical block size", offset: blockSizeOffset,
                reason: "\(logicalBlockSize) bytes; only 2048 is supported")
        }
        pathTableSize = try reader.lenientBothEndianUInt32()
        typeLPathTableLBA = try reader.uint32LE()
        optionalTypeLPathTableLBA = try reader.uint32LE()
        typeMPathTableLBA = try reader.uint32BE()
        optionalTypeMPathTableLBA = try reader.uint32BE()
        let rootOffset = reader.offset
        rootDirectoryRecord = try DirectoryRecord(bytes: try reader.bytes(34), at: rootOffset)
        volumeSetIdentifier = Array(try reader.bytes(128))
        publisherIdentifier = Array(try reader.bytes(128))
        dataPreparerIdentifier = Array(try reader.bytes(128))
        applicationIdentifier = Array(try reader.bytes(128))
        copyrightFileIdentifier = Array(try reader.bytes(37))
        abstractFileIdentifier = Array(try reader.bytes(37))
        bibliographicFileIdentifier = Array(try reader.bytes(37))
        creationDate = try VolumeDate(bytes: try reader.bytes(17), at: reader.offset - 17)
        modificationDate = try VolumeDate(bytes: try reader.bytes(17), at: reader.offset - 17)
        expirationDate = try VolumeDate(bytes: try reader.bytes(17), at: reader.offset - 17)
        effectiveDate = try VolumeDate(bytes: try reader.bytes(17), at: reader.offset - 17)
        fileStructureVersion = try reader.uint8()
        let reserved882 = try reader.uint8()
        applicationUse = Array(try reader.bytes(512))
        reserved = unused72 + [reserved882] + Array(try reader.bytes(653))
    }

    /// Creates a descriptor with every identifier blank and dates unspecified; the writer fills in the rest.
    public init(type: VolumeDescriptorType, rootDirectoryRecord: DirectoryRecord) {
        self.type = type
        version = 1
        volumeFlags = 0
        systemIdentifier = Self.blank(32)
        volumeIdentifier = Self.blank(32)
        volumeSpaceSize = 0
        escapeSequences = [UInt8](repeating: 0, count: 32)
        volumeSetSize = 1
        volumeSequenceNumber = 1
        logicalBlockSize = 2048
        pathTableSize = 0
        typeLPathTableLBA = 0
        optionalTypeLPathTableLBA = 0
        typeMPathTableLBA = 0
        optionalTypeMPathTableLBA = 0
        self.rootDirectoryRecord = rootDirectoryRecord
        volumeSetIdentifier = Self.blank(128)
        publisherIdentifier = Self.blank(128)
        dataPreparerIdentifier = Self.blank(128)
        applicationIdentifier = Self.blank(128)
        copyrightFileIdentifier = Self.blank(37)
        abstractFileIdentifier = Self.blank(37)
        bibliographicFileIdentifier = Self.blank(37)
        creationDate = .unspecified
        modificationDate = .unspecified
        expirationDate = .unspecified
        effectiveDate = .unspecified
        fileStructureVersion = 1
        applicationUse = [UInt8](repeating: 0x20, count: 512)
        reserved = [UInt8](repeating: 0, count: 8 + 1 + 653)
    }

    /// The 2048 encoded bytes.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.uint8(type.rawValue)
        writer.append(VolumeDescriptorType.standardIdentifier)
        writer.uint8(version)
        writer.uint8(volumeFlags)
        writer.padded(systemIdentifier, width: 32)
        writer.padded(volumeIdentifier, width: 32)
        writer.append(reserved[0..<8])
        writer.bothEndianUInt32(volumeSpaceSize)
        writer.padded(escapeSequences, width: 32, pad: 0)
        writer.bothEndianUInt16(volumeSetSize)
        writer.bothEndianUInt16(volumeSequenceNumber)
        writer.bothEndianUInt16(logicalBlockSize)
        writer.bothEndianUInt32(pathTableSize)
        writer.uint32LE(typeLPathTableLBA)
        writer.uint32LE(optionalTypeLPathTableLBA)
        writer.uint32BE(typeMPathTableLBA)
        writer.uint32BE(optionalTypeMPathTableLBA)
        writer.append(rootDirectoryRecord.encode())
        writer.padded(volumeSetIdentifier, width: 128)
        writer.padded(publisherIdentifier, width: 128)
        writer.padded(dataPreparerIdentifier, width: 128)
        writer.padded(applicationIdentifier, width: 128)
        writer.padded(copyrightFileIdentifier, width: 37)
        writer.padded(abstractFileIdentifier, width: 37)
        writer.padded(bibliographicFileIdentifier, width: 37)
        writer.append(creationDate.encode())
        writer.append(modificationDate.encode())
        writer.append(expirationDate.encode())
        writer.append(effectiveDate.encode())
        writer.uint8(fileStructureVersion)
        writer.uint8(reserved[8])
        writer.padded(applicationUse, width: 512, pad: 0x20)
        writer.append(reserved[9...])
        return writer.bytes
    }

    /// True when this is a supplementary descriptor whose escape sequences select Joliet UCS-2 (levels 1–3).
    public var isJoliet: Bool {
        guard type == .supplementary else { return false }
        let sequences: [[UInt8]] = [[0x25, 0x2F, 0x40], [0x25, 0x2F, 0x43], [0x25, 0x2F, 0x45]]
        return sequences.contains { Array(escapeSequences.prefix(3)) == $0 }
    }

    /// Decodes a text field: UCS-2 big-endian in a Joliet descriptor, otherwise bytes as UTF-8; trailing spaces and
    /// NULs trimmed.
    public func text(_ field: [UInt8]) -> String {
        let raw: String
        if isJoliet {
            var units: [UInt16] = []
            var index = 0
            while index + 1 < field.count {
                units.append(UInt16(field[index]) << 8 | UInt16(field[index + 1]))
                index += 2
            }
            raw = String(decoding: units, as: UTF16.self)
        } else {
            raw = String(decoding: field, as: UTF8.self)
        }
        var trimmed = Substring(raw)
        while let last = trimmed.last, last == " " || last == "\0" { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// The text of a field for this descriptor: UCS-2 big-endian in Joliet (padded with UCS-2 spaces), otherwise
    /// ASCII bytes, cut to `width`.
    public func field(_ text: String, width: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        if isJoliet {
            for unit in text.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            bytes = Array(bytes.prefix(width - width % 2))
            while bytes.count + 1 < width { bytes += [0x00, 0x20] }
        } else {
            bytes = Array(text.utf8.prefix(width))
        }
        while bytes.count < width { bytes.append(0x20) }
        return bytes
    }

    private static func blank(_ width: Int) -> [UInt8] { [UInt8](repeating: 0x20, count: width) }
}
