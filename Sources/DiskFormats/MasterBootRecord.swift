import BinaryIO

/// UEFI 2.10 §5.2.1 (table 5.1) — Legacy Master Boot Record: boot code, four partition records, `55 AA` (512 bytes).
///
/// The 446 bytes before the partition table — boot code, the unique MBR disk signature at 440 and the two bytes
/// after it — are kept verbatim.
public struct MasterBootRecord: Hashable, Sendable {
    /// Bytes 0–445: boot code (0–439), disk signature (440–443) and two reserved bytes (444–445).
    public var bootCode: [UInt8]
    /// The four partition records, in slot order.
    public var partitions: [MBRPartitionEntry]

    /// The on-disk size.
    public static let size = 512
    /// The size of the boot code area including the disk signature.
    public static let bootCodeSize = 446
    /// The boot signature at bytes 510–511.
    public static let signature: [UInt8] = [0x55, 0xAA]

    /// Creates a record from boot code and up to four partitions (the rest are empty).
    ///
    /// - Parameters:
    ///   - bootCode: At most 446 bytes; shorter code is padded with zeros.
    ///   - partitions: At most four records.
    public init(bootCode: [UInt8] = [], partitions: [MBRPartitionEntry]) {
        precondition(bootCode.count <= Self.bootCodeSize && partitions.count <= 4, "an MBR has 446 code bytes, 4 slots")
        self.bootCode = bootCode + Array(repeating: 0, count: Self.bootCodeSize - bootCode.count)
        self.partitions = partitions + Array(repeating: .empty, count: 4 - partitions.count)
    }

    /// Decodes the 512-byte sector 0.
    ///
    /// - Parameters:
    ///   - bytes: At least 512 bytes; the record is read from the start.
    ///   - offset: The absolute offset of `bytes.startIndex`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``;
    ///   ``DecodeError/badSignature(structure:offset:expected:found:)`` unless bytes 510–511 are `55 AA`;
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` for a boot indicator other than `0x00`/`0x80`.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "master boot record")
        try reader.require(Self.size)
        let code = try reader.bytes(Self.bootCodeSize)
        let table = try reader.bytes(4 * MBRPartitionEntry.size)
        try reader.expect(Self.signature)
        bootCode = Array(code)
        var partitions: [MBRPartitionEntry] = []
        for slot in 0..<4 {
            let start = table.startIndex + slot * MBRPartitionEntry.size
            partitions.append(
                try MBRPartitionEntry(
                    bytes: table[start..<start + MBRPartitionEntry.size], at: reader.offset(of: start - bytes.startIndex)))
        }
        self.partitions = partitions
    }

    /// The 512 bytes of the sector.
    public func encode() -> [UInt8] {
        precondition(bootCode.count == Self.bootCodeSize && partitions.count == 4, "an MBR has 446 code bytes, 4 slots")
        var writer = ByteWriter(capacity: Self.size)
        writer.append(bootCode)
        for partition in partitions { writer.append(partition.encode()) }
        writer.append(Self.signature)
        return writer.bytes
    }

    /// The unique MBR disk signature (bytes 440–443, little-endian).
    public var diskSignature: UInt32 {
        bootCode[440..<444].reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Whether a partition of type `0xEE` marks this as the protective MBR of a GPT disk (UEFI 2.10 §5.2.3).
    public var isProtective: Bool { partitions.contains { $0.type == .gptProtective } }
}
