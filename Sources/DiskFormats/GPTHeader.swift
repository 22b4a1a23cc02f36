import BinaryIO

/// UEFI 2.10 §5.3.2 (table 5.5) — GPT Header (92 bytes or more; the rest of its sector is zero).
///
/// The decoder checks the signature, revision, header size, the header CRC and the internal consistency of the
/// fields; the entry array CRC is checked by ``GPTPartitionTable`` when it reads the array.
public struct GPTHeader: Hashable, Sendable {
    /// Revision; 1.0 is `0x0001_0000`.
    public var revision: UInt32
    /// Bytes covered by ``headerCRC32``: 92 or more.
    public var headerSize: UInt32
    /// CRC-32 of the first ``headerSize`` bytes with this field taken as zero.
    public var headerCRC32: UInt32
    /// Bytes 20–23; must be zero.
    public var reserved: UInt32
    /// The sector that holds this header.
    public var myLBA: UInt64
    /// The sector that holds the other header (backup for the primary, primary for the backup).
    public var alternateLBA: UInt64
    /// First sector partitions may use.
    public var firstUsableLBA: UInt64
    /// Last sector partitions may use (inclusive).
    public var lastUsableLBA: UInt64
    /// The disk's GUID.
    public var diskGUID: GUID
    /// First sector of the partition entry array this header describes.
    public var partitionEntryLBA: UInt64
    /// Number of slots in the entry array.
    public var numberOfPartitionEntries: UInt32
    /// Size of one slot: 128 × 2ⁿ bytes.
    public var sizeOfPartitionEntry: UInt32
    /// CRC-32 of the whole entry array (``numberOfPartitionEntries`` × ``sizeOfPartitionEntry`` bytes).
    public var partitionEntryArrayCRC32: UInt32
    /// Bytes 92 up to ``headerSize``, kept verbatim (they count in the header CRC).
    public var extraBytes: [UInt8]

    /// The signature `EFI PART`.
    public static let signature: [UInt8] = Array("EFI PART".utf8)
    /// Revision 1.0.
    public static let revision1 = UInt32(0x0001_0000)
    /// The size of the defined fields.
    public static let minimumSize = 92
    /// The largest entry array (count × size) a decoder accepts: 4 MiB, far above the 16 KiB every tool writes.
    public static let maximumEntryArrayBytes = 4 << 20

    /// Creates a header; ``headerCRC32`` is computed.
    public init(
        myLBA: UInt64, alternateLBA: UInt64, firstUsableLBA: UInt64, lastUsableLBA: UInt64, diskGUID: GUID,
        partitionEntryLBA: UInt64, numberOfPartitionEntries: UInt32, sizeOfPartitionEntry: UInt32 = 128,
        partitionEntryArrayCRC32: UInt32
    ) {
        revision = Self.revision1
        headerSize = UInt32(Self.minimumSize)
        headerCRC32 = 0
        reserved = 0
        self.myLBA = myLBA
        self.alternateLBA = alternateLBA
        self.firstUsableLBA = firstUsableLBA
        self.lastUsableLBA = lastUsableLBA
        self.diskGUID = diskGUID
        self.partitionEntryLBA = partitionEntryLBA
        self.numberOfPartitionEntries = numberOfPartitionEntries
        self.sizeOfPartitionEntry = sizeOfPartitionEntry
        self.partitionEntryArrayCRC32 = partitionEntryArrayCRC32
        extraBytes = []
        updateHeaderCRC32()
    }

