import BinaryIO

/// SUSP §5.1 — CE entry: where the System Use entries of a file continue (28 bytes).
public struct ContinuationArea: Hashable, Sendable {
    /// The logical block that holds the continuation area.
    public var blockLBA: UInt32
    /// The byte offset of the area inside that block.
    public var offset: UInt32
    /// The length of the area in bytes.
    public var length: UInt32

    /// The byte size of a CE entry.
    public static let entrySize = 28

    /// Creates a reference to `length` bytes at `offset` in block `blockLBA`.
    public init(blockLBA: UInt32, offset: UInt32, length: UInt32) {
        self.blockLBA = blockLBA
        self.offset = offset
        self.length = length
    }

    /// Decodes a CE entry.
    /// - Parameters:
    ///   - bytes: The bytes starting with the entry.
    ///   - offset: The absolute file offset of `bytes.first`.
    /// - Throws: ``DecodeError/badSignature(structure:offset:expected:found:)`` unless the signature is `CE`,
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` (`"CE length"`, `"CE version"`),
    ///   ``DecodeError/byteOrderMismatch(field:offset:littleEndian:bigEndian:)`` and
    ///   ``DecodeError/truncated(structure:offset:needed:available:)``.
    ///
    /// Spec: IEEE P1281 (SUSP 1.12) §5.1.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = try SystemUseEntryHeader.open(bytes, at: offset, signature: "CE", length: .exactly(Self.entrySize))
        blockLBA = try reader.bothEndianUInt32(field: "CE block location")
        self.offset = try reader.bothEndianUInt32(field: "CE offset")
        length = try reader.bothEndianUInt32(field: "CE length of continuation area")
    }

    /// The 28 bytes of the CE entry.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.entrySize)
        writer.append(SystemUseEntryHeader.encode("CE", dataCount: 24))
        writer.bothEndianUInt32(blockLBA)
        writer.bothEndianUInt32(offset)
        writer.bothEndianUInt32(length)
        return writer.bytes
    }

    /// The absolute byte offset of the area for a logical block size of `blockSize` bytes.
    public func byteOffset(blockSize: Int64 = Offset.sectorSize) -> Int64 {
        Int64(blockLBA) * blockSize + Int64(offset)
    }
}
