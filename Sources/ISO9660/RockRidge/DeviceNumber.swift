import BinaryIO

/// RRIP §4.1.2 — PN entry: the device number of a block or character device (20 bytes).
public struct DeviceNumber: Hashable, Sendable {
    /// The high 32 bits of the 64-bit `dev_t` (0 on systems with 32-bit device numbers).
    public var high: UInt32
    /// The low 32 bits of the `dev_t`.
    public var low: UInt32

    /// The byte size of a PN entry.
    public static let entrySize = 20

    /// Creates a device number from its two halves.
    public init(high: UInt32, low: UInt32) {
        self.high = high
        self.low = low
    }

    /// Decodes a PN entry.
    /// - Parameters:
    ///   - bytes: The bytes starting with the entry.
    ///   - offset: The absolute file offset of `bytes.first`.
    /// - Throws: ``DecodeError/badSignature(structure:offset:expected:found:)`` unless the signature is `PN`,
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` (`"PN length"`, `"PN version"`),
    ///   ``DecodeError/byteOrderMismatch(field:offset:littleEndian:bigEndian:)`` and
    ///   ``DecodeError/truncated(structure:offset:needed:available:)``.
    ///
    /// Spec: IEEE P1282 (RRIP 1.12) §4.1.2.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = try SystemUseEntryHeader.open(bytes, at: offset, signature: "PN", length: .exactly(Self.entrySize))
        high = try reader.bothEndianUInt32(field: "PN device number high")
        low = try reader.bothEndianUInt32(field: "PN device number low")
    }

    /// The 20 bytes of the PN entry.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.entrySize)
        writer.append(SystemUseEntryHeader.encode("PN", dataCount: 16))
        writer.bothEndianUInt32(high)
        writer.bothEndianUInt32(low)
        return writer.bytes
    }
}
