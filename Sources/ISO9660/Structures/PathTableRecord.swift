import BinaryIO

/// ECMA-119 §9.4 — Path Table Record (8 bytes + identifier, padded to even length).
public struct PathTableRecord: Hashable, Sendable {
    /// Length of the extended attribute record (§9.4.2).
    public var extendedAttributeLength: UInt8
    /// First logical block of the directory (§9.4.3).
    public var extentLBA: UInt32
    /// One-based number of the parent directory in the path table (§9.4.4).
    public var parentNumber: UInt16
    /// Directory identifier (§9.4.5); `[0]` for the root.
    public var identifier: [UInt8]

    /// Creates a record.
    public init(extentLBA: UInt32, parentNumber: UInt16, identifier: [UInt8], extendedAttributeLength: UInt8 = 0) {
        self.extendedAttributeLength = extendedAttributeLength
        self.extentLBA = extentLBA
        self.parentNumber = parentNumber
        self.identifier = identifier
    }

    /// Decodes one record from a type L (little-endian) or type M (big-endian) path table.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``,
    ///   ``DecodeError/fieldOutOfRange(field:offset:value:limit:)`` for a zero identifier length.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64, bigEndian: Bool) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "path table record")
        let identifierLength = Int(try reader.uint8())
        guard identifierLength >= 1 else {
            throw .fieldOutOfRange(field: "path table identifier length", offset: offset, value: 0, limit: 1)
        }
        extendedAttributeLength = try reader.uint8()
        extentLBA = bigEndian ? try reader.uint32BE() : try reader.uint32LE()
        parentNumber = bigEndian ? try reader.uint16BE() : try reader.uint16LE()
        identifier = Array(try reader.bytes(identifierLength))
        if identifierLength % 2 == 1, reader.remaining > 0 { try reader.skip(1) }
    }

    /// Bytes of the encoded record, always even.
    public var encodedLength: Int { 8 + identifier.count + identifier.count % 2 }

    /// The encoded record for a type L (`bigEndian: false`) or type M table.
    public func encode(bigEndian: Bool) -> [UInt8] {
        var writer = ByteWriter(capacity: encodedLength)
        writer.uint8(UInt8(identifier.count))
        writer.uint8(extendedAttributeLength)
        if bigEndian {
            writer.uint32BE(extentLBA)
            writer.uint16BE(parentNumber)
        } else {
            writer.uint32LE(extentLBA)
            writer.uint16LE(parentNumber)
        }
        writer.append(identifier)
        writer.align(to: 2)
        return writer.bytes
    }
}