    /// Decodes a header.
    ///
    /// - Parameters:
    ///   - bytes: The header's sector (at least ``headerSize`` bytes).
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``;
    ///   ``DecodeError/badSignature(structure:offset:expected:found:)`` unless it starts with `EFI PART`;
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` for a revision other than 1.x, an entry size that is
    ///   not 128 × 2ⁿ, a header size below 92, a usable range that ends before it starts, or
    ///   `myLBA == alternateLBA`; ``DecodeError/fieldOutOfRange(field:offset:value:limit:)`` for a header size
    ///   over `bytes.count` (the sector)
    ///   or an entry array over ``maximumEntryArrayBytes``;
    ///   ``DecodeError/badChecksum(structure:offset:stored:computed:)`` if the header CRC does not match.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "GPT header")
        try reader.require(Self.minimumSize)
        try reader.expect(Self.signature)
        revision = try reader.uint32LE()
        guard revision >> 16 == 1 else {
            throw .invalidValue(
                field: "GPT revision", offset: offset + 8, reason: "0x\(String(revision, radix: 16)) is not 1.x")
        }
        headerSize = try reader.uint32LE()
        guard headerSize >= Self.minimumSize else {
            throw .invalidValue(field: "GPT header size", offset: offset + 12, reason: "\(headerSize) is below 92")
        }
        guard Int(headerSize) <= bytes.count else {
            throw .fieldOutOfRange(
                field: "GPT header size", offset: offset + 12, value: UInt64(headerSize), limit: UInt64(bytes.count))
        }
        headerCRC32 = try reader.uint32LE()
        reserved = try reader.uint32LE()
        myLBA = try reader.uint64LE()
        alternateLBA = try reader.uint64LE()
        firstUsableLBA = try reader.uint64LE()
        lastUsableLBA = try reader.uint64LE()
        diskGUID = try GUID(bytes: try reader.bytes(GUID.size), at: offset + 56)
        partitionEntryLBA = try reader.uint64LE()
        numberOfPartitionEntries = try reader.uint32LE()
        sizeOfPartitionEntry = try reader.uint32LE()
        partitionEntryArrayCRC32 = try reader.uint32LE()
        extraBytes = Array(try reader.bytes(Int(headerSize) - Self.minimumSize))

        let computed = Self.crc32(of: bytes.prefix(Int(headerSize)))
        guard computed == headerCRC32 else {
            throw .badChecksum(structure: "GPT header", offset: offset, stored: UInt64(headerCRC32), computed: UInt64(computed))
        }
        guard myLBA != alternateLBA else {
            throw .invalidValue(field: "GPT alternate LBA", offset: offset + 32, reason: "equals my LBA \(myLBA)")
        }
        guard firstUsableLBA <= lastUsableLBA else {
            throw .invalidValue(
                field: "GPT usable LBA range", offset: offset + 40,
                reason: "last usable LBA \(lastUsableLBA) is before first usable LBA \(firstUsableLBA)")
        }
        guard sizeOfPartitionEntry >= GPTPartitionEntry.size, sizeOfPartitionEntry % 128 == 0,
            (sizeOfPartitionEntry / 128).nonzeroBitCount == 1
        else {
            throw .invalidValue(
                field: "GPT partition entry size", offset: offset + 84, reason: "\(sizeOfPartitionEntry) is not 128 × 2ⁿ")
        }
        let arrayBytes = UInt64(numberOfPartitionEntries) * UInt64(sizeOfPartitionEntry)
        guard arrayBytes <= UInt64(Self.maximumEntryArrayBytes) else {
            throw .fieldOutOfRange(
                field: "GPT partition entry array size", offset: offset + 80, value: arrayBytes,
                limit: UInt64(Self.maximumEntryArrayBytes))
        }
    }

    /// The ``headerSize`` bytes of the header, with the stored ``headerCRC32``.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Int(headerSize))
        writer.append(Self.signature)
        writer.uint32LE(revision)
        writer.uint32LE(headerSize)
        writer.uint32LE(headerCRC32)
        writer.uint32LE(reserved)
        writer.uint64LE(myLBA)
        writer.uint64LE(alternateLBA)
        writer.uint64LE(firstUsableLBA)
        writer.uint64LE(lastUsableLBA)
        writer.append(diskGUID.encode())
        writer.uint64LE(partitionEntryLBA)
        writer.uint32LE(numberOfPartitionEntries)
        writer.uint32LE(sizeOfPartitionEntry)
        writer.uint32LE(partitionEntryArrayCRC32)
        writer.append(extraBytes)
        return writer.bytes
    }

    /// Sets ``headerCRC32`` to the CRC of the other fields; call after changing any of them.
    public mutating func updateHeaderCRC32() {
        headerCRC32 = Self.crc32(of: encode()[...])
    }

    /// The size of the entry array in bytes.
    public var partitionEntryArrayBytes: Int { Int(numberOfPartitionEntries) * Int(sizeOfPartitionEntry) }

    /// The CRC of a header's bytes with the CRC field (bytes 16–19) taken as zero.
    private static func crc32(of header: ArraySlice<UInt8>) -> UInt32 {
        var crc = CRC32()
        let start = header.startIndex
        crc.update(header[start..<start + 16])
        crc.update([0, 0, 0, 0])
        crc.update(header[(start + 20)...])
        return crc.value
    }
}
