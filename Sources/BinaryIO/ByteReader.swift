/// A cursor over bytes that knows the absolute offset of each byte in its file.
///
/// Decoders read fields in spec order through a `ByteReader`; every read is bounds-checked and a short read throws
/// ``DecodeError/truncated(structure:offset:needed:available:)`` with the absolute offset.
public struct ByteReader: Sendable {
    /// The bytes being read; indices are those of the original slice.
    public let bytes: ArraySlice<UInt8>
    /// The absolute file offset of `bytes.startIndex`.
    public let baseOffset: Int64
    /// The structure name used in error messages.
    public let structure: String
    /// The index of the next byte to read.
    public private(set) var index: Int

    /// Creates a reader over `bytes`, whose first byte lies at `offset` in its file.
    public init(_ bytes: ArraySlice<UInt8>, at offset: Int64, structure: String) {
        self.bytes = bytes
        self.baseOffset = offset
        self.structure = structure
        self.index = bytes.startIndex
    }

    /// Bytes not yet read.
    public var remaining: Int { bytes.endIndex - index }

    /// Bytes read so far.
    public var consumed: Int { index - bytes.startIndex }

    /// The absolute offset of the next byte.
    public var offset: Int64 { baseOffset + Int64(consumed) }

    /// The absolute offset of the byte at relative position `position` from the start.
    public func offset(of position: Int) -> Int64 { baseOffset + Int64(position) }

    /// Throws unless `count` more bytes are available.
    public func require(_ count: Int) throws(DecodeError) {
        guard count >= 0, count <= remaining else {
            throw .truncated(structure: structure, offset: offset, needed: count, available: remaining)
        }
    }

    /// Reads `count` bytes.
    public mutating func bytes(_ count: Int) throws(DecodeError) -> ArraySlice<UInt8> {
        try require(count)
        let slice = bytes[index..<(index + count)]
        index += count
        return slice
    }

    /// Skips `count` bytes.
    public mutating func skip(_ count: Int) throws(DecodeError) {
        try require(count)
        index += count
    }

    /// Reads one byte.
    public mutating func uint8() throws(DecodeError) -> UInt8 {
        try require(1)
        defer { index += 1 }
        return bytes[index]
    }

    /// Reads a little-endian 16-bit integer (ECMA-119 §7.2.1).
    public mutating func uint16LE() throws(DecodeError) -> UInt16 { UInt16(truncatingIfNeeded: try integer(2, bigEndian: false)) }

    /// Reads a big-endian 16-bit integer (ECMA-119 §7.2.2).
    public mutating func uint16BE() throws(DecodeError) -> UInt16 { UInt16(truncatingIfNeeded: try integer(2, bigEndian: true)) }

    /// Reads a little-endian 32-bit integer (ECMA-119 §7.3.1).
    public mutating func uint32LE() throws(DecodeError) -> UInt32 { UInt32(truncatingIfNeeded: try integer(4, bigEndian: false)) }

    /// Reads a big-endian 32-bit integer (ECMA-119 §7.3.2).
    public mutating func uint32BE() throws(DecodeError) -> UInt32 { UInt32(truncatingIfNeeded: try integer(4, bigEndian: true)) }

    /// Reads a little-endian 64-bit integer.
    public mutating func uint64LE() throws(DecodeError) -> UInt64 { try integer(8, bigEndian: false) }

    /// Reads a 16-bit integer stored little-endian then big-endian (ECMA-119 §7.2.3); the halves must agree.
    public mutating func bothEndianUInt16(field: String) throws(DecodeError) -> UInt16 {
        let start = offset
        let little = try uint16LE()
        let big = try uint16BE()
        guard little == big else {
            throw .byteOrderMismatch(field: field, offset: start, littleEndian: UInt64(little), bigEndian: UInt64(big))
        }
        return little
    }

    /// Reads a 32-bit integer stored little-endian then big-endian (ECMA-119 §7.3.3); the halves must agree.
    public mutating func bothEndianUInt32(field: String) throws(DecodeError) -> UInt32 {
        let start = offset
        let little = try uint32LE()
        let big = try uint32BE()
        guard little == big else {
            throw .byteOrderMismatch(field: field, offset: start, littleEndian: UInt64(little), bigEndian: UInt64(big))
        }
        return little
    }

    /// Reads a 32-bit both-byte-order integer, trusting the little-endian half when the halves disagree.
    ///
    /// Some mastering tools write a wrong big-endian half in fields that readers ignore (e.g. path table sizes);
    /// this is for such fields only.
    public mutating func lenientBothEndianUInt32() throws(DecodeError) -> UInt32 {
        let little = try uint32LE()
        _ = try uint32BE()
        return little
    }

    /// Reads a fixed-width text field and trims trailing spaces and NULs.
    public mutating func paddedString(_ count: Int) throws(DecodeError) -> String {
        let raw = try bytes(count)
        var end = raw.endIndex
        while end > raw.startIndex, raw[end - 1] == 0x20 || raw[end - 1] == 0 { end -= 1 }
        return String(decoding: raw[raw.startIndex..<end], as: UTF8.self)
    }

    /// Reads `expected.count` bytes and throws ``DecodeError/badSignature(structure:offset:expected:found:)`` unless
    /// they equal `expected`.
    public mutating func expect(_ expected: [UInt8]) throws(DecodeError) {
        let start = offset
        let found = try bytes(expected.count)
        guard found.elementsEqual(expected) else {
            throw .badSignature(structure: structure, offset: start, expected: expected, found: Array(found))
        }
    }

    private mutating func integer(_ width: Int, bigEndian: Bool) throws(DecodeError) -> UInt64 {
        let raw = try bytes(width)
        var value: UInt64 = 0
        if bigEndian {
            for byte in raw { value = value << 8 | UInt64(byte) }
        } else {
            for byte in raw.reversed() { value = value << 8 | UInt64(byte) }
        }
        return value
    }
}
