import BinaryIO

/// fatgen103 §7 — Long name directory entry: 13 UCS-2 characters of a name and the checksum of its short name.
public struct FATLongNameEntry: Hashable, Sendable {
    /// The sequence number (1-based, `LDIR_Ord`), with bit 6 set on the last (first stored) entry.
    public var order: UInt8
    /// The 13 UTF-16 code units this entry holds (`LDIR_Name1`, `LDIR_Name2`, `LDIR_Name3`).
    public var characters: [UInt16]
    /// `LDIR_Type`; 0 for a name component.
    public var entryType: UInt8
    /// The checksum of the short name that follows the set (`LDIR_Chksum`).
    public var checksum: UInt8

    /// The on-disk size.
    public static let size = 32
    /// UTF-16 code units per entry.
    public static let charactersPerEntry = 13
    /// The flag in ``order`` that marks the last entry of a set.
    public static let lastEntryFlag: UInt8 = 0x40

    /// Creates an entry from its parts.
    /// - Parameters:
    ///   - order: The sequence number, with ``lastEntryFlag`` on the last one.
    ///   - characters: Exactly 13 UTF-16 code units (name, `0x0000` terminator, `0xFFFF` padding).
    ///   - checksum: ``FATShortName/checksum`` of the short name.
    public init(order: UInt8, characters: [UInt16], checksum: UInt8) {
        precondition(characters.count == Self.charactersPerEntry, "a long name entry holds 13 characters")
        self.order = order
        self.characters = characters
        entryType = 0
        self.checksum = checksum
    }

    /// Decodes a 32-byte long name entry.
    ///
    /// - Parameters:
    ///   - bytes: At least 32 bytes; the entry is read from the start.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``;
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` for an attribute byte other than `0x0F`, a sequence
    ///   number of 0 or above 20, or a first cluster other than 0.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "FAT long name entry")
        try reader.require(Self.size)
        let orderOffset = reader.offset
        order = try reader.uint8()
        let sequence = order & ~Self.lastEntryFlag
        guard (1...20).contains(sequence) else {
            throw .invalidValue(
                field: "FAT long name sequence number", offset: orderOffset, reason: "\(sequence) is not in 1…20")
        }
        var characters: [UInt16] = []
        for _ in 0..<5 { characters.append(try reader.uint16LE()) }
        let attributeOffset = reader.offset
        let attributes = try reader.uint8()
        guard attributes == FATAttributes.longName.rawValue else {
            throw .invalidValue(
                field: "FAT long name attributes", offset: attributeOffset,
                reason: "0x\(String(attributes, radix: 16)) is not 0x0f")
        }
        entryType = try reader.uint8()
        checksum = try reader.uint8()
        for _ in 0..<6 { characters.append(try reader.uint16LE()) }
        let clusterOffset = reader.offset
        let cluster = try reader.uint16LE()
        guard cluster == 0 else {
            throw .invalidValue(field: "FAT long name first cluster", offset: clusterOffset, reason: "\(cluster) is not 0")
        }
        for _ in 0..<2 { characters.append(try reader.uint16LE()) }
        self.characters = characters
    }

    /// The 32 bytes of the entry.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.size)
        writer.uint8(order)
        for unit in characters[0..<5] { writer.uint16LE(unit) }
        writer.uint8(FATAttributes.longName.rawValue)
        writer.uint8(entryType)
        writer.uint8(checksum)
        for unit in characters[5..<11] { writer.uint16LE(unit) }
        writer.uint16LE(0)
        for unit in characters[11..<13] { writer.uint16LE(unit) }
        return writer.bytes
    }

    /// The sequence number without the last-entry flag.
    public var sequence: Int { Int(order & ~Self.lastEntryFlag) }

    /// The characters before the terminator, if any.
    public var nameUnits: ArraySlice<UInt16> {
        let end = characters.firstIndex(of: 0) ?? characters.endIndex
        return characters[..<end]
    }

    /// The entries for `name`, in the order they are stored (last part first).
    /// - Parameters:
    ///   - name: At most 255 UTF-16 code units.
    ///   - checksum: The checksum of the short name stored after them.
    public static func entries(for name: String, checksum: UInt8) -> [FATLongNameEntry] {
        let units = Array(name.utf16)
        precondition(!units.isEmpty && units.count <= 255, "a long name holds 1…255 UTF-16 units")
        var padded = units
        if padded.count % charactersPerEntry != 0 { padded.append(0) }
        while padded.count % charactersPerEntry != 0 { padded.append(0xFFFF) }
        let count = padded.count / charactersPerEntry
        var result: [FATLongNameEntry] = []
        for index in (0..<count).reversed() {
            let order = UInt8(index + 1) | (index == count - 1 ? lastEntryFlag : 0)
            let part = Array(padded[index * charactersPerEntry..<(index + 1) * charactersPerEntry])
            result.append(FATLongNameEntry(order: order, characters: part, checksum: checksum))
        }
        return result
    }
}
