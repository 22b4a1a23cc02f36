import BinaryIO

/// UEFI 2.10 §5.3.3 (table 5.7) — GPT Partition Entry (128 bytes).
public struct GPTPartitionEntry: Hashable, Sendable {
    /// What the partition holds, e.g. ``GUID/efiSystemPartition``; ``GUID/unused`` for an empty slot.
    public var typeGUID: GUID
    /// The partition's own unique GUID.
    public var uniqueGUID: GUID
    /// First sector of the partition.
    public var firstLBA: UInt64
    /// Last sector of the partition (inclusive).
    public var lastLBA: UInt64
    /// Attribute bits.
    public var attributes: GPTPartitionAttributes
    /// The 36 UTF-16 code units of the name field, NUL-padded, kept verbatim.
    public var nameField: [UInt16]

    /// The on-disk size of an entry (entries in an array may be larger, UEFI 2.10 §5.3.2).
    public static let size = 128
    /// The name field's size in UTF-16 code units.
    public static let nameLength = 36

    /// The all-zero entry of an unused slot.
    public static let unused = GPTPartitionEntry(
        typeGUID: .unused, uniqueGUID: .unused, firstLBA: 0, lastLBA: 0, attributes: [], name: "")

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - typeGUID: The partition type.
    ///   - uniqueGUID: The partition's GUID.
    ///   - firstLBA: First sector.
    ///   - lastLBA: Last sector, inclusive.
    ///   - attributes: Attribute bits.
    ///   - name: At most 36 UTF-16 code units.
    public init(
        typeGUID: GUID, uniqueGUID: GUID, firstLBA: UInt64, lastLBA: UInt64, attributes: GPTPartitionAttributes,
        name: String
    ) {
        let units = Array(name.utf16)
        precondition(units.count <= Self.nameLength, "a GPT partition name has at most 36 UTF-16 code units")
        self.typeGUID = typeGUID
        self.uniqueGUID = uniqueGUID
        self.firstLBA = firstLBA
        self.lastLBA = lastLBA
        self.attributes = attributes
        self.nameField = units + Array(repeating: 0, count: Self.nameLength - units.count)
    }

    /// Decodes a 128-byte entry.
    ///
    /// - Parameters:
    ///   - bytes: At least 128 bytes; the entry is read from the start.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``;
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` if a used entry ends before it starts.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "GPT partition entry")
        try reader.require(Self.size)
        typeGUID = try GUID(bytes: try reader.bytes(GUID.size), at: offset)
        uniqueGUID = try GUID(bytes: try reader.bytes(GUID.size), at: offset + 16)
        let firstOffset = reader.offset
        firstLBA = try reader.uint64LE()
        lastLBA = try reader.uint64LE()
        attributes = GPTPartitionAttributes(rawValue: try reader.uint64LE())
        var units: [UInt16] = []
        for _ in 0..<Self.nameLength { units.append(try reader.uint16LE()) }
        nameField = units
        guard typeGUID.isUnused || firstLBA <= lastLBA else {
            throw .invalidValue(
                field: "GPT partition LBA range", offset: firstOffset,
                reason: "last LBA \(lastLBA) is before first LBA \(firstLBA)")
        }
    }

    /// The 128 bytes of the entry.
    public func encode() -> [UInt8] {
        precondition(nameField.count == Self.nameLength, "a GPT partition name field has 36 UTF-16 code units")
        var writer = ByteWriter(capacity: Self.size)
        writer.append(typeGUID.encode())
        writer.append(uniqueGUID.encode())
        writer.uint64LE(firstLBA)
        writer.uint64LE(lastLBA)
        writer.uint64LE(attributes.rawValue)
        for unit in nameField { writer.uint16LE(unit) }
        return writer.bytes
    }

    /// The name: the UTF-16LE name field up to its first NUL (ill-formed code units become U+FFFD).
    public var name: String {
        String(decoding: nameField.prefix { $0 != 0 }, as: UTF16.self)
    }

    /// Whether the slot is unused (its type GUID is all zeros).
    public var isUnused: Bool { typeGUID.isUnused }

    /// The number of sectors, `lastLBA - firstLBA + 1` (0 for an unused or inverted entry).
    public var sectorCount: UInt64 {
        guard !isUnused, firstLBA <= lastLBA else { return 0 }
        let (count, overflow) = (lastLBA - firstLBA).addingReportingOverflow(1)
        return overflow ? .max : count
    }
}
