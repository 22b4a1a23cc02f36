import BinaryIO

/// SUSP §4.1 — the four bytes every System Use Entry starts with: a two-byte signature, the entry length (header
/// included) and the entry version.
struct SystemUseEntryHeader: Hashable, Sendable {
    /// The byte size of the header.
    static let size = 4

    /// The length rule of an entry kind.
    enum LengthRule: Hashable, Sendable {
        /// The entry always has this many bytes.
        case exactly(Int)
        /// The entry has one of these lengths.
        case oneOf([Int])
        /// The entry has at least this many bytes (a fixed part followed by variable data).
        case atLeast(Int)

        func allows(_ length: Int) -> Bool {
            switch self {
            case let .exactly(size): length == size
            case let .oneOf(sizes): sizes.contains(length)
            case let .atLeast(size): length >= size
            }
        }

        var expectation: String {
            switch self {
            case let .exactly(size): "expected \(size)"
            case let .oneOf(sizes): "expected " + sizes.map(String.init).joined(separator: " or ")
            case let .atLeast(size): "expected at least \(size)"
            }
        }
    }

    /// The two signature bytes, e.g. `PX`.
    var signature: [UInt8]
    /// The entry length in bytes, header included.
    var length: Int
    /// The entry version.
    var version: UInt8

    /// Reads the header of the entry at the start of `bytes` without checking it against any entry kind.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` if fewer than 4 bytes are given.
    init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "system use entry")
        signature = Array(try reader.bytes(2))
        length = Int(try reader.uint8())
        version = try reader.uint8()
    }

    /// Checks that `bytes` starts with a version 1 entry of the given signature and length rule, and returns a reader
    /// over exactly that entry, positioned after its header.
    /// - Throws: ``DecodeError/badSignature(structure:offset:expected:found:)`` for another signature,
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` (`"XX length"`, `"XX version"`) for a length the rule
    ///   does not allow or a version other than 1, and ``DecodeError/truncated(structure:offset:needed:available:)``
    ///   if the entry runs past `bytes`.
    static func open(
        _ bytes: ArraySlice<UInt8>, at offset: Int64, signature: String, length rule: LengthRule
    ) throws(DecodeError) -> ByteReader {
        let structure = "\(signature) entry"
        var reader = ByteReader(bytes, at: offset, structure: structure)
        if !bytes.starts(with: signature.utf8) { try reader.expect(Array(signature.utf8)) }
        try reader.skip(signature.utf8.count)
        let lengthOffset = reader.offset
        let length = Int(try reader.uint8())
        guard rule.allows(length) else {
            throw .invalidValue(
                field: "\(signature) length", offset: lengthOffset, reason: "\(length) bytes, \(rule.expectation)")
        }
        let versionOffset = reader.offset
        let version = try reader.uint8()
        guard version == 1 else {
            throw .invalidValue(field: "\(signature) version", offset: versionOffset, reason: "version \(version), expected 1")
        }
        var whole = ByteReader(bytes, at: offset, structure: structure)
        var entry = ByteReader(try whole.bytes(length), at: offset, structure: structure)
        try entry.skip(size)
        return entry
    }

    /// The header bytes of a version 1 entry with `signature` and `dataCount` bytes after the header.
    ///
    /// Entries are at most 255 bytes; building a larger one is a programmer error.
    static func encode(_ signature: String, dataCount: Int) -> [UInt8] {
        let length = size + dataCount
        precondition(length <= 255, "a System Use Entry holds at most 255 bytes, \(signature) needs \(length)")
        return Array(signature.utf8) + [UInt8(length), 1]
    }
}
