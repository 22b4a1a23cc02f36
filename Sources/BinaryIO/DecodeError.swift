/// A structure read from an image or file could not be decoded.
///
/// Every case carries the absolute offset of the problem in the file it was read from, so a message can point at
/// the exact byte. Format modules throw this from their validating decoders and wrap it in their own error enum
/// when a higher-level rule is broken.
public enum DecodeError: Error, Hashable, Sendable {
    /// The structure needs `needed` bytes at `offset` but only `available` are left.
    case truncated(structure: String, offset: Int64, needed: Int, available: Int)
    /// A field holds a value outside its allowed range.
    case fieldOutOfRange(field: String, offset: Int64, value: UInt64, limit: UInt64)
    /// A both-byte-order field (ECMA-119 §7.2.3, §7.3.3) has halves that disagree.
    case byteOrderMismatch(field: String, offset: Int64, littleEndian: UInt64, bigEndian: UInt64)
    /// A fixed signature or magic value is wrong.
    case badSignature(structure: String, offset: Int64, expected: [UInt8], found: [UInt8])
    /// A checksum stored in the structure does not match its contents.
    case badChecksum(structure: String, offset: Int64, stored: UInt64, computed: UInt64)
    /// A field holds a value the format does not allow, for the reason given.
    case invalidValue(field: String, offset: Int64, reason: String)
}

extension DecodeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .truncated(structure, offset, needed, available):
            "\(structure) at \(Offset.describe(offset)): \(available) bytes, need \(needed)"
        case let .fieldOutOfRange(field, offset, value, limit):
            "\(field) at \(Offset.describe(offset)): value \(value) exceeds limit \(limit)"
        case let .byteOrderMismatch(field, offset, littleEndian, bigEndian):
            "\(field) at \(Offset.describe(offset)): little-endian \(littleEndian) and big-endian \(bigEndian) differ"
        case let .badSignature(structure, offset, expected, found):
            "\(structure) at \(Offset.describe(offset)): signature \(Hex.string(found)), expected \(Hex.string(expected))"
        case let .badChecksum(structure, offset, stored, computed):
            "\(structure) at \(Offset.describe(offset)): checksum 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16))"
        case let .invalidValue(field, offset, reason):
            "\(field) at \(Offset.describe(offset)): \(reason)"
        }
    }
}
